"""The chapters' slide decks (slides/): each builds with Marp CLI into HTML and PDF (one run
per format for all decks), has a title slide, speaker notes and a sources slide with official
links cited in its chapter; opened in Chromium, an HTML deck asks nothing from another origin,
logs no error, has no slide whose text overflows and no axe violation. Seeded defects show
that each check can fail."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pypdf
import pytest

from conftest import CHROMIUM, ROOT, axe_violations, load_module

SLIDES = ROOT / "slides"
CHECKER = load_module(ROOT / "scripts" / "check_slides.py")
DECKS = CHECKER.decks(SLIDES)
CHAPTERS = sorted(p.name for p in (ROOT / "docs" / "chapitres").iterdir() if p.is_dir())
MARP = ROOT / "node_modules" / ".bin" / "marp"


def marp(*args: str) -> subprocess.CompletedProcess:
    """One Marp CLI run over every deck of slides/, as `make slides` does."""
    if not MARP.exists():
        pytest.skip("Marp CLI missing: run `npm ci` (make test does)")
    env = {**os.environ, "CHROME_PATH": CHROMIUM, "CHROME_NO_SANDBOX": "1",
           "CHROME_DISABLE_GPU": "1"}
    return subprocess.run(
        [str(MARP), "--config-file", str(SLIDES / "marp.config.yml"),
         "--input-dir", str(SLIDES), *args],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)


# Session scope: pytest-playwright groups browser tests apart from the others, and a module
# fixture would be built again when the module's tests come back after that reordering.
@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Every deck built once, HTML then PDF, into a temporary folder."""
    out = tmp_path_factory.mktemp("diaporamas")
    for args in ((), ("--pdf", "--pdf-notes", "--pdf-outlines")):
        result = marp("--output", str(out), *args)
        assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_one_deck_per_chapter():
    assert [d.name.split("-", 1)[0] for d in DECKS] == [c.split("-", 1)[0] for c in CHAPTERS]


def test_every_deck_passes_the_checker():
    problems = [p for deck in DECKS for p in CHECKER.check_deck(deck, ROOT / "docs")]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("seed, expected", [
    ("sources", "no « Sources » slide"),
    ("notes", "has no speaker notes"),
    ("title", "the first slide must be the title slide"),
    ("link", "link not cited in 01-donnees-de-sante/"),
])
def test_checker_catches_a_seeded_defect(tmp_path, seed, expected):
    copy = tmp_path / "slides"
    shutil.copytree(SLIDES, copy)
    deck = copy / DECKS[0].name
    text = deck.read_text("utf-8")
    if seed == "sources":
        text = text.replace("## Sources", "## Pour en savoir plus")
    elif seed == "notes":  # the notes of the first content slide go
        first = text.index("\n---\n", text.index("_class: titre"))
        start = text.index("<!--\n", first)
        text = text[:start] + text[text.index("-->", start) + 3:]
    elif seed == "title":
        text = text.replace("<!-- _class: titre -->\n", "", 1)
    elif seed == "link":
        text = text.replace("](https://www.cnil.fr/fr/quest-ce-ce-quune-donnee-de-sante)",
                            "](https://www.cnil.fr/fr/une-page-absente-du-chapitre)", 1)
    deck.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_slides.py"), str(copy),
         "--docs", str(ROOT / "docs")], capture_output=True, text=True)
    assert result.returncode == 1
    assert re.search(rf"{re.escape(str(deck))}:\d+: .*{re.escape(expected)}", result.stderr), \
        result.stderr


def test_every_deck_builds_to_html_and_pdf(built):
    """The PDF has a page per slide and the speaker notes as text annotations."""
    for deck in DECKS:
        _, slides = CHECKER.split_slides(deck.read_text("utf-8"))
        html = built / deck.with_suffix(".html").name
        pdf = pypdf.PdfReader(built / deck.with_suffix(".pdf").name)
        assert html.stat().st_size > 10_000, html
        assert len(pdf.pages) == len(slides), deck.name
        notes = [a.get_object().get("/Contents") for page in pdf.pages
                 for a in page.get("/Annots") or [] if a.get_object().get("/Subtype") == "/Text"]
        assert len(notes) == sum(1 for s in slides if s.notes), deck.name


