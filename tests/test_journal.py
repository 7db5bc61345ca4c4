"""The « Journal des modifications » page is CHANGELOG.md, pulled in at build time, and the
changelog lists its entries newest first."""

from __future__ import annotations

import datetime
import re

import pytest

from conftest import ROOT

pytestmark = pytest.mark.content  # `make check`: the content rules, in seconds

CHANGELOG = ROOT / "CHANGELOG.md"
MARKER = "<!-- journal -->"
ENTRY = re.compile(r"^## (\S+) — (.+)$", re.MULTILINE)


def changelog_problems(text: str) -> list[str]:
    """What is wrong with a changelog: no marker, no entry, bad date, not newest first."""
    if MARKER not in text:
        return [f"no '{MARKER}' line: the journal page includes what follows it"]
    entries = ENTRY.findall(text.split(MARKER, 1)[1])
    if not entries:
        return ["no entry '## YYYY-MM-DD — résumé' after the marker"]
    problems, dates = [], []
    for raw, _ in entries:
        try:
            dates.append(datetime.date.fromisoformat(raw))
        except ValueError:
            problems.append(f"'{raw}' is not a date written YYYY-MM-DD")
    for newer, older in zip(dates, dates[1:]):
        if newer < older:
            problems.append(f"{newer} is listed before {older}: newest entries go first")
    return problems


def _newest_entry() -> tuple[str, str]:
    return ENTRY.findall(CHANGELOG.read_text(encoding="utf-8").split(MARKER, 1)[1])[0]


def test_changelog_is_well_formed_and_newest_first():
    assert changelog_problems(CHANGELOG.read_text(encoding="utf-8")) == []


def test_out_of_order_changelog_is_caught():
    seeded = (f"# Journal\n\n{MARKER}\n\n## 2026-01-05 — Ancienne\n\nTexte.\n\n"
              "## 2026-11-23 — Plus récente, mais placée après\n\nTexte.\n")
    problems = changelog_problems(seeded)
    assert problems and "newest entries go first" in problems[0]


def test_bad_date_and_missing_marker_are_caught():
    assert changelog_problems("## 2026-11-23 — Sans repère\n")
    assert "not a date" in changelog_problems(f"{MARKER}\n## 23/11/2026 — Mauvaise date\n")[0]


def test_journal_page_is_included_not_copied():
    source = (ROOT / "docs" / "journal.md").read_text(encoding="utf-8")
    assert '{% include-markdown "../CHANGELOG.md"' in source
    body = source.split("---", 2)[2]
    assert not ENTRY.search(body), "the journal page must not hold hand-copied entries"
    assert _newest_entry()[1] not in body


def test_built_journal_shows_the_newest_entry(site_dir):
    day, summary = _newest_entry()
    html = (site_dir / "journal" / "index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h2[^>]*>(.*?)</h2>", html, re.S)
    assert heading and day in heading.group(1) and summary in heading.group(1), heading
    assert MARKER not in html and "Ajoutez chaque" not in html  # the file's own preamble


def test_a_new_changelog_entry_reaches_the_built_journal(variants_site):
    # conftest.VARIANT_SEEDS["new changelog entry"], dated 2099-01-01, newest first
    html = (variants_site / "journal" / "index.html").read_text(encoding="utf-8")
    assert "2099-01-01 — Entrée de test" in html
    assert html.index("2099-01-01") < html.index(_newest_entry()[0])
