"""Require `title`, `description` and `last_review` in every page's front matter.

The review date is rendered by `overrides/main.html` as « Dernière relecture : … »; this
hook checks it is a real date and adds its French spelling to `page.meta`. Scenario pages
(docs/mises-en-situation/*.md, except the part's index) get the `mise-en-situation.html`
template, which loads their stylesheet, unless their front matter names another.
"""

from __future__ import annotations

import datetime

from mkdocs.exceptions import PluginError

SCENARIOS = "mises-en-situation/"
REQUIRED = ("title", "description", "last_review")
MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def french_date(day: datetime.date) -> str:
    """Return a date as French readers write it: « 1er mars 2026 »."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS_FR[day.month - 1]} {day.year}"


def _line_of(path: str | None, key: str) -> int:
    """Line number of `key:` in the front matter (1 when absent)."""
    if not path:
        return 1
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.startswith(f"{key}:"):
                return number
    return 1


def on_page_markdown(markdown, page, config, files):
    if page.file.generated_by:  # pages made by plugins (print edition, tags index)
        return markdown
    where = page.file.abs_src_path or page.file.src_uri
    if page.file.src_uri.startswith(SCENARIOS) and page.file.src_uri != SCENARIOS + "index.md":
        page.meta.setdefault("template", "mise-en-situation.html")
    for key in REQUIRED:
        if not page.meta.get(key):
            raise PluginError(
                f"{where}:{_line_of(page.file.abs_src_path, key)}: front matter lacks "
                f"'{key}' (every page needs {', '.join(REQUIRED)})"
            )
    review = page.meta["last_review"]
    if not isinstance(review, datetime.date):
        raise PluginError(
            f"{where}:{_line_of(page.file.abs_src_path, 'last_review')}: 'last_review' must be "
            f"a date written YYYY-MM-DD, got {review!r}"
        )
    page.meta["last_review_fr"] = french_date(review)
    return markdown
