"""One glossary, two uses.

`data/glossaire.yml` (path set by `extra.glossaire`) is the single source of truth:
- every page gets its terms as abbreviations (hover/focus tooltips), through the `glossary`
  option of Python-Markdown's `abbr` extension, for the terms that hold a capital letter or
  a digit (acronyms, proper names): common words such as « rançongiciel » would otherwise be
  underlined dozens of times a page;
  only the first occurrence of a term on a page keeps its tooltip (as style guides advise for
  abbreviations; it also keeps pages light);
- the page holding `<!-- glossaire -->` gets the full list, each term linked to the chapter
  section that explains it.
"""

from __future__ import annotations

import pathlib
import posixpath
import re

from mkdocs.exceptions import PluginError

from source_files import Entry, load_yaml

MARKER = "<!-- glossaire -->"
ABBR = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>', re.S)
LINK_OPEN = re.compile(r"<a[\s>]")
LINK_CLOSE = re.compile(r"</a>")
FIELDS = ("terme", "definition", "chapitre")
_entries: list[dict] = []


def load_glossary(path: pathlib.Path) -> list[dict]:
    """Read and check the glossary; errors name the file and line."""
    data = load_yaml(path, "the glossary")
    if not isinstance(data, list):
        raise PluginError(f"{path}:1: the glossary must be a list of entries")
    entries, seen = [], {}
    for entry in data:
        if not isinstance(entry, Entry):
            raise PluginError(f"{path}: each entry must be a mapping")
        line = entry.line
        for field in FIELDS:
            value = entry.get(field)
            if not isinstance(value, str) or not value.strip():
                raise PluginError(f"{path}:{line}: entry lacks '{field}'")
        if "\n" in entry["definition"] or "]" in entry["terme"]:
            raise PluginError(f"{path}:{line}: definition on one line, no ']' in a term")
        key = entry["terme"].strip()
        if key in seen:
            raise PluginError(f"{path}:{line}: '{key}' already defined at line {seen[key]}")
        seen[key] = line
        entries.append({field: entry[field].strip() for field in FIELDS})
    return entries


def on_config(config):
    _entries[:] = load_glossary(_source(config))
    config.mdx_configs.setdefault("abbr", {})["glossary"] = {
        entry["terme"]: entry["definition"] for entry in _entries if has_tooltip(entry["terme"])}
    return config


def _source(config) -> pathlib.Path:
    root = pathlib.Path(config.config_file_path).parent
    return root / config.extra.get("glossaire", "data/glossaire.yml")


def on_serve(server, config, builder):
    server.watch(str(_source(config)))  # `mkdocs serve` rebuilds when the glossary changes


def has_tooltip(term: str) -> bool:
    """Acronyms and proper names get tooltips; lowercase terms only the glossary page."""
    return any(char.isupper() or char.isdigit() for char in term)


def sort_key(term: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode().lower()


def glossary_markdown(page_src_uri: str) -> str:
    """The glossary as a definition list, links relative to the page."""
    here = posixpath.dirname(page_src_uri)
    blocks = []
    for entry in sorted(_entries, key=lambda e: sort_key(e["terme"])):
        target = posixpath.relpath(entry["chapitre"].split("#")[0], here or ".")
        anchor = entry["chapitre"].partition("#")[2]
        link = target + (f"#{anchor}" if anchor else "")
        blocks.append(
            f"{entry['terme']}\n:   {entry['definition']} [Voir dans le cours]({link})"
        )
    return "\n\n".join(blocks)


def on_page_markdown(markdown, page, config, files):
    if MARKER in markdown:
        markdown = markdown.replace(MARKER, glossary_markdown(page.file.src_uri))
    return markdown


QUIZ_START = re.compile(r'<div class="quiz[ "]')
DIV = re.compile(r"<div[\s>]|</div>")


def quiz_spans(html: str) -> list[tuple[int, int]]:
    """Where mkdocs-quiz's question blocks stand in the page (start, end)."""
    spans, position = [], 0
    while match := QUIZ_START.search(html, position):
        depth, end = 0, len(html)
        for tag in DIV.finditer(html, match.start()):
            depth += -1 if tag.group(0) == "</div>" else 1
            if depth == 0:
                end = tag.end()
                break
        spans.append((match.start(), end))
        position = end
    return spans


def first_occurrences_only(html: str) -> str:
    """Unwrap every <abbr> but the first one of each term; make that one focusable.

    A focusable <abbr> shows its definition on keyboard focus or a tap (CSS in extra.css),
    not only on mouse hover. Inside a link it stays unfocusable: the link takes the focus.
    Inside a question (mkdocs-quiz renders it with the page's extensions) there is none: a
    focus stop in an answer's label would get in the way of answering with the keyboard.
    """
    seen: set[str] = set()
    quizzes = quiz_spans(html)
    link_opened = [m.start() for m in LINK_OPEN.finditer(html)]
    link_closed = [m.start() for m in LINK_CLOSE.finditer(html)]

    def inside_link(position: int) -> bool:
        opened = sum(1 for start in link_opened if start < position)
        closed = sum(1 for start in link_closed if start < position)
        return opened > closed

    def keep_first(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in quizzes):
            return match.group(2)
        if match.group(2) in seen:
            return match.group(2)
        seen.add(match.group(2))
        if inside_link(match.start()):
            return match.group(0)
        return f'<abbr title="{match.group(1)}" tabindex="0">{match.group(2)}</abbr>'

    return ABBR.sub(keep_first, html)


def on_page_content(html, page, config, files):
    return first_occurrences_only(html)
