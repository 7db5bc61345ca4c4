"""Smoke tests, as a reader would: load, search, switch palette, answer the warm-up."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_home_loads_without_console_errors(page, site_url, console_errors):
    page.goto(site_url, wait_until="networkidle")
    expect(page.locator("h1")).to_contain_text("Protéger les données de santé")
    assert console_errors == []


def test_french_search_returns_results(page, site_url):
    page.goto(site_url)
    page.get_by_role("textbox", name="Rechercher").first.click()
    page.keyboard.type("données")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    assert results.count() > 0


def index_requests(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if "search_index" in r.url else None)
    return requests


@pytest.mark.parametrize("opening", ["click", "shortcut", "phone"])
def test_search_index_loads_only_when_the_reader_opens_search(page, site_url, opening):
    # docs/assets/javascripts/search-on-demand.js holds Material's request back until then.
    if opening == "phone":
        page.set_viewport_size({"width": 390, "height": 844})
    requests = index_requests(page)
    page.goto(site_url + "chapitres/04-menaces/", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert requests == []
    if opening == "click":
        page.get_by_role("textbox", name="Rechercher").first.click()
    elif opening == "shortcut":
        page.keyboard.press("s")
    else:
        page.locator('label[for="__search"]:visible').first.click()
    page.keyboard.type("rançongiciel")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    assert len(requests) == 1


def test_palette_toggle_switches_and_persists(page, site_url):
    page.emulate_media(color_scheme="light")
    page.goto(site_url)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator('label[title="Passer au thème sombre"]:visible').click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.goto(site_url + "a-propos/")  # the choice follows the reader to other pages
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator('label[title="Passer au thème clair"]:visible').click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


def test_palette_follows_a_dark_system_preference_until_the_reader_chooses(page, site_url):
    page.emulate_media(color_scheme="dark")
    page.goto(site_url)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator(".md-header__option label:visible")).to_have_count(1)
    page.locator('label[title="Passer au thème clair"]:visible').click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


def test_warm_up_wrong_answer_shows_feedback(page, site_url):
    page.goto(site_url + "#echauffement")
    quiz = page.locator(".quiz").first
    quiz.get_by_label("Non : seules les données enregistrées").check()
    feedback = quiz.locator(".quiz-feedback")
    expect(feedback).to_be_visible()
    expect(feedback).to_contain_text("le support ne compte pas")  # the option's own feedback
    expect(quiz.locator("section.content")).to_be_visible()  # the explanation
