#!/usr/bin/env bash
# Installs what the tests, `make slides` and `make bench` need beyond Python packages:
# Debian's Chromium, and Node.js with npm (Marp CLI, scorm-again, Lighthouse: see package.json).
# Browsers are never downloaded by a test tool; Playwright and Marp drive /usr/bin/chromium.
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
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installation de ${missing[*]} (paquets Debian)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
  echo "Installation de ${missing[*]} (paquets Debian, via sudo)…"
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Introuvable : ${missing[*]}. Installez les paquets « chromium » et « npm »," >&2
  echo "ou indiquez le chemin de Chromium : make test CHROMIUM=/chemin/vers/chromium" >&2
  exit 1
fi
