"""Check the question banks in quizzes/ with mkdocs-quiz's own parser.

    python scripts/check_quizzes.py [quizzes/]

Each problem is printed as `file:line: question…: what is wrong`; the exit code is 1 if any.
Rules (see CONTRIBUTING.md): a correct answer, at least 3 options, no « toutes les réponses »,
an explanation linking to the chapter section, at least one wrong option with its own
feedback, no duplicate question across banks, and enough questions per bank.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

from mkdocs_quiz.qti.extractor import extract_quizzes_from_file

ROOT = Path(__file__).resolve().parent.parent
SECTION_LINK = re.compile(r"\]\((?:\.\./)+docs/chapitres/[^)#\s]+\.md#[\w-]+\)")
CATCH_ALL = re.compile(r"\b(toutes|aucune) (les|des) réponses\b|\bci-dessus\b", re.I)


def minimum_questions(path: Path) -> int:
    """Chapter banks need 10 questions, each final-assessment part 4, other banks 5."""
    if path.parent.name == "evaluation-finale":
        return 4
    return 10 if re.match(r"\d\d-", path.name) else 5


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"\W+", " ", text).strip()


def check_bank(path: Path, seen: dict[str, str]) -> list[str]:
    """Problems in one bank; `seen` maps normalised questions to where they first appeared."""
    try:
        name = path.relative_to(ROOT)
    except ValueError:
        name = path
    quizzes = extract_quizzes_from_file(path)
    problems = []
    if len(quizzes) < minimum_questions(path):
        problems.append(f"{name}: {len(quizzes)} questions, at least {minimum_questions(path)} needed")
    for quiz in quizzes:
        where = f"{name}:{quiz.source_line}: « {quiz.question[:60]} »"
        key = _normalise(quiz.question)
        if key in seen:
            problems.append(f"{where}: duplicate of {seen[key]}")
        seen.setdefault(key, f"{name}:{quiz.source_line}")
        if not quiz.content or not quiz.content.strip():
            problems.append(f"{where}: no explanation")
        elif not SECTION_LINK.search(quiz.content):
            problems.append(f"{where}: explanation lacks a link to a chapter section (…/docs/chapitres/….md#section)")
        if quiz.is_fill_in_blank:
            continue
        if not quiz.correct_answers:
            problems.append(f"{where}: no correct answer")
        if len(quiz.answers) < 3:
            problems.append(f"{where}: {len(quiz.answers)} options, at least 3 needed")
        if any(CATCH_ALL.search(answer.text) for answer in quiz.answers):
            problems.append(f"{where}: an option says « toutes/aucune des réponses »")
        if not any(answer.feedback for answer in quiz.incorrect_answers):
            problems.append(f"{where}: no wrong option carries its own feedback (> …)")
    return problems


def check_banks(directory: Path) -> list[str]:
    seen: dict[str, str] = {}
    problems = []
    for path in sorted(directory.rglob("*.md")):
        problems += check_bank(path, seen)
    final = sorted((directory / "evaluation-finale").glob("*.md"))
    total = sum(len(extract_quizzes_from_file(path)) for path in final)
    if final and total < 24:
        problems.append(f"{directory / 'evaluation-finale'}: {total} questions, at least 24 needed")
    return problems


def main(argv: list[str]) -> int:
    directory = Path(argv[1]) if len(argv) > 1 else ROOT / "quizzes"
    problems = check_banks(directory)
    print("\n".join(problems) if problems else "Toutes les banques de questions sont valides.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
