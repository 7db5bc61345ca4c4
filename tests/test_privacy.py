"""No request to another origin, no cookie: checked in the HTML and in a real browser."""

from __future__ import annotations

import importlib.util
import re
from urllib.parse import urlparse

import pytest

from conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "no_external_assets", ROOT / "overrides" / "hooks" / "no_external_assets.py")
no_external_assets = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(no_external_assets)

CSS_EXTERNAL = re.compile(r"url\(\s*[\"']?\s*(?:https?:)?//", re.I)
CSS_IMPORT = re.compile(r"@import\s+[\"']?(?:url\()?\s*[\"']?(?:https?:)?//", re.I)


def test_static_checker_catches_seeded_third_party_assets():
    seeded = (
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="//cdn.example.net/x.js"></script><img src="https://t.example/p.gif">'
        '<a href="https://www.cnil.fr/">lien</a><link rel="canonical" href="https://x.example/">'
    )
    found = no_external_assets.external_requests(seeded)
    assert found == ["https://fonts.googleapis.com/css?family=Roboto",
                     "//cdn.example.net/x.js", "https://t.example/p.gif"]


def test_no_built_page_references_another_origin(site_dir, html_pages):
    offenders = {}
    for path in html_pages:
        found = no_external_assets.external_requests(path.read_text("utf-8"))
        if found:
            offenders[str(path.relative_to(site_dir))] = found
    assert not offenders, offenders


def test_no_stylesheet_fetches_another_origin(site_dir):
    offenders = [
        str(css.relative_to(site_dir)) for css in site_dir.rglob("*.css")
        if CSS_EXTERNAL.search(css.read_text("utf-8")) or CSS_IMPORT.search(css.read_text("utf-8"))
    ]
    assert not offenders, offenders


def _page_urls(site_dir, site_url):
    return [
        site_url + str(p.relative_to(site_dir).parent).replace(".", "").strip("/") + ("/" if p.parent != site_dir else "")
        for p in sorted(site_dir.rglob("index.html"))
    ]


def _foreign_requests(page, url, site_url):
    origin = urlparse(site_url).netloc
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url)
            if urlparse(r.url).scheme in ("http", "https", "ws", "wss")
            and urlparse(r.url).netloc != origin else None)
    page.goto(url, wait_until="networkidle")
    return foreign


@pytest.mark.browser
def test_browser_sees_no_third_party_request_and_no_cookie(page, site_dir, site_url):
    problems = []
    for url in _page_urls(site_dir, site_url):
        foreign = _foreign_requests(page, url, site_url)
        if foreign:
            problems.append(f"{url}: {foreign}")
    cookies = page.context.cookies()
    assert not problems, "\n".join(problems)
    assert cookies == []


@pytest.mark.browser
def test_browser_check_catches_a_seeded_third_party_request(page, site_url):
    # Inject an external script into a real page: the request listener must see it.
    page.route("https://cdn.example.net/**", lambda route: route.abort())
    page.route(site_url + "a-propos/", lambda route: route.fulfill(
        status=200, content_type="text/html",
        body='<html lang="fr"><head><script src="https://cdn.example.net/x.js"></script></head></html>'))
    assert _foreign_requests(page, site_url + "a-propos/", site_url) == ["https://cdn.example.net/x.js"]
