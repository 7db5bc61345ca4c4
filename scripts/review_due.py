#!/usr/bin/env python3
"""List the pages whose last review (`last_review` in the front matter) is over 12 months old.

    python scripts/review_due.py                      # today, docs/ of this repository
    python scripts/review_due.py --today 2027-12-01   # as if run on that day
    python scripts/review_due.py --markdown           # body for the « relecture » issue
    python scripts/review_due.py --count              # just the number of pages due

It informs and never fails: the exit status is always 0. Standard library only, so the
monthly workflow runs it without installing anything.
"""

from __future__ import annotations

import argparse
import datetime
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIELD = re.compile(r"^last_review:\s*['\"]?([^'\"#\s]*)['\"]?\s*(?:#.*)?$", re.MULTILINE)


def last_review(text: str) -> datetime.date | str | None:
    """The page's `last_review` as a date, the raw value if it is not a date, or None."""
    if not text.startswith("---"):
        return None
    front = text.split("---", 2)[1] if text.count("---") >= 2 else ""
    match = FIELD.search(front)
    if not match:
        return None
    try:
        return datetime.date.fromisoformat(match.group(1))
    except ValueError:
        return match.group(1)


def one_year_before(day: datetime.date) -> datetime.date:
    """Same day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def pages_due(docs: pathlib.Path, today: datetime.date) -> list[tuple[str, str]]:
    """(path, date or reason) of every page reviewed before one year ago, oldest first."""
    limit = one_year_before(today)
    due = []
    for page in sorted(docs.rglob("*.md")):
        reviewed = last_review(page.read_text(encoding="utf-8"))
        try:
            shown = str(page.relative_to(ROOT))
        except ValueError:
            shown = str(page)
        if reviewed is None:
            due.append((shown, "sans date de relecture"))
        elif not isinstance(reviewed, datetime.date):
            due.append((shown, f"date illisible : {reviewed}"))
        elif reviewed < limit:
            due.append((shown, reviewed.isoformat()))
    return sorted(due, key=lambda item: item[1])


def as_text(due: list[tuple[str, str]], today: datetime.date) -> str:
    limit = one_year_before(today).isoformat()
    if not due:
        return f"Aucune page à relire : toutes ont été relues depuis le {limit}."
    width = max(len(path) for path, _ in due)
    lines = [f"{path.ljust(width)}  {when}" for path, when in due]
    lines.append(f"{len(due)} page(s) à relire (dernière relecture avant le {limit}).")
    return "\n".join(lines)


def as_markdown(due: list[tuple[str, str]], today: datetime.date) -> str:
    limit = one_year_before(today).isoformat()
    lines = [
        f"Pages dont la dernière relecture date d'avant le {limit} "
        f"(liste établie le {today.isoformat()}).",
        "",
    ]
    if not due:
        lines.append("Aucune page à relire.")
    for path, when in due:
        lines.append(f"- [ ] `{path}` — dernière relecture : {when}")
    lines += [
        "",
        "Pour chaque page : vérifier les sources officielles et les chiffres, corriger si "
        "besoin, mettre `last_review` à la date du jour et ajouter une entrée dans "
        "`CHANGELOG.md`.",
        "",
        "*Liste mise à jour chaque mois par le workflow « Relecture » "
        "(`scripts/review_due.py`).*",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=datetime.date.fromisoformat,
                        default=datetime.date.today(), help="date of reference, YYYY-MM-DD")
    parser.add_argument("--docs", type=pathlib.Path, default=ROOT / "docs",
                        help="folder of Markdown pages (default: docs/)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--markdown", action="store_true",
                        help="print a Markdown body for the GitHub issue")
    output.add_argument("--count", action="store_true",
                        help="print only the number of pages due")
    args = parser.parse_args(argv)
    due = pages_due(args.docs, args.today)
    if args.count:
        print(len(due))
    elif args.markdown:
        print(as_markdown(due, args.today))
    else:
        print(as_text(due, args.today))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
