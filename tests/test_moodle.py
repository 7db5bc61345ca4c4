"""Moodle XML export (scripts/export_moodle.py): every question, read back as Moodle would."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from mkdocs_quiz.qti.extractor import extract_quizzes_from_file

from conftest import ROOT, load_module

export_moodle = load_module(ROOT / "scripts" / "export_moodle.py")

SITE_URL = "https://formation.example.org/cours/"
BANKS = sorted((ROOT / "quizzes").rglob("*.md"))
GRADES = {0, *export_moodle.MOODLE_GRADES, *(-g for g in export_moodle.MOODLE_GRADES)}
CLOZE_GAP = re.compile(r"\{1:SHORTANSWER:=((?:\\.|[^}])*)\}")


def plain(fragment: str | None) -> str:
    """The text a learner reads in an HTML fragment (tags out, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment or "")).strip()


def gaps(question: ET.Element) -> list[str]:
    """The right answer of each cloze gap, as Moodle's multianswer parser reads it."""
    found = CLOZE_GAP.findall(text_of(question, "questiontext"))
    return [html.unescape(re.sub(r"\\([}#])", r"\1", gap)) for gap in found]


def text_of(element: ET.Element, tag: str) -> str:
    return element.find(f"{tag}/text").text or ""


@pytest.fixture(scope="module")
def site():
    return {**export_moodle.load_site(ROOT / "mkdocs.yml"), "url": SITE_URL}


@pytest.fixture(scope="module")
def exported(site, tmp_path_factory) -> ET.Element:
    """The course's banks exported, written to a file and parsed back from it."""
    output = tmp_path_factory.mktemp("moodle") / "banque.xml"
    export_moodle.write(export_moodle.build(ROOT / "quizzes", site), output)
    return ET.parse(output).getroot()


def by_category(root: ET.Element) -> dict[str, list[ET.Element]]:
    grouped: dict[str, list[ET.Element]] = {}
    current = None
    for question in root.iter("question"):
        if question.get("type") == "category":
            current = text_of(question, "category")
            assert current not in grouped, f"category written twice: {current}"
            grouped[current] = []
        else:
            assert current, "a question comes before any category"
            grouped[current].append(question)
    return grouped


def seeded(tmp_path: Path, bank: str) -> tuple[Path, dict]:
    """A project in tmp_path with one bank and the chapter page its links point to."""
    page = tmp_path / "docs" / "chapitres" / "05-bonnes-pratiques" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text("# Bonnes pratiques\n")
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "banque.md").write_text(bank, encoding="utf-8")
    return tmp_path / "quizzes", {"name": "Cours d'essai", "url": SITE_URL,
                                  "docs_dir": (tmp_path / "docs").resolve(), "directory_urls": True}


GOOD = """<quiz>
Question {n} : que faites-vous ?
- [x] La bonne réponse.
- [ ] Une erreur courante.
> Pourquoi c'est faux.
- [ ] Une autre erreur.

Explication. Pour approfondir : [Section](../docs/chapitres/05-bonnes-pratiques/index.md#sauvegardes).
</quiz>
"""


def test_every_bank_question_is_exported_once_in_its_bank_category(exported):
    grouped = by_category(exported)
    assert len(grouped) == len(BANKS)
    expected = [len(extract_quizzes_from_file(path)) for path in BANKS]
    assert [len(questions) for questions in grouped.values()] == expected
    assert sum(expected) >= 150
    for category in grouped:
        assert category.startswith("$course$/Protéger les données de santé/"), category
    assert "$course$/Protéger les données de santé/Quiz : les menaces" in grouped
    assert any(c.endswith("Évaluation finale — Chapitre 1 : les données de santé") for c in grouped)


