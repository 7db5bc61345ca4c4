"""Export the question banks in quizzes/ as one Moodle XML file, for Moodle's question bank.

    python scripts/export_moodle.py [--output dist/banque-questions-moodle.xml] [quizzes/]

The banks are read with mkdocs-quiz's own parser. Each bank becomes a category
`$course$/<site_name>/<bank title>` (the title of the page that includes the bank, and the
section heading above the include when there is one). Single-answer questions become
`multichoice` with single=true; multiple-answer questions `multichoice` with single=false,
right answers sharing 100 % and wrong ones sharing -100 % (ticking everything scores 0);
fill-in-the-blank questions `cloze` questions with SHORTANSWER gaps. The explanation becomes
the general feedback, its links absolute on the published site (`site_url` in mkdocs.yml,
set by the SITE_URL variable). A bank Moodle could not import stops the export with
`file:line: what is wrong`.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import yaml
from mkdocs.utils import yaml_load
from mkdocs_quiz.parsing import find_quizzes, mask_code_blocks
from mkdocs_quiz.qti.extractor import extract_quizzes_from_file
from mkdocs_quiz.qti.models import Quiz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
from source_files import HEADING  # noqa: E402  (level, text, anchor of a Markdown heading)

OUTPUT = ROOT / "dist" / "banque-questions-moodle.xml"

# Moodle's grade list (question_bank::fraction_options_full), as percentages.
MOODLE_GRADES = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                 16.66667, 14.28571, 12.5, 11.11111, 10, 5]
INCLUDE = re.compile(r"""\{%\s*include-markdown\s+["']([^"']+)["']""")
LINK = re.compile(r"(\]\()([^)\s]+)(\))")
BLANK = re.compile(r"\{\{BLANK_(\d+)\}\}")
# Default French texts of Moodle's combined feedback (qtype_multichoice).
COMBINED_FEEDBACK = {
    "correctfeedback": "Votre réponse est correcte.",
    "partiallycorrectfeedback": "Votre réponse est partiellement correcte.",
    "incorrectfeedback": "Votre réponse est incorrecte.",
}


class BankError(ValueError):
    """A bank Moodle could not import; the message starts with `file:line:`."""


def load_site(config: Path) -> dict:
    """site_name, site_url (ending in /), docs_dir and use_directory_urls from mkdocs.yml."""
    with config.open("rb") as stream:
        data = yaml_load(stream)  # resolves !ENV, so SITE_URL wins over the default
    return {
        "name": data["site_name"],
        "url": str(data["site_url"]).rstrip("/") + "/",
        "docs_dir": (config.parent / data.get("docs_dir", "docs")).resolve(),
        "directory_urls": data.get("use_directory_urls", True),
    }


def _front_matter_title(text: str) -> str | None:
    if text.startswith("---"):
        block = text.split("---", 2)[1]
        return (yaml.safe_load(block) or {}).get("title")
    return None


def bank_pages(docs_dir: Path) -> dict[Path, tuple[str, Path]]:
    """Bank file -> (category title, page that includes it), from the include-markdown lines."""
    found: dict[Path, tuple[str, Path]] = {}
    for page in sorted(docs_dir.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        title = _front_matter_title(text) or page.stem
        heading = None
        for line in text.splitlines():
            if (match := HEADING.match(line)) and len(match.group(1)) > 1:  # below the title
                heading = match.group(2)
            for target in INCLUDE.findall(line):
                name = f"{title} — {heading}" if heading else title
                found.setdefault((page.parent / target).resolve(), (name, page))
    return found


def page_url(page: Path, site: dict) -> str:
    """Published address of a Markdown page of docs/."""
    path = page.resolve().relative_to(site["docs_dir"]).with_suffix("").as_posix()
    if not site["directory_urls"]:
        return site["url"] + path + ".html"
    if path == "index" or path.endswith("/index"):
        path = path[: -len("index")]
    else:
        path += "/"
    return site["url"] + path


def _absolute_links(text: str, bank: Path, where: str, site: dict) -> str:
    """Rewrite links to docs/ pages (relative to the bank file) as published addresses."""
    def rewrite(match: re.Match[str]) -> str:
        target = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target, re.I):
            return match.group(0)
        path, _, anchor = target.partition("#")
        page = (bank.parent / path).resolve()
        if not page.is_file() or not page.is_relative_to(site["docs_dir"]) or page.suffix != ".md":
            raise BankError(f"{where}: link to {target} is not a page of {site['docs_dir'].name}/")
        return match.group(1) + page_url(page, site) + (f"#{anchor}" if anchor else "") + ")"
    return LINK.sub(rewrite, text)


def to_html(text: str | None, bank: Path, where: str, site: dict, inline: bool = False) -> str:
    """Markdown of the bank as HTML for Moodle, links made absolute."""
    if not text:
        return ""
    rendered = markdown.markdown(_absolute_links(text, bank, where, site))
    if inline and rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return rendered


def _text(parent: ET.Element, tag: str, content: str, fmt: str | None = "html", **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, ({"format": fmt} if fmt else {}) | attrs)
    ET.SubElement(element, "text").text = content
    return element


def _grade(percent: float, where: str) -> str:
    for grade in MOODLE_GRADES:
        if abs(abs(percent) - grade) < 0.0001:
            return ("-" if percent < 0 else "") + f"{grade:.5f}".rstrip("0").rstrip(".")
    raise BankError(f"{where}: {abs(percent):.4g} % is not a grade Moodle accepts "
                    "(too many right or wrong options to share 100 %)")


def _name(number: int, quiz: Quiz) -> str:
    plain = BLANK.sub("…", re.sub(r"\s+", " ", quiz.question)).strip()
    if len(plain) > 90:
        plain = plain[:90].rsplit(" ", 1)[0] + "…"
    return f"{number:02d}. {plain}"


def _cloze_gap(answer: str, where: str) -> str:
    """A SHORTANSWER gap: Moodle decodes HTML entities and undoes only \\} and \\#."""
    if "~" in answer or answer.endswith("\\"):
        raise BankError(f"{where}: blank [[{answer}]] has a character a Moodle cloze gap cannot hold")
    escaped = re.sub(r"([}#])", r"\\\1", html.escape(answer, quote=False))
    return "{1:SHORTANSWER:=" + escaped + "}"


