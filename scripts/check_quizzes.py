"""Check the question banks in quizzes/ with mkdocs-quiz's own parser.

    python scripts/check_quizzes.py [quizzes/]

Each problem is printed as `file:line: question…: what is wrong`; the exit code is 1 if any.
Rules (see CONTRIBUTING.md): a correct answer, at least 3 options, no « toutes les réponses »,
an explanation linking to the chapter section, at least one wrong option with its own
feedback, no duplicate question across banks, and enough questions per bank.
Scenario banks (quizzes/mises-en-situation/) hold 2 to 4 decisions, each with a single right
answer and its own feedback on every option, the right one included.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

from mkdocs_quiz.qti.extractor import extract_quizzes_from_file

ROOT = Path(__file__).resolve().parent.parent
SECTION_LINK = re.compile(r"\]\((?:\.\./)+docs/chapitres/[^)#\s]+\.md#[\w-]+\)")
OPTION = re.compile(r"^\s*- \[[ xX]\] ")
SCENARIOS = "mises-en-situation"
DECISIONS = range(2, 5)
CATCH_ALL = re.compile(r"\b(toutes|aucune) (les|des) réponses\b|\bci-dessus\b", re.I)


def minimum_questions(path: Path) -> int:
    """Chapter banks need 10 questions, each final-assessment part 4, other banks 5."""
    if path.parent.name == "evaluation-finale":
        return 4
    return 10 if re.match(r"\d\d-", path.name) else 5


def option_lines(lines: list[str], start: int) -> list[int]:
    """Line numbers (1-based) of the options of the quiz whose <quiz> tag is on line `start`."""
    numbers = []
    for number in range(start, len(lines) + 1):
        line = lines[number - 1]
        if number > start and "<quiz>" in line or "</quiz>" in line:
            break
        if OPTION.match(line):
            numbers.append(number)
    return numbers


def check_decisions(name, path: Path, quizzes) -> list[str]:
    """Scenario rules: 2-4 decisions, one right answer each, feedback on every option."""
    problems = []
    if len(quizzes) not in DECISIONS:
        problems.append(f"{name}: {len(quizzes)} decisions, a scenario needs 2 to 4")
    lines = path.read_text(encoding="utf-8").splitlines()
    for quiz in quizzes:
        where = f"{name}:{quiz.source_line}: « {quiz.question[:60]} »"
        if quiz.is_fill_in_blank or len(quiz.correct_answers) != 1:
            problems.append(f"{where}: a decision needs exactly one right answer (- [x])")
        numbers = option_lines(lines, quiz.source_line or 1)
        for index, answer in enumerate(quiz.answers):
            if not answer.feedback:
                line = numbers[index] if index < len(numbers) else quiz.source_line
                problems.append(
                    f"{name}:{line}: option « {answer.text[:50]} » has no feedback "
                    "(a `> …` line right after it saying what happens next)"
                )
    return problems


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
    if path.parent.name == SCENARIOS:
        problems += check_decisions(name, path, quizzes)
    elif len(quizzes) < minimum_questions(path):
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
