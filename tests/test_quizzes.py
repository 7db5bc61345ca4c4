"""Question banks: read with mkdocs-quiz's own parser, checked rule by rule, rendered in pages."""

from __future__ import annotations

import re

import pytest
from mkdocs_quiz.qti.extractor import extract_quizzes_from_file

from conftest import ROOT, load_module

pytestmark = pytest.mark.content  # `make check`: the content rules, in seconds

check_quizzes = load_module(ROOT / "scripts" / "check_quizzes.py")

QUESTION = re.compile(r'<div class="quiz(?: quiz-fill-blank)?"')
GOOD = """<quiz>
Question {n} : que faites-vous ?
- [x] La bonne réponse.
- [ ] Une erreur courante.
> Pourquoi c'est faux.
- [ ] Une autre erreur.

Explication en deux phrases. Pour approfondir : [Section](../docs/chapitres/05-bonnes-pratiques/index.md#sauvegardes).
</quiz>
"""


def bank(count: int, extra: str = "") -> str:
    return "\n".join(GOOD.format(n=n) for n in range(count)) + "\n" + extra


def test_every_bank_passes_every_rule():
    assert check_quizzes.check_banks(ROOT / "quizzes") == []


def test_chapter_banks_and_final_assessment_sizes():
    for path in sorted((ROOT / "quizzes").glob("0*.md")):
        assert len(extract_quizzes_from_file(path)) >= 10, path.name
    final = sorted((ROOT / "quizzes" / "evaluation-finale").glob("*.md"))
    assert len(final) == 6
    assert all(len(extract_quizzes_from_file(p)) >= 4 for p in final)
    assert sum(len(extract_quizzes_from_file(p)) for p in final) >= 24


def test_banks_mix_question_types():
    quizzes = [q for p in (ROOT / "quizzes").rglob("*.md") for q in extract_quizzes_from_file(p)]
    assert sum(q.is_fill_in_blank for q in quizzes) >= 6
    assert sum(q.is_multiple_choice for q in quizzes) >= 6


SEEDED = {
    "no correct answer": GOOD.format(n="X").replace("- [x]", "- [ ]"),
    "at least 3 needed": GOOD.format(n="X").replace("- [ ] Une autre erreur.\n", ""),
    "no explanation": re.sub(r"\n\nExplication.*\n", "\n", GOOD.format(n="X")),
    "lacks a link to a chapter section": GOOD.format(n="X").replace("#sauvegardes", ""),
    "toutes/aucune des réponses": GOOD.format(n="X").replace("Une autre erreur.", "Toutes les réponses ci-dessus."),
    "no wrong option carries its own feedback": GOOD.format(n="X").replace("> Pourquoi c'est faux.\n", ""),
    "duplicate of": GOOD.format(n=0),
}


@pytest.mark.parametrize("message", sorted(SEEDED))
def test_each_rule_catches_a_seeded_bad_question(tmp_path, message):
    path = tmp_path / "01-exemple.md"
    path.write_text(bank(10, SEEDED[message]), encoding="utf-8")
    problems = check_quizzes.check_bank(path, {})
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:") and message in problems[0]
    assert "« Question" in problems[0]  # the question is named


def test_small_bank_is_caught(tmp_path):
    path = tmp_path / "02-petit.md"
    path.write_text(bank(9), encoding="utf-8")
    assert check_quizzes.check_bank(path, {}) == [f"{path}: 9 questions, at least 10 needed"]


def test_chapter_quiz_pages_render_every_question(site_dir):
    for bank_path in sorted((ROOT / "quizzes").glob("0*.md")):
        page = site_dir / "chapitres" / bank_path.stem / "quiz" / "index.html"
        html = page.read_text("utf-8")
        expected = len(extract_quizzes_from_file(bank_path))
        assert len(QUESTION.findall(html)) == expected, bank_path.name
        assert "mkdocs-quiz intro" not in html and 'class="quiz-intro"' in html
        assert 'id="quiz-results"' in html


def test_warm_up_is_on_the_home_page(site_dir):
    html = (site_dir / "index.html").read_text("utf-8")
    assert len(QUESTION.findall(html)) == 5
