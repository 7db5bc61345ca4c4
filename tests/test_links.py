"""linkchecker over the served site: zero broken internal links or anchors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, serve_directory

CONFIG = ROOT / "tests" / "linkchecker.ini"


def run_linkchecker(url: str, *options: str) -> subprocess.CompletedProcess:
    linkchecker = Path(sys.executable).with_name("linkchecker")
    return subprocess.run(
        [str(linkchecker), "--config", str(CONFIG), "--no-robots", *options, url],
        capture_output=True, text=True, timeout=600,
    )


def test_no_broken_internal_link_or_anchor(site_url):
    result = run_linkchecker(site_url)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


def test_linkchecker_catches_seeded_broken_link_and_anchor(site_dir, tmp_path):
    # A small page set: a start page, the seeded page and the one whose anchor it gets wrong.
    for name in ("a-propos", "confidentialite"):
        shutil.copytree(site_dir / name, tmp_path / name)
    (tmp_path / "index.html").write_text('<a href="a-propos/">À propos</a>', encoding="utf-8")
    page = tmp_path / "a-propos" / "index.html"
    page.write_text(page.read_text("utf-8").replace(
        "</article>",
        '<a href="../page-disparue/">x</a><a href="../confidentialite/#ancre-disparue">y</a></article>',
        1), encoding="utf-8")
    with serve_directory(tmp_path) as url:
        # Level 2: the start page, then every link of the seeded page (assets and pages left
        # out of the copy are reported too; the assertions look for the two seeded ones).
        result = run_linkchecker(url, "--recursion-level=2")
    assert result.returncode != 0
    assert "page-disparue" in result.stdout
    assert "ancre-disparue" in result.stdout
