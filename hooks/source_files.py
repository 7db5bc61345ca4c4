"""What several hooks read in the project's sources, written once.

Not a hook itself (mkdocs.yml does not list it): the hooks import it, since MkDocs puts the
folder of a hook on `sys.path` while it loads it. The tests import it the same way.
"""

from __future__ import annotations

import pathlib
import re

import yaml
from mkdocs.exceptions import PluginError

# A Markdown heading: its level, its text, and its anchor when written `{#anchor …}`.
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*(?:\{[^}\n]*#([\w-]+)[^}\n]*\})?[ \t]*$", re.MULTILINE)


def headings(markdown: str) -> dict[str, str]:
    """{anchor: heading text} of the headings written with an explicit anchor."""
    return {anchor: text.strip() for _, text, anchor in HEADING.findall(markdown) if anchor}


class Entry(dict):
    """A YAML mapping that remembers the line it starts on, and the line of each key."""

    line = 1
    key_lines: dict


def _to_python(node):
    if isinstance(node, yaml.MappingNode):
        entry = Entry()
        entry.line, entry.key_lines = node.start_mark.line + 1, {}
        for key_node, value_node in node.value:
            entry.key_lines[key_node.value] = key_node.start_mark.line + 1
            entry[key_node.value] = _to_python(value_node)
        return entry
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item) for item in node.value]
    return yaml.safe_load(yaml.serialize(node))


def load_yaml(path: pathlib.Path, what: str):
    """The YAML file's data, each mapping an `Entry` with its line numbers; errors name the
    file (and `what` it holds when it cannot be read)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PluginError(f"{path}: cannot read {what}: {error}") from error
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        raise PluginError(f"{path}: invalid YAML: {error}") from error
    return _to_python(root) if root is not None else None
