"""scripts/review_due.py lists pages reviewed more than 12 months before a given day; the
monthly workflow and the GitHub templates that go with it are well formed.

No test depends on today's date: every call passes `--today`."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys

import yaml

from conftest import ROOT, load_module

SCRIPT = ROOT / "scripts" / "review_due.py"
WORKFLOW = ROOT / ".github" / "workflows" / "relecture.yml"
TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"


REVIEW = load_module(SCRIPT)


def _page(folder, name: str, review: str | None):
    front = f"---\ntitle: {name}\ndescription: Une page de test assez longue.\n"
    front += f"last_review: {review}\n---\n" if review else "---\n"
    path = folder / f"{name}.md"
    path.write_text(front + f"# {name}\n", encoding="utf-8")
    return path


def _run(docs, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--docs", str(docs), *args],
                          capture_output=True, text=True)


def test_old_page_is_listed_and_fresh_one_is_not(tmp_path):
    _page(tmp_path, "ancienne", "2024-03-01")
    _page(tmp_path, "recente", "2026-06-01")
    result = _run(tmp_path, "--today", "2026-11-23")
    assert result.returncode == 0, result.stderr
    assert re.search(r"ancienne\.md\s+2024-03-01", result.stdout), result.stdout
    assert "recente.md" not in result.stdout


def test_nothing_due_still_exits_zero(tmp_path):
    _page(tmp_path, "recente", "2026-06-01")
    result = _run(tmp_path, "--today", "2026-11-23")
    assert result.returncode == 0 and "Aucune page à relire" in result.stdout


def test_twelve_months_is_the_limit():
    day = datetime.date(2026, 11, 23)
    assert REVIEW.one_year_before(day) == datetime.date(2025, 11, 23)
    assert REVIEW.one_year_before(datetime.date(2028, 2, 29)) == datetime.date(2027, 2, 28)


def test_boundary_days(tmp_path):
    _page(tmp_path, "pile-un-an", "2025-11-23")
    _page(tmp_path, "un-an-et-un-jour", "2025-11-22")
    due = dict(REVIEW.pages_due(tmp_path, datetime.date(2026, 11, 23)))
    assert not any("pile-un-an" in path for path in due)
    assert any("un-an-et-un-jour" in path for path in due)


def test_missing_or_unreadable_date_is_listed(tmp_path):
    _page(tmp_path, "sans-date", None)
    _page(tmp_path, "illisible", "bientôt")
    due = dict(REVIEW.pages_due(tmp_path, datetime.date(2026, 11, 23)))
    reasons = " ".join(due.values())
    assert "sans date de relecture" in reasons and "bientôt" in reasons


def test_markdown_body_and_count(tmp_path):
    _page(tmp_path, "ancienne", "2024-03-01")
    _page(tmp_path, "recente", "2026-06-01")
    body = _run(tmp_path, "--today", "2026-11-23", "--markdown").stdout
    assert re.search(r"^- \[ \] `\S*ancienne\.md` — dernière relecture : 2024-03-01$", body,
                     re.MULTILINE), body
    assert "recente" not in body and "CHANGELOG.md" in body
    assert _run(tmp_path, "--today", "2026-11-23", "--count").stdout.strip() == "1"


def test_every_real_page_has_a_readable_review_date():
    # A day before any possible review: only pages without a usable date come out.
    assert REVIEW.pages_due(ROOT / "docs", datetime.date(1900, 1, 1)) == []


# --- The monthly workflow --------------------------------------------------------------

def expressions_in_run(workflow: dict) -> list[str]:
    """`${{ }}` expressions written inside `run:` scripts (they belong in `env:`)."""
    found = []
    for job in workflow.get("jobs", {}).values():
        for step in job.get("steps", []):
            found += re.findall(r"\$\{\{.*?\}\}", step.get("run", ""))
    return found


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_workflow_is_monthly_manual_and_minimal():
    workflow = _workflow()
    triggers = workflow[True]  # PyYAML reads the key `on` as True
    assert "workflow_dispatch" in triggers
    minute, hour, day, month, weekday = triggers["schedule"][0]["cron"].split()
    assert (day, month, weekday) == ("1", "*", "*")
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    assert expressions_in_run(workflow) == []
    run = "\n".join(step.get("run", "") for step in job["steps"])
    assert "review_due.py --markdown" in run and "--label" in run


def test_expression_in_run_is_caught():
    seeded = {"jobs": {"x": {"steps": [{"run": 'echo "${{ github.event.issue.title }}"'}]}}}
    assert expressions_in_run(seeded) == ["${{ github.event.issue.title }}"]


def test_actions_are_pinned_like_the_tests_workflow():
    pins = set(re.findall(r"uses: (\S+@[0-9a-f]{40} # v\S+)",
                          (ROOT / ".github" / "workflows" / "tests.yml").read_text()))
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = re.findall(r"uses: (.+)$", text, re.MULTILINE)
    assert uses and all(u in pins for u in uses), uses
    assert text.count("persist-credentials: false") == text.count("actions/checkout@")


# --- Issue and pull request templates --------------------------------------------------

def test_issue_forms_are_french_and_complete():
    forms = {p.name: yaml.safe_load(p.read_text(encoding="utf-8"))
             for p in TEMPLATES.glob("*.yml") if p.name != "config.yml"}
    assert set(forms) == {"erreur-contenu.yml", "proposer-source.yml", "proposer-question.yml"}
    error = forms["erreur-contenu.yml"]
    assert error["name"] == "Signaler une erreur dans le contenu"
    fields = {f["id"]: f for f in error["body"] if "id" in f}
    assert {"page", "passage", "correction", "source"} <= set(fields)
    assert fields["source"]["validations"]["required"] is True
    question = {f["id"]: f for f in forms["proposer-question.yml"]["body"] if "id" in f}
    assert {"chapitre", "question", "explication", "section"} <= set(question)
    assert "<quiz>" in question["question"]["attributes"]["value"]


def test_pull_request_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(boxes) == 5
    for words in ("Sources officielles", "relecture", "make test", "Accessibilité",
                  "CHANGELOG.md"):
        assert words in text, words
