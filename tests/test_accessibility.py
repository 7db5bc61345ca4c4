"""Accessibility: axe-core on every page in both palettes, keyboard use, headings, alternatives."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from playwright.sync_api import expect

from conftest import axe_violations


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violation_on_any_page(site_visits, scheme):
    # One load per page (conftest.visit_every_page): every rule in light, then the colour
    # rules again after the reader's switch to dark.
    visits, _ = site_visits
    problems = {path: getattr(visit, f"axe_{scheme}") for path, visit in visits.items()}
    problems = {path: found for path, found in problems.items() if found}
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())


@pytest.mark.browser
def test_no_page_logs_a_console_error(site_visits):
    visits, _ = site_visits
    problems = {path: visit.console_errors for path, visit in visits.items() if visit.console_errors}
    assert not problems, problems


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_answered_quiz_and_open_search(axe_page, site_url, scheme):
    axe_page.emulate_media(color_scheme=scheme)
    # Transitions at a quarter speed, as on a busy machine: axe must wait for the settled page
    # (it used to read the search results mid-fade and report contrast errors).
    cdp = axe_page.context.new_cdp_session(axe_page)
    cdp.send("Animation.enable")
    cdp.send("Animation.setPlaybackRate", {"playbackRate": 0.25})
    axe_page.goto(site_url + "chapitres/01-donnees-de-sante/quiz/", wait_until="networkidle")
    quizzes = axe_page.locator(".quiz:not(.quiz-fill-blank)")
    quizzes.nth(0).locator("input[data-correct]").first.check()
    quizzes.nth(1).locator("input:not([data-correct])").first.check()
    submit = quizzes.nth(1).locator("button[type=submit]")
    if submit.is_visible():
        submit.click()
    assert axe_violations(axe_page) == []
    axe_page.get_by_role("textbox", name="Rechercher").first.click()
    axe_page.keyboard.type("mot de passe")
    expect(axe_page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    assert axe_violations(axe_page) == []


@pytest.mark.browser
def test_axe_check_catches_a_seeded_violation(axe_page, site_url):
    axe_page.goto(site_url + "a-propos/")
    axe_page.evaluate("""() => {
        const p = document.createElement("p");
        p.textContent = "Texte peu contrasté";
        p.style.color = "#bbbbbb";
        document.querySelector("article").prepend(p);
        document.querySelector("article").append(Object.assign(document.createElement("img"), {src: "x.png"}));
    }""")
    ids = {v.split(":")[0] for v in axe_violations(axe_page)}
    assert {"color-contrast", "image-alt"} <= ids


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []
        self.images: list[dict] = []
        self.in_article = False

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.in_article = True
        if self.in_article and re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        if tag == "img":
            self.images.append(dict(attrs))

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = False


def heading_problems(html: str) -> list[str]:
    parsed = _Headings()
    parsed.feed(html)
    problems = []
    if parsed.levels[:1] != [1] or parsed.levels.count(1) != 1:
        problems.append(f"one h1 first expected, got {parsed.levels[:3]}")
    for before, after in zip(parsed.levels, parsed.levels[1:]):
        if after > before + 1:
            problems.append(f"h{before} followed by h{after}")
    for image in parsed.images:
        if "alt" not in image:
            problems.append(f"image without alt: {image.get('src')}")
    return problems


def test_headings_in_order_and_images_described(site_dir, html_pages):
    problems = {}
    for path in html_pages:
        if path.name == "404.html":
            continue
        found = heading_problems(path.read_text("utf-8"))
        if found:
            problems[str(path.relative_to(site_dir))] = found
    assert not problems, problems


def test_heading_check_catches_seeded_defects():
    html = '<article><h1>T</h1><h2>A</h2><h4>B</h4><img src="x.svg"></article>'
    assert heading_problems(html) == ["h2 followed by h4", "image without alt: x.svg"]


def test_figures_have_a_real_text_alternative(html_pages):
    for path in html_pages:
        for figure in re.findall(r"<figure.*?</figure>", path.read_text("utf-8"), re.S):
            for alt in re.findall(r'<img[^>]*\salt="([^"]*)"', figure):
                assert len(alt) >= 30, (path, alt)


@pytest.mark.browser
def test_skip_link_reaches_the_content(page, site_url):
    page.goto(site_url + "chapitres/03-rgpd-obligations/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text(re.compile("Aller au contenu"))
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#rgpd-et-obligations-du-professionnel-de-sante"


@pytest.mark.browser
def test_focus_is_always_visible_while_tabbing(page, site_url):
    page.goto(site_url + "chapitres/01-donnees-de-sante/quiz/")
    invisible = []
    for _ in range(40):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
            const el = document.activeElement, style = getComputedStyle(el);
            const visible = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
                || style.boxShadow !== "none";
            return [el.tagName + "." + el.className, visible];
        }""")
        if not info[1]:
            invisible.append(info[0])
    assert not invisible, invisible


@pytest.mark.browser
def test_palette_toggle_works_with_the_keyboard(page, site_url):
    page.emulate_media(color_scheme="light")
    page.goto(site_url)
    body = page.locator("body")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "__palette":
            break
    else:
        pytest.fail("the palette toggle is not reachable with Tab")
    page.keyboard.press("Enter")
    if body.get_attribute("data-md-color-scheme") != "slate":
        page.keyboard.press("Space")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")


@pytest.mark.browser
def test_quiz_answered_with_the_keyboard_alone(page, site_url):
    page.goto(site_url + "#echauffement")
    first = page.locator(".quiz").first
    first.locator("input").first.focus()
    page.keyboard.press("ArrowDown")  # moves to and selects the second option (a wrong one)
    expect(first.locator(".quiz-feedback")).to_be_visible()
    expect(first.locator(".quiz-feedback")).to_have_attribute("aria-live", "polite")
