"""Map the course to the national digital-health training framework.

`data/referentiel.yml` names the official text, its domains (and, once their exact wording
is verified, its « capacités »), and which chapter sections cover which of them. This hook:
- checks that file when the site is built (unknown id, chapter with no skill, missing
  wording, section or anchor that does not exist): errors name the file and line;
- replaces, in any page, a line holding `<!-- referentiel:competences -->` with a table
  skill → sections, and `<!-- referentiel:chapitres -->` with a table chapter → skills,
  links relative to that page.
"""

from __future__ import annotations

import pathlib
import posixpath
import re

import yaml
from mkdocs.exceptions import PluginError

import source_files
from source_files import Entry, load_yaml

DATA_FILE = "data/referentiel.yml"
CHAPTER = re.compile(r"^chapitres/(\d+)-[^/]+/index\.md$")
MARKER = re.compile(r"^<!--[ \t]*referentiel:([\w-]+)[ \t]*-->[ \t]*$", re.MULTILINE)

_framework: dict = {}


def _text(entry: Entry, key: str, path: pathlib.Path, what: str) -> str:
    value = entry.get(key)
    if value is None or not str(value).strip():
        raise PluginError(f"{path}:{entry.line}: {what} lacks '{key}'")
    return str(value).strip()


def _page_sections(source: str) -> tuple[str, dict[str, str]]:
    """Title (front matter or first heading) and {anchor: heading text} of a Markdown page."""
    title = ""
    if source.startswith("---"):
        try:
            meta = yaml.safe_load(source.split("---", 2)[1]) or {}
        except yaml.YAMLError:  # reported by page_metadata.py
            meta = {}
        title = str(meta.get("title", "")) if isinstance(meta, dict) else ""
    anchored = source_files.headings(source)
    if not title:
        first = re.search(r"^#\s+(.+)$", source, re.MULTILINE)
        title = first.group(1).strip() if first else ""
    return title, anchored


def _read_yaml(path: pathlib.Path) -> Entry:
    if not path.is_file():
        raise PluginError(f"{path}: file not found (the skills framework mapping)")
    data = load_yaml(path, "the skills framework mapping")
    if not isinstance(data, Entry):
        raise PluginError(f"{path}:1: expected a mapping with 'source', 'domaines', "
                          "'correspondances'")
    source = data.get("source")
    if not isinstance(source, Entry):
        raise PluginError(f"{path}:{data.key_lines.get('source', 1)}: 'source' must be a "
                          "mapping (titre, auteurs, publication, date, url)")
    for key in ("titre", "date", "url"):
        _text(source, key, path, "source")
    return data


def _list(data: Entry, key: str, path: pathlib.Path, required: bool = True) -> list:
    value = data.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list) or (required and not value):
        raise PluginError(f"{path}:{data.key_lines.get(key, 1)}: '{key}' must be a "
                          f"{'non-empty ' if required else ''}list")
    for entry in value:
        if not isinstance(entry, Entry):
            raise PluginError(f"{path}:{data.key_lines[key]}: each item of '{key}' must be "
                              "a mapping")
    return value


def _read_skills(data: Entry, path: pathlib.Path) -> list[dict]:
    """Domains, then capacités: [{id, libelle, domaine}], ids unique, wording present."""
    skills: list[dict] = []
    seen: dict[str, int] = {}
    items = [(entry, None) for entry in _list(data, "domaines", path)]
    items += [(entry, _text(entry, "domaine", path, "capacité"))
              for entry in _list(data, "capacites", path, required=False)]
    for entry, domain in items:
        skill_id = _text(entry, "id", path, "skill")
        if skill_id in seen:
            raise PluginError(f"{path}:{entry.line}: id '{skill_id}' already used at line "
                              f"{seen[skill_id]}")
        if domain is not None and domain not in {s["id"] for s in skills if not s["parent"]}:
            raise PluginError(f"{path}:{entry.line}: capacité '{skill_id}' refers to unknown "
                              f"domain '{domain}'")
        libelle = _text(entry, "libelle", path, f"'{skill_id}' (the wording as published)")
        seen[skill_id] = entry.line
        skills.append({"id": skill_id, "libelle": libelle, "parent": domain})
    return skills


def _read_sections(data: Entry, path: pathlib.Path, known: list[str],
                   headings: dict[str, dict[str, str]]) -> list[dict]:
    """[{page, anchor, skills}]: each section exists and maps to known skill ids."""
    sections = []
    for entry in _list(data, "correspondances", path):
        target = _text(entry, "section", path, "mapping entry")
        page, _, anchor = target.partition("#")
        if page not in headings:
            raise PluginError(f"{path}:{entry.line}: section '{target}': no page "
                              f"docs/{page}")
        if anchor and anchor not in headings[page]:
            raise PluginError(f"{path}:{entry.line}: section '{target}': no heading "
                              f"{{#{anchor}}} in docs/{page}")
        ids = entry.get("competences")
        if not isinstance(ids, list) or not ids:
            raise PluginError(f"{path}:{entry.line}: section '{target}' maps to no skill "
                              "('competences' must list skill ids)")
        for skill_id in ids:
            if str(skill_id) not in known:
                raise PluginError(f"{path}:{entry.line}: section '{target}': unknown skill "
                                  f"id '{skill_id}' (known: {', '.join(known)})")
        sections.append({"page": page, "anchor": anchor, "skills": [str(i) for i in ids]})
    return sections