def test_html_decks_have_title_notes_and_sources(built):
    for deck in DECKS:
        html = (built / deck.with_suffix(".html").name).read_text("utf-8")
        _, slides = CHECKER.split_slides(deck.read_text("utf-8"))
        sections = re.findall(r'<section\b[^>]*\bid="(\d+)"', html)
        assert len(sections) == len(slides), deck.name
        assert re.search(r'<section\b[^>]*class="titre"[^>]*>\s*<h1', html), deck.name
        assert '<h2 id="sources">Sources</h2>' in html, deck.name
        notes = re.findall(r'<div class="bespoke-marp-note" data-index="(\d+)"', html)
        assert len(notes) == sum(1 for s in slides if s.notes), deck.name
        assert '<html lang="fr"' in html, deck.name
        assert not re.search(r"""(src|href)=["']?(https?:)?//""",
                             re.sub(r'<a href="https?://[^"]*"', "", html)), deck.name


# Marp clips a slide's overflowing text without a word: find the slides whose content is
# taller than the slide (top and bottom of the content, against the section's height).
OVERFLOWING = """() => [...document.querySelectorAll('svg[data-marpit-svg] > foreignObject > section')]
  .map((s, i) => {
    const box = s.getBoundingClientRect();
    const kids = [...s.children].filter(k => !['HEADER', 'FOOTER'].includes(k.tagName));
    const top = Math.min(...kids.map(k => k.getBoundingClientRect().top)) - box.top;
    const bottom = Math.max(...kids.map(k => k.getBoundingClientRect().bottom)) - box.top;
    return kids.length && (top < 0 || bottom > box.height || s.scrollHeight > s.clientHeight)
      ? i + 1 : 0;
  }).filter(Boolean)"""


def open_decks(browser, urls: list[str]) -> dict[str, list[str]]:
    """Open each deck from disk as a trainer would, walk to its last slide, then open its
    presenter view. Returns what was seen: requests that were not for a local file, console
    errors, slides whose text overflows, and axe's WCAG 2.1 AA violations on opening."""
    context = browser.new_context(reduced_motion="reduce")
    seen: dict[str, list[str]] = {"remote": [], "errors": [], "overflowing": [], "axe": []}
    remote, errors = seen["remote"], seen["errors"]
    context.on("request", lambda r: remote.append(r.url)
               if urlparse(r.url).scheme not in ("file", "data", "about", "blob") else None)
    try:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        for url in urls:
            page.goto(url)
            seen["overflowing"] += [f"{url} slide {n}" for n in page.evaluate(OVERFLOWING)]
            seen["axe"] += [f"{url}: {v}" for v in axe_violations(page)]
            page.keyboard.press("End")
            page.wait_for_function("location.hash !== '' && location.hash !== '#1'")
            page.goto(url + "?view=presenter")
            page.wait_for_selector(".bespoke-marp-presenter-container")
            page.wait_for_load_state("networkidle")
        return seen
    finally:
        context.close()


@pytest.mark.browser
def test_html_decks_request_nothing_from_another_origin_and_pass_axe(built, browser):
    urls = [(built / d.with_suffix(".html").name).as_uri() for d in DECKS]
    seen = open_decks(browser, urls)
    assert not seen["remote"], seen["remote"]
    assert not seen["errors"], seen["errors"]
    assert not seen["overflowing"], seen["overflowing"]
    assert not seen["axe"], seen["axe"]


@pytest.mark.browser
def test_a_remote_request_and_an_overflow_are_caught(built, browser, tmp_path):
    """Seeded: a deck that loads an image from another site, and whose second slide has
    far too many lines."""
    html = (built / DECKS[0].with_suffix(".html").name).read_text("utf-8")
    html = html.replace("</body>", '<img src="https://example.org/x.png"></body>')
    second = html.index("</ul>", html.index('id="2"'))
    html = html[:second] + "<li>Une ligne de trop</li>" * 20 + html[second:]
    seeded = tmp_path / "seeded.html"
    seeded.write_text(html, encoding="utf-8")
    seen = open_decks(browser, [seeded.as_uri()])
    assert seen["remote"] and set(seen["remote"]) == {"https://example.org/x.png"}, seen
    assert seen["overflowing"] == [f"{seeded.as_uri()} slide 2"], seen
