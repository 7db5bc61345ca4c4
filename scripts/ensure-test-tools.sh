#!/usr/bin/env bash
# Installs what the tests need beyond Python packages: Debian's Chromium, and npm for the npm
# tools (scorm-again in tests/test_scorm.py, Lighthouse for make bench).
# Browsers are never downloaded by a test tool; Playwright drives /usr/bin/chromium.
set -euo pipefail

if ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "Installation de npm (paquet Debian)…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
  else
    echo "npm est introuvable. Installez Node.js et npm (paquet « npm »)." >&2
    exit 1
  fi
fi

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installation de Chromium (paquet Debian)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
  echo "Installation de Chromium (paquet Debian, via sudo)…"
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Chromium est introuvable ($CHROMIUM). Installez-le (paquet « chromium »)" >&2
  echo "ou indiquez son chemin : make test CHROMIUM=/chemin/vers/chromium" >&2
  exit 1
fi