def question_element(quiz: Quiz, number: int, where: str, site: dict) -> ET.Element:
    bank = Path(quiz.source_file)
    element = ET.Element("question", type="cloze" if quiz.is_fill_in_blank else "multichoice")
    _text(element, "name", _name(number, quiz), fmt=None)
    if quiz.is_fill_in_blank:
        marked = BLANK.sub(lambda m: f"MOODLEGAP{m.group(1)}X", quiz.question)
        text = to_html(marked, bank, where, site)
        for index, blank in enumerate(quiz.blanks):
            text = text.replace(f"MOODLEGAP{index}X", _cloze_gap(blank.correct_answer, where))
        _text(element, "questiontext", text)
    else:
        _text(element, "questiontext", to_html(quiz.question, bank, where, site))
    _text(element, "generalfeedback", to_html(quiz.content, bank, where, site))
    if quiz.is_fill_in_blank:
        ET.SubElement(element, "penalty").text = "0.3333333"
        ET.SubElement(element, "hidden").text = "0"
        return element
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "penalty").text = "0.3333333"
    ET.SubElement(element, "hidden").text = "0"
    single = not quiz.is_multiple_choice
    ET.SubElement(element, "single").text = "true" if single else "false"
    ET.SubElement(element, "shuffleanswers").text = "true"
    ET.SubElement(element, "answernumbering").text = "abc"
    ET.SubElement(element, "showstandardinstruction").text = "1"
    for tag, text in COMBINED_FEEDBACK.items():
        _text(element, tag, f"<p>{text}</p>")
    if not single:
        ET.SubElement(element, "shownumcorrect")
    right, wrong = len(quiz.correct_answers), len(quiz.incorrect_answers)
    for answer in quiz.answers:
        if single:
            fraction = "100" if answer.is_correct else "0"
        else:
            fraction = _grade(100 / right if answer.is_correct else -100 / wrong, where)
        node = _text(element, "answer", to_html(answer.text, bank, where, site, inline=True),
                     fraction=fraction)
        _text(node, "feedback", to_html(answer.feedback, bank, where, site))
    return element


def read_bank(path: Path, name: str) -> list[Quiz]:
    """The bank's questions; BankError for any block Moodle could not take."""
    quizzes = extract_quizzes_from_file(path)
    parsed = {quiz.source_line for quiz in quizzes}
    content = path.read_text(encoding="utf-8")
    masked, _ = mask_code_blocks(content)
    for match in find_quizzes(masked):
        line = content[: match.start()].count("\n") + 1
        if "<quiz>" in match.group(1):
            raise BankError(f"{name}:{line}: <quiz> block not closed by </quiz>")
        if line not in parsed:
            raise BankError(f"{name}:{line}: quiz block not understood by mkdocs-quiz "
                            "(a question, then `- [x]` / `- [ ]` options or a [[blank]])")
    unclosed = masked.count("<quiz>") - len(find_quizzes(masked))
    if unclosed > 0:
        line = content[: masked.rfind("<quiz>")].count("\n") + 1
        raise BankError(f"{name}:{line}: <quiz> block not closed by </quiz>")
    for quiz in quizzes:
        where = f"{name}:{quiz.source_line}"
        if quiz.is_fill_in_blank:
            continue
        if not quiz.correct_answers:
            raise BankError(f"{where}: no correct answer (- [x])")
        if len(quiz.answers) < 2:
            raise BankError(f"{where}: {len(quiz.answers)} option, Moodle needs at least 2")
    return quizzes


def build(quizzes_dir: Path, site: dict) -> ET.Element:
    """The <quiz> root of the Moodle XML file for every bank under quizzes_dir."""
    root = ET.Element("quiz")
    pages = bank_pages(site["docs_dir"])
    for path in sorted(quizzes_dir.rglob("*.md")):
        path = path.resolve()
        try:
            name = path.relative_to(ROOT).as_posix()
        except ValueError:
            name = str(path)
        quizzes = read_bank(path, name)
        if not quizzes:
            continue
        title, page = pages.get(path, (path.stem, None))
        category = ET.SubElement(root, "question", type="category")
        escaped = "/".join(part.replace("/", "//") for part in (site["name"], title))
        _text(category, "category", f"$course$/{escaped}", fmt=None)
        info = f"<p>Questions de <code>{html.escape(name)}</code>"
        if page:
            info += f', page <a href="{page_url(page, site)}">{html.escape(title)}</a>'
        _text(category, "info", info + ".</p>")
        for number, quiz in enumerate(quizzes, start=1):
            root.append(question_element(quiz, number, f"{name}:{quiz.source_line}", site))
    return root


def write(root: ET.Element, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    ET.indent(root)
    # The declaration exactly as Moodle's own export writes it, on the first line.
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    output.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("quizzes", nargs="?", type=Path, default=ROOT / "quizzes")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)
    site = load_site(args.config)
    try:
        root = build(args.quizzes, site)
    except BankError as error:
        print(f"export_moodle: {error}", file=sys.stderr)
        return 1
    write(root, args.output)
    count = sum(1 for q in root if q.get("type") != "category")
    categories = len(root) - count
    print(f"{args.output}: {count} questions in {categories} categories (site {site['url']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
