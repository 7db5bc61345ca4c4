"""linkchecker over the served site: zero broken internal links or anchors."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from conftest import ROOT

CONFIG = ROOT / "tests" / "linkchecker.ini"


def run_linkchecker(url: str) -> subprocess.CompletedProcess:
    linkchecker = Path(sys.executable).with_name("linkchecker")
    return subprocess.run(
        [str(linkchecker), "--config", str(CONFIG), "--no-robots", url],
        capture_output=True, text=True, timeout=600,
    )


def serve(directory: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_no_broken_internal_link_or_anchor(site_url):
    result = run_linkchecker(site_url)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


def test_linkchecker_catches_seeded_broken_link_and_anchor(site_dir, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    page = copy / "a-propos" / "index.html"
    page.write_text(page.read_text("utf-8").replace(
        "</article>",
        '<a href="../page-disparue/">x</a><a href="../confidentialite/#ancre-disparue">y</a></article>',
        1), encoding="utf-8")
    server = serve(copy)
    try:
        result = run_linkchecker(f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
    assert result.returncode != 0
    assert "page-disparue" in result.stdout
    assert "ancre-disparue" in result.stdout
