"""Chapter quizzes as a learner uses them: feedback, progress kept in the browser, reset."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
QUIZ_PAGE = "chapitres/02-dmp-mon-espace-sante/quiz/"
# What may be in localStorage: mkdocs-quiz progress, Material's preferences (scoped by path),
# and the course's own tools (attestation, self-audit), all under known prefixes.
ALLOWED_KEYS = re.compile(r"^(quiz_progress_/|/[^ ]*\.__[a-z]+$|pds-)")


def first_choice_quiz(page):
    return page.locator(".quiz:not(.quiz-fill-blank)").first


def answer_first_choice_quiz_correctly(page):
    quiz = first_choice_quiz(page)
    quiz.locator("input[data-correct]").first.check()
    submit = quiz.locator("button[type=submit]")
    if submit.is_visible():  # multiple-choice questions need a submit, single-choice ones do not
        submit.click()
    return quiz


def test_right_answer_shows_success_and_explanation(page, site_url):
    page.goto(site_url + QUIZ_PAGE)
    quiz = answer_first_choice_quiz_correctly(page)
    expect(quiz.locator(".quiz-feedback")).to_be_visible()
    expect(quiz.locator(".quiz-feedback")).to_contain_text("Bonne réponse")
    expect(quiz.locator("section.content")).to_be_visible()


def test_progress_survives_a_reload_and_reset_clears_it(page, site_url):
    page.goto(site_url + QUIZ_PAGE)
    quiz = answer_first_choice_quiz_correctly(page)
    expect(quiz.locator("section.content")).to_be_visible()
    page.reload()
    quiz = first_choice_quiz(page)
    expect(quiz.locator("input[data-correct]").first).to_be_checked()
    expect(quiz.locator("section.content")).to_be_visible()
    assert any(k.startswith("quiz_progress_") for k in page.evaluate("Object.keys(localStorage)"))
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".quiz-intro-reset").click()
    expect(first_choice_quiz(page).locator("input[data-correct]").first).not_to_be_checked()
    page.reload()
    expect(first_choice_quiz(page).locator("input[data-correct]").first).not_to_be_checked()


def test_local_storage_holds_only_progress_and_preferences(page, site_url):
    page.goto(site_url + QUIZ_PAGE)
    first_choice_quiz(page).locator("input").first.check()
    page.locator('label[title="Passer au thème sombre"]:visible, label[title="Passer au thème clair"]:visible').first.click()
    page.goto(site_url + "chapitres/01-donnees-de-sante/")
    page.get_by_role("textbox", name="Rechercher").first.click()
    page.keyboard.type("secret")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    keys = page.evaluate("Object.keys(localStorage)")
    assert keys and all(ALLOWED_KEYS.match(k) for k in keys), keys
    assert page.context.cookies() == []


def test_storage_check_catches_a_foreign_key():
    assert not ALLOWED_KEYS.match("_ga")
    assert not ALLOWED_KEYS.match("tracking-id")
