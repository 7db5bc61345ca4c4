"""No request to another origin, no cookie: checked in the HTML and in a real browser."""

from __future__ import annotations

import re

import pytest

from conftest import load_hook, watch_page

no_external_assets = load_hook("no_external_assets")

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


@pytest.mark.browser
def test_browser_sees_no_third_party_request_and_no_cookie(site_visits):
    # Every page loaded once in a real browser (conftest.visit_every_page).
    visits, cookies = site_visits
    problems = [f"{path}: {visit.foreign_requests}" for path, visit in visits.items()
                if visit.foreign_requests]
    assert not problems, "\n".join(problems)
    assert cookies == []


@pytest.mark.browser
def test_browser_check_catches_a_seeded_third_party_request(page, site_url):
    # Inject an external script into a real page: the request listener must see it.
    page.route("https://cdn.example.net/**", lambda route: route.abort())
    page.route(site_url + "a-propos/", lambda route: route.fulfill(
        status=200, content_type="text/html",
        body='<html lang="fr"><head><script src="https://cdn.example.net/x.js"></script>'
             '<script>console.error("seeded")</script></head></html>'))
    foreign, errors = watch_page(page, site_url)
    page.goto(site_url + "a-propos/", wait_until="networkidle")
    assert foreign == ["https://cdn.example.net/x.js"]
    assert "seeded" in errors  # the console errors of the same sweep are recorded too
