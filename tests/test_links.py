"""Internal links of the built site: linkchecker fetches every page and asset over HTTP, and
one pass over the HTML files checks every anchor (#fragment) that a link points to.

linkchecker's own anchor plugin fetches and parses a page again for each distinct
« page#anchor » link, about 2 500 times for this site: minutes of the suite for what one
reading of 61 files does in a second."""

from __future__ import annotations

import html.parser
import posixpath
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import ROOT, serve_directory

CONFIG = ROOT / "tests" / "linkchecker.ini"
# Published beside the site by the Pages workflow, not part of the build (as in linkchecker.ini).
NOT_BUILT = ("telechargements/",)


def run_linkchecker(url: str, *options: str) -> subprocess.CompletedProcess:
    linkchecker = Path(sys.executable).with_name("linkchecker")
    return subprocess.run(
        [str(linkchecker), "--config", str(CONFIG), "--no-robots", *options, url],
        capture_output=True, text=True, timeout=600,
    )


class _LinksAndIds(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []  # (line, href)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(name):
                self.ids.add(attributes[name])
        if tag == "a" and attributes.get("href"):
            self.links.append((self.getpos()[0], attributes["href"]))


def _target(page: str, href: str) -> str | None:
    """The site-relative file a link leads to, or None when it leaves the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page
    path = parts.path if parts.path.startswith("/") else posixpath.join(posixpath.dirname(page), parts.path)
    path = posixpath.normpath(unquote(path)).lstrip("/")
    if path in ("", "."):
        path = ""
    if parts.path.endswith("/") or not posixpath.splitext(path)[1]:
        path = posixpath.join(path, "index.html")
    return path


def broken_anchors(site: Path) -> list[str]:
    """Every internal link whose #fragment names no element of its target page, as
    « page:line: href »."""
    pages: dict[str, _LinksAndIds] = {}
    for file in sorted(site.rglob("*.html")):
        parser = _LinksAndIds()
        parser.feed(file.read_text("utf-8"))
        pages[file.relative_to(site).as_posix()] = parser
    broken = []
    for page, parsed in pages.items():
        for line, href in parsed.links:
            fragment = unquote(urlsplit(href).fragment)
            target = _target(page, href)
            if not fragment or target is None or target.startswith(NOT_BUILT):
                continue
            if target not in pages or fragment not in pages[target].ids:
                broken.append(f"{page}:{line}: {href}")
    return broken


def test_no_broken_internal_link(site_url):
    result = run_linkchecker(site_url)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


def test_no_broken_anchor(site_dir):
    assert broken_anchors(site_dir) == []


def test_linkchecker_catches_seeded_broken_link(site_dir, tmp_path):
    # A small page set: a start page and the seeded page.
    shutil.copytree(site_dir / "a-propos", tmp_path / "a-propos")
    (tmp_path / "index.html").write_text('<a href="a-propos/">À propos</a>', encoding="utf-8")
    page = tmp_path / "a-propos" / "index.html"
    page.write_text(page.read_text("utf-8").replace(
        "</article>", '<a href="../page-disparue/">x</a></article>', 1), encoding="utf-8")
    with serve_directory(tmp_path) as url:
        # Level 2: the start page, then every link of the seeded page (assets and pages left
        # out of the copy are reported too; the assertion looks for the seeded one).
        result = run_linkchecker(url, "--recursion-level=2")
    assert result.returncode != 0
    assert "page-disparue" in result.stdout, result.stdout[-6000:]


def test_anchor_check_catches_seeded_missing_anchors(site_dir, tmp_path):
    for name in ("a-propos", "confidentialite"):
        shutil.copytree(site_dir / name, tmp_path / name)
    page = tmp_path / "a-propos" / "index.html"
    page.write_text(page.read_text("utf-8").replace(
        "</article>",
        '<a href="../confidentialite/#ancre-disparue">y</a><a href="#ici-non-plus">z</a>'
        '<a href="../confidentialite/#stockage-local">ok</a></article>', 1), encoding="utf-8")
    broken = broken_anchors(tmp_path)
    assert [entry.split(": ", 1)[1] for entry in broken] == [
        "../confidentialite/#ancre-disparue", "#ici-non-plus"], broken
    assert all(entry.startswith("a-propos/index.html:") for entry in broken), broken