def test_questions_have_what_moodle_xml_import_reads(exported):
    """Elements and values qformat_xml (question/format/xml/format.php) reads for each type."""
    assert exported.tag == "quiz"
    for question in exported.iter("question"):
        kind = question.get("type")
        if kind == "category":
            assert question.find("info").get("format") == "html"
            continue
        assert kind in {"multichoice", "cloze"}, kind
        name = text_of(question, "name")
        assert name and len(name) <= 255
        for tag in ("questiontext", "generalfeedback"):
            assert question.find(tag).get("format") == "html"
            assert text_of(question, tag).strip()
        assert question.findtext("penalty") == "0.3333333"
        if kind == "cloze":
            assert CLOZE_GAP.search(text_of(question, "questiontext"))
            assert question.find("answer") is None
            continue
        assert question.findtext("single") in {"true", "false"}
        assert question.findtext("shuffleanswers") == "true"
        assert question.findtext("answernumbering") == "abc"
        answers = question.findall("answer")
        assert len(answers) >= 2
        for answer in answers:
            assert answer.get("format") == "html"
            assert float(answer.get("fraction")) in GRADES
            assert answer.find("feedback").get("format") == "html"


def test_right_answers_and_feedback_read_back_as_in_the_banks(exported):
    questions = [q for q in exported.iter("question") if q.get("type") != "category"]
    quizzes = [quiz for path in BANKS for quiz in extract_quizzes_from_file(path)]
    assert len(questions) == len(quizzes)
    for question, quiz in zip(questions, quizzes):
        where = f"{quiz.source_file}:{quiz.source_line}"
        if quiz.is_fill_in_blank:
            assert question.get("type") == "cloze", where
            assert gaps(question) == [b.correct_answer for b in quiz.blanks], where
            continue
        assert question.findtext("single") == ("false" if quiz.is_multiple_choice else "true"), where
        assert plain(text_of(question, "questiontext")) == plain(quiz.question), where
        answers = question.findall("answer")
        assert [plain(text_of(a, ".")) for a in answers] == [plain(a.text) for a in quiz.answers], where
        right = [plain(text_of(a, ".")) for a in answers if float(a.get("fraction")) > 0]
        assert right == [plain(a.text) for a in quiz.correct_answers], where
        feedback = [plain(text_of(a, "feedback")) for a in answers]
        assert feedback == [plain(a.feedback) for a in quiz.answers], where
        explanation = plain(text_of(question, "generalfeedback"))
        assert explanation == plain(re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", quiz.content)), where


def test_multiple_answer_fractions_add_up_to_100_and_ticking_all_scores_0(exported):
    multiple = [q for q in exported.iter("question") if q.findtext("single") == "false"]
    assert len(multiple) >= 6
    for question in multiple:
        fractions = [float(a.get("fraction")) for a in question.findall("answer")]
        assert round(sum(f for f in fractions if f > 0), 2) == 100, text_of(question, "name")
        assert round(sum(fractions), 2) == 0, text_of(question, "name")
    for question in exported.iter("question"):
        if question.findtext("single") == "true":
            assert sorted(float(a.get("fraction")) for a in question.findall("answer"))[-1] == 100


def test_general_feedback_links_are_absolute_on_the_published_site(exported):
    for question in exported.iter("question"):
        if question.get("type") == "category":
            continue
        links = re.findall(r'href="([^"]+)"', text_of(question, "generalfeedback"))
        assert links, text_of(question, "name")
        for link in links:
            assert re.fullmatch(re.escape(SITE_URL) + r"chapitres/[\w-]+/(?:[\w-]+/)?#[\w-]+", link), link
    feedback = [text_of(q, "generalfeedback") for q in exported.iter("question")
                if q.get("type") != "category"]
    assert any(f'href="{SITE_URL}chapitres/01-donnees-de-sante/#definition-legale"' in f
               for f in feedback)


def test_accents_quotes_less_than_and_ampersand_survive(tmp_path):
    bank = """<quiz>
Un « patient » dit : "j'ai < 18 ans & je suis mineur". Qu'en déduisez-vous ?
- [x] Ses parents exercent l'autorité parentale & décident avec lui.
- [ ] Il a < 15 ans, donc rien n'est possible.
> Faux : « l'âge » n'est pas < 15 ans ; l'information n'a pas été donnée.
- [ ] Tout dépend du "médecin" & de l'hôpital.

Explication : l'âge < 18 ans & l'autorité « parentale ». Pour approfondir : [Section](../docs/chapitres/05-bonnes-pratiques/index.md#sauvegardes).
</quiz>

<quiz>
Le service « R&D » note l'étape [[n°2 <b> & #1}]] du « protocole ».
---
Explication « brève » & sûre. Pour approfondir : [Section](../docs/chapitres/05-bonnes-pratiques/index.md#sauvegardes).
</quiz>
"""
    quizzes_dir, site = seeded(tmp_path, bank)
    output = tmp_path / "out.xml"
    export_moodle.write(export_moodle.build(quizzes_dir, site), output)
    root = ET.parse(output).getroot()
    category, question, cloze = root.findall("question")
    assert text_of(category, "category") == "$course$/Cours d'essai/banque"
    assert plain(text_of(question, "questiontext")) == (
        "Un « patient » dit : \"j'ai < 18 ans & je suis mineur\". Qu'en déduisez-vous ?")
    answers = question.findall("answer")
    assert plain(text_of(answers[0], ".")) == "Ses parents exercent l'autorité parentale & décident avec lui."
    assert plain(text_of(answers[2], ".")) == "Tout dépend du \"médecin\" & de l'hôpital."
    assert plain(text_of(answers[1], "feedback")) == (
        "Faux : « l'âge » n'est pas < 15 ans ; l'information n'a pas été donnée.")
    assert plain(text_of(question, "generalfeedback")).startswith(
        "Explication : l'âge < 18 ans & l'autorité « parentale ».")
    assert f'href="{SITE_URL}chapitres/05-bonnes-pratiques/#sauvegardes"' in text_of(question, "generalfeedback")
    assert gaps(cloze) == ["n°2 <b> & #1}"]
    assert plain(CLOZE_GAP.sub("…", text_of(cloze, "questiontext"))) == (
        "Le service « R&D » note l'étape … du « protocole ».")
    raw = output.read_text(encoding="utf-8")
    assert raw.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    assert "é" in raw and "«" in raw  # UTF-8 text, not character references


@pytest.mark.parametrize("defect, message", [
    (GOOD.format(n="X").replace("- [x]", "- [ ]"), "no correct answer"),
    ("<quiz>\nUne question sans aucune option ni blanc.\n</quiz>\n", "not understood by mkdocs-quiz"),
    ("<quiz>\nQuestion jamais fermée ?\n- [x] Oui.\n- [ ] Non.\n", "not closed"),
    (GOOD.format(n="X").replace("05-bonnes-pratiques/index.md", "05-bonnes-pratique/index.md"),
     "is not a page of docs/"),
])
def test_a_seeded_bank_error_names_file_and_line(tmp_path, defect, message):
    quizzes_dir, site = seeded(tmp_path, GOOD.format(n=1) + "\n" + defect)
    line = GOOD.count("\n") + 2
    with pytest.raises(export_moodle.BankError, match=rf"banque\.md:{line}: .*{message}"):
        export_moodle.build(quizzes_dir, site)


def test_command_writes_the_file_with_site_url_and_fails_cleanly(tmp_path):
    output = tmp_path / "banque-questions-moodle.xml"
    env = {**os.environ, "SITE_URL": "https://exemple.fr/formation"}
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "export_moodle.py"),
                             "--output", str(output)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert 'href="https://exemple.fr/formation/chapitres/' in html.unescape(output.read_text())
    quizzes_dir, _ = seeded(tmp_path / "bad", GOOD.format(n=1).replace("- [x]", "- [ ]"))
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "export_moodle.py"),
                             str(quizzes_dir), "--output", str(tmp_path / "bad.xml")],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert re.search(r"banque\.md:1: no correct answer", result.stderr), result.stderr
    assert not (tmp_path / "bad.xml").exists()


def test_pages_workflow_publishes_the_moodle_file_beside_the_other_downloads():
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text()
    assert re.search(r"make [\w ]*\bmoodle\b", workflow)
    assert re.search(r"cp [^\n]*dist/banque-questions-moodle\.xml[^\n]*\\\n[^\n]*site/telechargements/",
                     workflow) or "dist/banque-questions-moodle.xml site/telechargements/" in workflow
    makefile = (ROOT / "Makefile").read_text()
    assert "export_moodle.py --output dist/banque-questions-moodle.xml" in makefile
