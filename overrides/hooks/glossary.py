"""One glossary, two uses.

`includes/glossaire.yml` (path set by `extra.glossaire`) is the single source of truth:
- every page gets `*[TERME]: définition` abbreviations (hover/focus tooltips), through a
  generated file appended by `pymdownx.snippets` `auto_append`, for the terms that hold a
  capital letter or a digit (acronyms, proper names): common words such as « rançongiciel »
  would otherwise be underlined dozens of times a page;
  only the first occurrence of a term on a page keeps its tooltip (as style guides advise for
  abbreviations; it also keeps pages light);
- the page holding `<!-- glossaire -->` gets the full list, each term linked to the chapter
  section that explains it.
"""

from __future__ import annotations

import pathlib
import posixpath
import re

import yaml
from mkdocs.exceptions import PluginError

MARKER = "<!-- glossaire -->"
ABBR = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>', re.S)
LINK_OPEN = re.compile(r"<a[\s>]")
LINK_CLOSE = re.compile(r"</a>")
FIELDS = ("terme", "definition", "chapitre")
_entries: list[dict] = []


def load_glossary(path: pathlib.Path) -> list[dict]:
    """Read and check the glossary; errors name the file and line."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise PluginError(f"{path}: invalid YAML: {error}") from error
    if root is None or root.tag != "tag:yaml.org,2002:seq":
        raise PluginError(f"{path}:1: the glossary must be a list of entries")
    entries, seen = [], {}
    for node in root.value:
        line = node.start_mark.line + 1
        entry = yaml.safe_load(yaml.serialize(node))
        if not isinstance(entry, dict):
            raise PluginError(f"{path}:{line}: each entry must be a mapping")
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
    root = pathlib.Path(config.config_file_path).parent
    source = root / config.extra.get("glossaire", "includes/glossaire.yml")
    _entries[:] = load_glossary(source)
    generated = root / ".cache" / "glossaire" / "abbreviations.md"
    generated.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"*[{e['terme']}]: {e['definition']}" for e in _entries if has_tooltip(e["terme"])]
    generated.write_text("\n".join(lines) + "\n", encoding="utf-8")
    snippets = config.mdx_configs.setdefault("pymdownx.snippets", {})
    snippets["base_path"] = [str(root)]
    snippets.setdefault("auto_append", []).append(str(generated))
    return config


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


def first_occurrences_only(html: str) -> str:
    """Unwrap every <abbr> but the first one of each term; make that one focusable.

    A focusable <abbr> shows its definition on keyboard focus or a tap (CSS in extra.css),
    not only on mouse hover. Inside a link it stays unfocusable: the link takes the focus.
    """
    seen: set[str] = set()
    link_opened = [m.start() for m in LINK_OPEN.finditer(html)]
    link_closed = [m.start() for m in LINK_CLOSE.finditer(html)]

    def inside_link(position: int) -> bool:
        opened = sum(1 for start in link_opened if start < position)
        closed = sum(1 for start in link_closed if start < position)
        return opened > closed

    def keep_first(match: re.Match[str]) -> str:
        if match.group(2) in seen:
            return match.group(2)
        seen.add(match.group(2))
        if inside_link(match.start()):
            return match.group(0)
        return f'<abbr title="{match.group(1)}" tabindex="0">{match.group(2)}</abbr>'

    return ABBR.sub(keep_first, html)


def on_page_content(html, page, config, files):
    return first_occurrences_only(html)
