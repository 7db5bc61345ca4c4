"""« Mises en situation » (docs/mises-en-situation/): scenario pages, their decision banks, and
how a learner plays one on a phone.

The page checker is a plain function over the Markdown source; it and the bank checker
(scripts/check_quizzes.py) are each shown to catch a seeded defect with file and line.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs_quiz.qti.extractor import extract_quizzes_from_file
from playwright.sync_api import expect

from conftest import ROOT, axe_violations

sys.path.insert(0, str(ROOT / "scripts"))
import check_quizzes  # noqa: E402

PAGES = ROOT / "docs" / "mises-en-situation"
BANKS = ROOT / "quizzes" / "mises-en-situation"
ROLES = {"Professionnel libéral": "liberal", "Établissement": "etablissement",
         "Secrétariat et accueil": "secretariat"}
INCLUDE = re.compile(r'\{% include-markdown "\.\./\.\./quizzes/mises-en-situation/([\w-]+)\.md" %\}')
CHAPTER_LINK = re.compile(r"\]\(\.\./chapitres/([\w-]+)/([\w-]+)\.md#([\w-]+)\)")
ANCHOR = re.compile(r"\{\s*#([\w-]+)")
PLAYED = "courriel-du-lundi"


def scenario_pages(directory: Path = PAGES) -> list[Path]:
    return sorted(p for p in directory.glob("*.md") if p.name != "index.md")


def front_matter(text: str) -> dict:
    return yaml.safe_load(text[4:].split("\n---\n", 1)[0]) if text.startswith("---\n") else {}


def section(text: str, anchor: str) -> tuple[int, str]:
    """(line number, Markdown) of the `## … {#anchor}` section; (0, "") if absent."""
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        if line.startswith("## ") and re.search(r"\{\s*#" + anchor + r"\b", line):
            body = []
            for following in lines[number:]:
                if following.startswith("## "):
                    break
                body.append(following)
            return number, "\n".join(body)
    return 0, ""


def page_problems(path: Path, root: Path = ROOT) -> list[str]:
    """What a scenario page lacks, as `file:line: problem` (line 1 for whole-page problems)."""
    text = path.read_text(encoding="utf-8")
    name = path.relative_to(root) if path.is_relative_to(root) else path
    meta, problems = front_matter(text), []
    duree = meta.get("duree")
    if not isinstance(duree, int) or not 2 <= duree <= 30:
        problems.append(f"{name}:1: front matter needs `duree`, whole minutes between 2 and 30")
    elif f"Durée estimée : {duree} minutes" not in text:
        problems.append(f"{name}:1: the « Exercice fictif » box must state « Durée estimée : {duree} minutes »")
    tags = meta.get("tags") or []
    if not tags or not set(tags) <= set(ROLES):
        problems.append(f"{name}:1: tags must be one or more of {sorted(ROLES)}, got {tags}")
    if '!!! exercice "Exercice fictif"' not in text:
        problems.append(f"{name}:1: no « !!! exercice \"Exercice fictif\" » box")
    for anchor in ("situation", "decisions", "debrief", "sources"):
        if not section(text, anchor)[0]:
            problems.append(f"{name}:1: no section {{#{anchor}}}")
        elif not re.search(r"^## .*\{ #" + anchor + r" data-search-exclude \}$", text, re.M):
            # the search index budget (tests/test_budgets.py) leaves room for titles and the
            # who/where/when lines of every scenario, not for their bodies
            problems.append(f"{name}:{section(text, anchor)[0]}: write the heading's id as "
                            f"{{ #{anchor} data-search-exclude }}")
    line, decisions = section(text, "decisions")
    include = INCLUDE.search(decisions)
    if line and not include:
        problems.append(f"{name}:{line}: decisions section does not include a bank from quizzes/mises-en-situation/")
    elif include:
        if "<!-- mkdocs-quiz intro -->" not in decisions.split(include.group(0))[0]:
            problems.append(f"{name}:{line}: put <!-- mkdocs-quiz intro --> (the reset button) before the bank")
        bank = root / "quizzes" / "mises-en-situation" / f"{include.group(1)}.md"
        if not bank.exists():
            problems.append(f"{name}:{line}: included bank {bank.relative_to(root)} does not exist")
        else:
            problems += check_quizzes.check_bank(bank, {})
    line, debrief = section(text, "debrief")
    links = CHAPTER_LINK.findall(debrief)
    if line and not links:
        problems.append(f"{name}:{line}: debrief has no link to a chapter section (../chapitres/…/….md#anchor)")
    for chapter, page, anchor in links:
        target = root / "docs" / "chapitres" / chapter / f"{page}.md"
        if not target.exists() or anchor not in ANCHOR.findall(target.read_text(encoding="utf-8")):
            problems.append(f"{name}:{line}: debrief links to a missing section {chapter}/{page}.md#{anchor}")
    if re.search(r"<a\s[^>]*href", section(text, "situation")[1]):
        problems.append(f"{name}:1: a trap link in the situation must be a `lien-piege` span, not <a href>")
    return problems


def copy_scenarios(destination: Path) -> Path:
    """The scenario pages and banks, with the chapters their debriefs link to, in a scratch tree."""
    for part in ("docs/mises-en-situation", "quizzes/mises-en-situation", "docs/chapitres"):
        shutil.copytree(ROOT / part, destination / part)
    return destination


# --- Source checks ---------------------------------------------------------------------------

def test_there_are_scenario_pages():
    assert len(scenario_pages()) >= 6


@pytest.mark.parametrize("page", scenario_pages(), ids=lambda p: p.stem)
def test_scenario_page_has_situation_decisions_debrief_duration_and_sources(page):
    assert page_problems(page) == []


@pytest.mark.parametrize("page", scenario_pages(), ids=lambda p: p.stem)
def test_every_decision_has_feedback_on_every_answer(page):
    bank = BANKS / page.name
    quizzes = extract_quizzes_from_file(bank)
    assert 2 <= len(quizzes) <= 4
    for quiz in quizzes:
        assert len(quiz.correct_answers) == 1, f"{bank}:{quiz.source_line}"
        assert all(answer.feedback for answer in quiz.answers), f"{bank}:{quiz.source_line}"


def test_seeded_answer_without_feedback_is_caught_with_file_and_line(tmp_path):
    project = copy_scenarios(tmp_path)
    bank = project / "quizzes" / "mises-en-situation" / f"{PLAYED}.md"
    lines = bank.read_text(encoding="utf-8").splitlines(keepends=True)
    option = next(n for n, line in enumerate(lines) if line.startswith("- [ ] "))
    assert lines[option + 1].startswith("> ")
    del lines[option + 1]
    bank.write_text("".join(lines), encoding="utf-8")
    problems = check_quizzes.check_bank(bank, {})
    assert any(p.startswith(f"{bank}:{option + 1}: option") and "no feedback" in p for p in problems), problems
    page = project / "docs" / "mises-en-situation" / f"{PLAYED}.md"
    assert any(f"{bank}:{option + 1}:" in p for p in page_problems(page, project))


def test_decision_count_and_single_answer_rules_are_enforced(tmp_path):
    project = copy_scenarios(tmp_path)
    bank = project / "quizzes" / "mises-en-situation" / f"{PLAYED}.md"
    text = bank.read_text(encoding="utf-8")
    first = text.split("</quiz>", 1)[0] + "</quiz>\n"
    bank.write_text(first.replace("- [ ] Vous cliquez", "- [x] Vous cliquez", 1), encoding="utf-8")
    problems = check_quizzes.check_bank(bank, {})
    assert any("1 decisions, a scenario needs 2 to 4" in p for p in problems), problems
    assert any(p.startswith(f"{bank}:1:") and "exactly one right answer" in p for p in problems), problems


def test_page_checker_catches_a_missing_debrief_link_and_duration(tmp_path):
    project = copy_scenarios(tmp_path)
    page = project / "docs" / "mises-en-situation" / f"{PLAYED}.md"
    text = page.read_text(encoding="utf-8")
    line = text[: text.index("{ #debrief")].count("\n") + 1
    text = re.sub(r"\]\(\.\./chapitres/[^)]+\)", "](../index.md)", text).replace("duree: 8", "duree: huit")
    page.write_text(text, encoding="utf-8")
    problems = page_problems(page, project)
    assert f"{page.relative_to(project)}:{line}: debrief has no link to a chapter section (../chapitres/…/….md#anchor)" in problems
    assert any("`duree`" in p for p in problems)
    text = text.replace("{ #debrief data-search-exclude }", "{#debrief}").replace("<!-- mkdocs-quiz intro -->", "")
    page.write_text(text, encoding="utf-8")
    problems = page_problems(page, project)
    assert f"{page.relative_to(project)}:{line}: write the heading's id as {{ #debrief data-search-exclude }}" in problems
    assert any("<!-- mkdocs-quiz intro -->" in p for p in problems)


def test_index_and_path_pages_list_every_scenario_for_its_roles():
    index = (PAGES / "index.md").read_text(encoding="utf-8")
    for page in scenario_pages():
        tags = front_matter(page.read_text(encoding="utf-8"))["tags"]
        for tag in tags:
            role = ROLES[tag]
            _, listed = section(index, "liste")
            part = listed.split(f"{{#{role}}}", 1)[1].split("\n### ", 1)[0]
            assert f"]({page.name})" in part, f"index.md does not list {page.name} under {tag}"
            path = (ROOT / "docs" / "parcours" / f"{role}.md").read_text(encoding="utf-8")
            line, own = section(path, "mises-en-situation")
            assert line, f"parcours/{role}.md has no section {{#mises-en-situation}}"
            assert f"](../mises-en-situation/{page.name})" in own, f"parcours/{role}.md does not list {page.name}"


@pytest.mark.parametrize("role", ["liberal", "etablissement", "secretariat"])
def test_each_role_has_at_least_four_scenarios(role):
    tagged = [p for p in scenario_pages()
              if role in {ROLES[t] for t in front_matter(p.read_text(encoding="utf-8"))["tags"]}]
    assert len(tagged) >= 4, [p.stem for p in tagged]


# --- Built site ------------------------------------------------------------------------------

@pytest.mark.parametrize("page", scenario_pages(), ids=lambda p: p.stem)
def test_built_scenario_page_loads_its_stylesheet_and_every_decision(site_dir, page):
    html = (site_dir / "mises-en-situation" / page.stem / "index.html").read_text(encoding="utf-8")
    assert "assets/stylesheets/mises-en-situation.css" in html
    decisions = extract_quizzes_from_file(BANKS / page.name)
    assert len(re.findall(r'<div class="quiz"', html)) == len(decisions)
    for artefact in re.findall(r'<figure class="artefact.*?</figure>', html, re.S):  # where there is one
        assert "<a href" not in artefact, "a trap link must be a lien-piege span, never a real link"


def test_scenario_stylesheet_stays_off_other_pages(site_dir):
    for other in ("mises-en-situation/index.html", "chapitres/04-menaces/index.html", "index.html"):
        assert "mises-en-situation.css" not in (site_dir / other).read_text(encoding="utf-8"), other


# --- In the browser --------------------------------------------------------------------------

@pytest.mark.browser
def test_play_one_scenario_through_on_a_phone(browser, site_url, console_errors):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + f"mises-en-situation/{PLAYED}/")
    # The trap link shows where it really leads when it gets focus (tap or Tab), no script.
    trap = page.locator(".lien-piege").first
    target = trap.locator(".lien-piege__cible")
    assert target.bounding_box()["width"] <= 1
    trap.focus()
    expect(target).to_contain_text("ameli-remboursements.example")
    assert target.bounding_box()["width"] > 100
    trap.evaluate("element => element.blur()")  # hidden again: the layout settles before tapping
    decisions = page.locator(".quiz")
    count = decisions.count()
    assert count == len(extract_quizzes_from_file(BANKS / f"{PLAYED}.md"))
    for index in range(count):
        quiz = decisions.nth(index)
        quiz.scroll_into_view_if_needed()
        quiz.locator("input[data-correct]").first.check()
        submit = quiz.locator("button[type=submit]")
        if submit.is_visible():
            submit.click()
        expect(quiz.locator(".quiz-feedback")).to_be_visible()
        expect(quiz.locator("section.content")).to_be_visible()
        expect(quiz.locator("section.content")).to_contain_text("Pour approfondir")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".quiz-intro-reset").click()
    expect(decisions.first.locator("input[data-correct]").first).not_to_be_checked()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone ({width}px)"
    assert console_errors == []
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_a_scenario_page(axe_page, site_url, scheme):
    axe_page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    axe_page.goto(site_url + f"mises-en-situation/{PLAYED}/", wait_until="networkidle")
    expected = "slate" if scheme == "dark" else "default"
    expect(axe_page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    trap = axe_page.locator(".lien-piege").first
    trap.focus()  # the revealed destination, too
    assert axe_violations(axe_page) == []
    trap.evaluate("element => element.blur()")
    quiz = axe_page.locator(".quiz").first
    quiz.locator("input:not([data-correct])").first.check()
    submit = quiz.locator("button[type=submit]")
    if submit.is_visible():
        submit.click()
    assert axe_violations(axe_page) == []
