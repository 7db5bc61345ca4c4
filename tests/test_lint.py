"""Lint: ruff for the project's Python, ESLint for its own browser scripts; each can fail."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

RUFF = Path(sys.executable).with_name("ruff")
ESLINT = ROOT / "node_modules" / ".bin" / "eslint"


def ruff(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(RUFF), "check", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True)


def eslint(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(ESLINT), *args], cwd=ROOT, input=stdin, capture_output=True, text=True)


def test_python_passes_ruff():
    result = ruff(".")
    assert result.returncode == 0, result.stdout


def test_ruff_catches_a_seeded_unused_import():
    result = ruff("--stdin-filename", "hooks/seeded.py", "-", stdin="import os\n")
    assert result.returncode == 1 and "F401" in result.stdout


@pytest.mark.skipif(not ESLINT.exists(), reason="npm tools not installed (make test installs them)")
def test_own_scripts_pass_eslint():
    result = eslint("docs/assets/javascripts")
    assert result.returncode == 0, result.stdout


@pytest.mark.skipif(not ESLINT.exists(), reason="npm tools not installed (make test installs them)")
def test_eslint_catches_a_seeded_undefined_name_and_skips_vendored_code():
    result = eslint("--stdin", "--stdin-filename", "docs/assets/javascripts/seeded.js",
                    stdin='(function () { "use strict"; undefinedHelper(); })();\n')
    assert result.returncode == 1 and "no-undef" in result.stdout
    vendored = eslint("--stdin", "--stdin-filename", "docs/assets/javascripts/vendor/x/seeded.js",
                      stdin="undefinedHelper();\n")
    assert "no-undef" not in vendored.stdout


def test_make_check_and_make_test_lint():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert makefile.count("ruff check .") >= 2 and makefile.count("eslint docs/assets/javascripts") >= 2
    assert shutil.which("make")
