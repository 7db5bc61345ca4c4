"""Checks the slide decks in slides/ before Marp builds them.

Each deck `slides/NN-name.md` goes with the chapter `docs/chapitres/NN-*/`. It must have:
a title slide (`# ` heading, class `titre`), 10 to 16 content slides, each with speaker notes
(an HTML comment that is not a Marp directive), an « À retenir » slide and a « Sources »
slide with official links. Every link of a deck must appear in its chapter's pages, so that
each claim is sourced as in the course. Problems are printed as `file:line: message`; the
exit status is 1 if there is any.

Usage: python scripts/check_slides.py [SLIDES_DIR] [--docs DOCS_DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
from source_files import HEADING  # noqa: E402  (level, text, anchor of a Markdown heading)

CONTENT_SLIDES = range(10, 17)
MIN_OFFICIAL_SOURCES = 3
OFFICIAL = re.compile(
    r"(^|\.)(legifrance\.gouv\.fr|cnil\.fr|esante\.gouv\.fr|ameli\.fr|monespacesante\.fr|"
    r"europa\.eu|cyber\.gouv\.fr|ssi\.gouv\.fr|cybermalveillance\.gouv\.fr|service-public\.fr|"
    r"vie-publique\.fr|senat\.fr|assemblee-nationale\.fr|ccomptes\.fr|gouv\.fr|"
    r"conseil-etat\.fr|has-sante\.fr|sante\.fr|nao\.org\.uk|england\.nhs\.uk)$"
)
COMMENT = re.compile(r"<!--(.*?)-->", re.S)
DIRECTIVE = re.compile(r"^\s*_?[A-Za-z]+\s*:")  # `<!-- _class: titre -->` is not a note
LINK = re.compile(r"\]\((https?://[^)\s]+)\)")


class Slide:
    """One slide: where it starts in the file (1-based), its text, first heading and level,
    speaker notes and the classes set by `<!-- _class: ... -->`."""

    def __init__(self, line: int, text: str):
        self.line, self.text = line, text
        self.heading, self.level = "", 0
        self.notes: list[str] = []
        self.classes: set[str] = set()


def split_slides(text: str) -> tuple[str, list[Slide]]:
    """The front matter and the slides of a Marp deck (slides separated by `---` lines)."""
    lines = text.split("\n")
    front = ""
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            front = "\n".join(lines[1:end])
            start = end + 1
    slides, current, first = [], [], start
    fenced = False
    for i in range(start, len(lines)):
        if lines[i].lstrip().startswith("```"):
            fenced = not fenced
        if lines[i].strip() == "---" and not fenced:
            slides.append((first, current))
            current, first = [], i + 1
        else:
            current.append(lines[i])
    slides.append((first, current))
    result = []
    for first, body in slides:
        body_text = "\n".join(body)
        slide = Slide(line=first + 1, text=body_text)
        found = HEADING.search(COMMENT.sub("", body_text))
        if found:
            slide.level, slide.heading = len(found.group(1)), found.group(2)
        for comment in COMMENT.findall(body_text):
            if DIRECTIVE.match(comment):
                key, _, value = comment.partition(":")
                if key.strip() == "_class":
                    slide.classes |= set(value.split())
            elif comment.strip():
                slide.notes.append(comment.strip())
        if body_text.strip():
            result.append(slide)
    return front, result


def chapter_text(deck: Path, docs: Path) -> tuple[Path | None, str]:
    """The chapter folder that goes with deck `NN-…md` and the text of all its pages."""
    number = deck.name.split("-", 1)[0]
    folders = sorted((docs / "chapitres").glob(f"{number}-*"))
    if not folders:
        return None, ""
    return folders[0], "\n".join(p.read_text("utf-8") for p in sorted(folders[0].glob("*.md")))


def check_deck(deck: Path, docs: Path) -> list[str]:
    """The problems of one deck, each as `file:line: message`."""
    text = deck.read_text("utf-8")
    front, slides = split_slides(text)
    name = str(deck)
    problems = []

    def problem(line: int, message: str) -> None:
        problems.append(f"{name}:{line}: {message}")

    if not re.search(r"^marp:\s*true\s*$", front, re.M):
        problem(1, "front matter lacks `marp: true`")
    if not re.search(r"^theme:\s*proteger\s*$", front, re.M):
        problem(1, "front matter lacks `theme: proteger` (slides/theme.css, system fonts)")
    if not re.search(r"^lang:\s*fr\s*$", front, re.M):
        problem(1, "front matter lacks `lang: fr`")
    if not re.search(r"^title:\s*\S", front, re.M):
        problem(1, "front matter lacks a title")
    if not slides:
        problem(1, "no slide")
        return problems
    title = slides[0]
    if title.level != 1 or "titre" not in title.classes:
        problem(title.line, "the first slide must be the title slide "
                            "(`<!-- _class: titre -->` and a `# ` heading)")
    headings = [s.heading.casefold() for s in slides]
    sources_at = next((i for i, h in enumerate(headings) if h == "sources"), None)
    keys_at = next((i for i, h in enumerate(headings) if h == "à retenir"), None)
    if sources_at is None:
        problem(len(text.split("\n")), "no « Sources » slide (`## Sources`)")
    else:
        links = LINK.findall(slides[sources_at].text)
        official = {u for u in links if OFFICIAL.search(urlparse(u).hostname or "")}
        if len(official) < MIN_OFFICIAL_SOURCES:
            problem(slides[sources_at].line, f"the « Sources » slide has {len(official)} "
                                             f"official links, at least {MIN_OFFICIAL_SOURCES}")
    if keys_at is None:
        problem(len(text.split("\n")), "no « À retenir » slide (`## À retenir`)")
    special = {0, sources_at, keys_at}
    content = [s for i, s in enumerate(slides) if i not in special]
    if len(content) not in CONTENT_SLIDES:
        problem(1, f"{len(content)} content slides, expected "
                   f"{CONTENT_SLIDES.start} to {CONTENT_SLIDES.stop - 1}")
    for slide in content:
        if not slide.notes:
            problem(slide.line, f"slide « {slide.heading or '(sans titre)'} » has no speaker "
                                "notes (an HTML comment `<!-- ... -->`)")
        if not slide.heading:
            problem(slide.line, "slide without a heading")
    folder, chapter = chapter_text(deck, docs)
    if folder is None:
        problem(1, f"no chapter folder docs/chapitres/{deck.name.split('-', 1)[0]}-*")
    else:
        for number, line in enumerate(text.split("\n"), start=1):
            for url in LINK.findall(line):
                if url not in chapter:
                    problem(number, f"link not cited in {folder.name}/: {url}")
    return problems


def decks(slides_dir: Path) -> list[Path]:
    return sorted(p for p in slides_dir.glob("[0-9][0-9]-*.md"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("slides", nargs="?", type=Path, default=ROOT / "slides")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    found = decks(args.slides)
    problems = [] if found else [f"{args.slides}: no deck (NN-name.md)"]
    for deck in found:
        problems += check_deck(deck, args.docs)
    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print(f"{len(found)} diaporamas vérifiés")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
