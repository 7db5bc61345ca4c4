"""The offline edition works from file://: navigation and search, no server, no network."""

from __future__ import annotations

import subprocess
import zipfile

import pytest
from playwright.sync_api import expect

from conftest import ROOT, load_hook

pytestmark = pytest.mark.browser


# Session scope: pytest-playwright groups browser tests apart from the others, and a module
# fixture would be built again when the module's tests come back after that reordering.
@pytest.fixture(scope="session")
def offline_home(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")  # nothing is written into the checkout
    result = subprocess.run(["make", "offline", f"DIST={dist}"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(dist / "proteger-donnees-sante-hors-ligne.zip") as archive:
        archive.extractall(target)
    home = target / "hors-ligne" / "index.html"
    assert home.is_file()
    return home


def test_offline_edition_navigates_and_searches_from_file(page, offline_home, console_errors):
    network: list[str] = []
    page.on("request", lambda r: network.append(r.url) if not r.url.startswith("file:") else None)
    page.goto(offline_home.as_uri())
    page.locator("a.md-nav__link", has_text="1. Données de santé").first.click()
    expect(page.locator("h1")).to_contain_text("Qu'est-ce qu'une donnée de santé ?")
    assert page.url.startswith("file:") and page.url.endswith("index.html")
    page.get_by_role("textbox", name="Rechercher").first.click()
    page.keyboard.type("rançongiciel")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    assert network == []
    assert console_errors == []


def test_offline_zip_has_no_remote_reference(offline_home):
    module = load_hook("no_external_assets")
    for html in offline_home.parent.rglob("*.html"):
        assert module.external_requests(html.read_text("utf-8")) == [], html
