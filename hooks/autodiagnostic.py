"""Autodiagnostic du cabinet: yes/no items kept as data, rendered as an accessible form.

`data/autodiagnostic.yml` (next to mkdocs.yml) lists themes and their items. The page holding
`<!-- autodiagnostic -->` gets, per theme, a `##` heading and a <fieldset> of Oui / Non radio
pairs. Each item carries its priority and action as data attributes and a Markdown link to the
course section that explains it, written relative to the page so that MkDocs rewrites and
validates it. The summary block (scores, action plan, buttons) is filled in the browser by
docs/assets/javascripts/autodiagnostic.js; nothing leaves the browser.
"""

from __future__ import annotations

import html
import pathlib
import posixpath
import re

from mkdocs.exceptions import PluginError

from source_files import Entry, headings, load_yaml

MARKER = "<!-- autodiagnostic -->"
SOURCE = "data/autodiagnostic.yml"
THEME_FIELDS = ("id", "theme", "items")
ITEM_FIELDS = ("id", "question", "priority", "action", "link")
PRIORITIES = (1, 2, 3)
STABLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

_themes: list[dict] = []


def _fields(entry, fields: tuple[str, ...], where: str, line: int) -> dict[str, int]:
    """Check a mapping has non-empty `fields`; return the line of each key."""
    if not isinstance(entry, Entry):
        raise PluginError(f"{where}:{line}: expected a mapping with {', '.join(fields)}")
    for field in fields:
        value = entry.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise PluginError(f"{where}:{entry.line}: '{field}' is missing")
    return entry.key_lines


def _section_title(target: pathlib.Path, anchor: str) -> str | None:
    """Text of the heading written `## Title {#anchor}` in `target`, if any."""
    return headings(target.read_text(encoding="utf-8")).get(anchor)


def _check_link(link, docs_dir: pathlib.Path, where: str) -> tuple[str, str]:
    """`path.md#anchor` → (path, section title), or an error naming what is wrong."""
    path, _, anchor = str(link).partition("#")
    target = docs_dir / path
    if not path.endswith(".md") or not anchor or not target.is_file():
        raise PluginError(f"{where}: link '{link}' must be 'page.md#anchor' with a page "
                          f"that exists under {docs_dir.name}/")
    title = _section_title(target, anchor)
    if title is None:
        raise PluginError(f"{where}: link '{link}': {path} has no heading {{#{anchor}}}")
    return path, title


def _check_item(item, docs_dir, path, seen: dict[str, int], line: int) -> dict:
    lines = _fields(item, ITEM_FIELDS, str(path), line)
    where = f"{path}:{lines['id']}"
    item_id = str(item["id"])
    if not STABLE_ID.fullmatch(item_id):
        raise PluginError(f"{where}: id '{item_id}' must be lowercase ASCII words joined by '-'")
    if item_id in seen:
        raise PluginError(f"{where}: id '{item_id}' already used at line {seen[item_id]}")
    seen[item_id] = lines["id"]
    priority = item["priority"]
    if type(priority) is not int or priority not in PRIORITIES:
        raise PluginError(f"{path}:{lines['priority']}: priority must be 1 (urgent), "
                          f"2 (important) or 3 (utile), got {priority!r}")
    for field in ("question", "action"):
        if not isinstance(item[field], str) or "\n" in item[field].strip():
            raise PluginError(f"{path}:{lines[field]}: '{field}' must be one line of text")
    page, section = _check_link(item["link"], docs_dir, f"{path}:{lines['link']}")
    anchor = str(item["link"]).partition("#")[2]
    return {"id": item_id, "question": item["question"].strip(), "priority": priority,
            "action": item["action"].strip(), "page": page, "anchor": anchor,
            "section": section}


def load_autodiagnostic(path: pathlib.Path, docs_dir: pathlib.Path) -> list[dict]:
    """Read and check the items; errors name the file and line."""
    data = load_yaml(path, "the autodiagnostic items")
    if not isinstance(data, list) or not data:
        raise PluginError(f"{path}:1: expected a list of themes")
    themes, theme_ids, item_ids = [], {}, {}
    for theme in data:
        lines = _fields(theme, THEME_FIELDS, str(path), 1)
        theme_id = str(theme["id"])
        if not STABLE_ID.fullmatch(theme_id) or theme_id in theme_ids:
            raise PluginError(f"{path}:{lines['id']}: theme id '{theme_id}' must be unique, "
                              "lowercase ASCII words joined by '-'")
        theme_ids[theme_id] = lines["id"]
        if not isinstance(theme["items"], list) or not theme["items"]:
            raise PluginError(f"{path}:{lines['items']}: 'items' must be a list of questions")
        items = [_check_item(item, docs_dir, path, item_ids, lines["items"]) for item in theme["items"]]
        themes.append({"id": theme_id, "title": str(theme["theme"]).strip(), "items": items})
    return themes


