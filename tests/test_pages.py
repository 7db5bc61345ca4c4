"""Every built page is French, titled, described and dated."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.content  # `make check`: the content rules, in seconds


def _pages(html_pages):
    return [p for p in html_pages if p.name == "index.html" or p.name == "404.html"]


def test_site_has_the_day_one_pages(site_dir):
    for page in ("index.html", "a-propos/index.html", "confidentialite/index.html",
                 "accessibilite/index.html", "mentions-legales/index.html"):
        assert (site_dir / page).is_file(), page


def test_every_page_is_french_titled_and_described(site_dir, html_pages):
    problems = []
    for path in html_pages:
        html = path.read_text(encoding="utf-8")
        name = path.relative_to(site_dir)
        if not re.search(r'<html[^>]*\blang="fr"', html):
            problems.append(f"{name}: no lang=fr")
        if not re.search(r"<title>[^<]{3,}</title>", html):
            problems.append(f"{name}: no title")
        if path.name != "404.html" and not re.search(r'<meta name="description" content="[^"]{20,}"', html):
            problems.append(f"{name}: no meta description")
    assert not problems, "\n".join(problems)


def test_every_content_page_shows_its_review_date(site_dir, html_pages):
    missing = [
        str(p.relative_to(site_dir)) for p in html_pages
        if p.name != "404.html" and "print_page" not in str(p)
        and not re.search(r'Dernière relecture :\s*<time datetime="\d{4}-\d\d-\d\d">', p.read_text("utf-8"))
    ]
    assert not missing, missing


def test_mentions_legales_takes_the_publisher_from_config(variants_site):
    # built with conftest.VARIANT_ENV: EDITEUR_NOM=Cabinet Exemple
    html = (variants_site / "mentions-legales" / "index.html").read_text("utf-8")
    assert "Cabinet Exemple" in html