def load_framework(path: pathlib.Path, pages: dict[str, str]) -> dict:
    """Read and check `path` against `pages` ({src_uri: Markdown source}).

    Returns {source, skills: [{id, libelle, parent}], sections: [{page, anchor, skills}],
    chapters: {src_uri: {number, title}}, headings: {src_uri: {anchor: text}}}.
    """
    data = _read_yaml(path)
    skills = _read_skills(data, path)
    parsed = {uri: _page_sections(text) for uri, text in pages.items()}
    headings = {uri: found[1] for uri, found in parsed.items()}
    sections = _read_sections(data, path, [s["id"] for s in skills], headings)
    mapped = {section["page"] for section in sections}
    chapters = {}
    for uri in sorted(pages):
        match = CHAPTER.match(uri)
        if not match:
            continue
        if uri not in mapped:
            raise PluginError(f"{path}:{data.key_lines['correspondances']}: chapter "
                              f"docs/{uri} maps to no skill (add at least one of its "
                              "sections to 'correspondances')")
        chapters[uri] = {"number": int(match.group(1)), "title": parsed[uri][0]}
    return {"source": dict(data["source"]), "skills": skills, "sections": sections,
            "chapters": chapters, "headings": headings,
            "titles": {uri: found[0] for uri, found in parsed.items()}}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _link(framework: dict, section: dict, here: str) -> str:
    href = posixpath.relpath(section["page"], here or ".")
    if section["anchor"]:
        text = framework["headings"][section["page"]][section["anchor"]]
        href += f"#{section['anchor']}"
    else:
        text = framework["chapters"].get(section["page"], {}).get("title", section["page"])
    return f"[{_cell(text)}]({href})"


def _chapter_index(uri: str) -> str:
    """The chapter index a page belongs to (a sub-page of chapitres/NN-x/ → its index.md)."""
    return posixpath.join(posixpath.dirname(uri), "index.md")


def _chapter_label(framework: dict, uri: str) -> str:
    chapter = framework["chapters"].get(_chapter_index(uri))
    if not chapter:
        return uri
    if uri in framework["chapters"]:
        return f"Chapitre {chapter['number']}"
    return f"Chapitre {chapter['number']}, {framework['titles'].get(uri, uri)}"


def _ordered(skills: list[dict]) -> list[dict]:
    """Each domain followed by its capacités."""
    return [item for domain in skills if not domain["parent"]
            for item in [domain] + [s for s in skills if s["parent"] == domain["id"]]]


def skills_table(framework: dict, here: str) -> str:
    """Markdown table: each domain or capacité → the sections that cover it."""
    rows = ["| Domaine ou capacité du référentiel | Sections du cours |", "| --- | --- |"]
    for skill in _ordered(framework["skills"]):
        by_chapter: dict[str, list[str]] = {}
        for section in framework["sections"]:
            if skill["id"] in section["skills"]:
                by_chapter.setdefault(section["page"], []).append(
                    _link(framework, section, here))
        cells = [f"**{_chapter_label(framework, uri)}** : {' ; '.join(links)}"
                 for uri, links in by_chapter.items()]
        covered = "<br>".join(cells) if cells else "*Non traité dans ce cours.*"
        rows.append(f"| **{skill['id']}** — {_cell(skill['libelle'])} | {covered} |")
    return "\n".join(rows)


def chapters_table(framework: dict, here: str) -> str:
    """Markdown table: each chapter → the domains or capacités its sections cover."""
    labels = {skill["id"]: skill["libelle"] for skill in framework["skills"]}
    order = [skill["id"] for skill in _ordered(framework["skills"])]
    rows = ["| Chapitre | Domaines ou capacités du référentiel |", "| --- | --- |"]
    for uri, chapter in framework["chapters"].items():
        ids = {i for s in framework["sections"] if _chapter_index(s["page"]) == uri for i in s["skills"]}
        covered = "<br>".join(f"**{i}** — {_cell(labels[i])}" for i in order if i in ids)
        href = posixpath.relpath(uri, here or ".")
        rows.append(f"| [{chapter['number']}. {_cell(chapter['title'])}]({href}) | {covered} |")
    return "\n".join(rows)


TABLES = {"competences": skills_table, "chapitres": chapters_table}


def on_files(files, config):
    pages = {}
    for file in files.documentation_pages():
        if file.abs_src_path:
            pages[file.src_uri] = pathlib.Path(file.abs_src_path).read_text(encoding="utf-8")
    root = pathlib.Path(config.config_file_path).parent
    _framework.clear()
    _framework.update(load_framework(root / DATA_FILE, pages))
    return files


def on_page_markdown(markdown, page, config, files):
    if "referentiel:" not in markdown:
        return markdown
    here = posixpath.dirname(page.file.src_uri)

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in TABLES:
            where = page.file.abs_src_path or page.file.src_uri
            raise PluginError(f"{where}:{_line_in_source(page, match.group(0))}: unknown "
                              f"marker 'referentiel:{name}' (known: {', '.join(TABLES)})")
        return f"\n{TABLES[name](_framework, here)}\n"

    return MARKER.sub(replace, markdown)


def _line_in_source(page, text: str) -> int:
    """Line of `text` in the page's source file, front matter included (1 if not found)."""
    if page.file.abs_src_path:
        lines = pathlib.Path(page.file.abs_src_path).read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            if line.strip() == text.strip():
                return number
    return 1


def on_serve(server, config, builder):
    server.watch(str(pathlib.Path(config.config_file_path).parent / DATA_FILE))
    return server