def _source(config) -> pathlib.Path:
    return pathlib.Path(config.config_file_path).parent / SOURCE


def on_config(config):
    _themes[:] = load_autodiagnostic(_source(config), pathlib.Path(config.docs_dir))
    return config


def on_serve(server, config, builder):
    server.watch(str(_source(config)))  # `mkdocs serve` rebuilds when the items change
    return server


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def _text(text: str) -> str:
    return html.escape(text, quote=False)


def _item_markdown(item: dict, here: str) -> str:
    key, name = item["id"], f"autodiag-{item['id']}"
    link = posixpath.relpath(item["page"], here) + "#" + item["anchor"]
    radios = "\n".join(
        f'<label for="{name}-{value}"><input type="radio" id="{name}-{value}" name="{name}" '
        f'value="{value}"> {value.capitalize()}</label>' for value in ("oui", "non"))
    return f"""<div class="autodiag-item" role="radiogroup" aria-labelledby="autodiag-q-{key}"
  data-id="{key}" data-priority="{item['priority']}"
  data-action="{_attr(item['action'])}" markdown>
<p class="autodiag-question" id="autodiag-q-{key}" markdown>{_text(item['question'])}</p>
<div class="autodiag-choices">
{radios}
</div>
<p class="autodiag-more" markdown>Dans le cours : [{item['section']}]({link})</p>
</div>"""


def _summary_html(themes: list[dict]) -> str:
    """Empty summary, filled in by autodiagnostic.js; it stays hidden without JavaScript."""
    rows = "\n".join(
        f'<tr data-theme="{t["id"]}"><th scope="row">{_text(t["title"])}</th>'
        f'<td data-cell="oui">0</td><td data-cell="non">0</td>'
        f'<td data-cell="vide">{len(t["items"])}</td>'
        f'<td data-cell="score">0 sur {len(t["items"])}</td></tr>'
        for t in themes
    )
    columns = "".join(f'<th scope="col">{name}</th>'
                      for name in ("Thème", "Oui", "Non", "Sans réponse", "Score"))
    return f"""<p class="autodiag-nojs">La synthèse et l'enregistrement des réponses ont besoin de
JavaScript, qui semble désactivé dans votre navigateur.</p>

<div class="autodiag-summary" id="autodiag-summary" hidden>
<p class="autodiag-date">Synthèse du <time data-autodiag-date></time></p>
<p class="autodiag-rule">Comment lire le score : chaque réponse « Oui » vaut un point. Le score
d'un thème est le nombre de « Oui » sur le <strong>nombre total de questions</strong> du thème ;
une question sans réponse ne rapporte pas de point.</p>
<div class="autodiag-live" aria-live="polite">
<p class="autodiag-overall" data-autodiag-overall></p>
<table>
<caption>Score par thème</caption>
<thead><tr>{columns}</tr></thead>
<tbody>
{rows}
</tbody>
</table>
<h3 id="plan-action">Plan d'action, par priorité</h3>
<p class="autodiag-empty" data-autodiag-empty>Aucune action pour l'instant : chaque réponse
« Non » ajoute ici ce qu'il faut faire, les plus urgentes en premier.</p>
<ol class="autodiag-actions" data-autodiag-actions></ol>
</div>
<p class="autodiag-buttons">
<button type="button" class="md-button md-button--primary" data-autodiag-print>Imprimer la
synthèse</button>
<button type="button" class="md-button" data-autodiag-reset>Tout effacer</button>
</p>
</div>"""


def autodiagnostic_markdown(themes: list[dict], page_src_uri: str) -> str:
    """The questionnaire and its summary, links relative to the page."""
    here = posixpath.dirname(page_src_uri) or "."
    blocks = []
    for theme in themes:
        items = "\n".join(_item_markdown(item, here) for item in theme["items"])
        blocks.append(
            # the questions stay out of the search index: readers search the course, not the form
            f"## {theme['title']} {{ #{theme['id']} data-search-exclude }}\n\n"
            f'<fieldset class="autodiag-theme" data-theme="{theme["id"]}" markdown>\n'
            f'<legend class="autodiag-legend">{_text(theme["title"])}</legend>\n'
            f"{items}\n</fieldset>"
        )
    blocks.append("## Votre synthèse { #synthese data-search-exclude }\n\n" + _summary_html(themes))
    return "\n\n".join(blocks)


def on_page_markdown(markdown, page, config, files):
    if MARKER in markdown:
        markdown = markdown.replace(MARKER, autodiagnostic_markdown(_themes, page.file.src_uri))
    return markdown
