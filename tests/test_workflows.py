"""The GitHub workflows pass actionlint and zizmor (offline audits)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else (shutil.which(name) or pytest.skip(f"{name} missing"))


def test_there_are_workflows():
    names = {w.name for w in WORKFLOWS}
    assert {"tests.yml", "pages.yml", "liens-externes.yml"} <= names, names


def test_actionlint_passes():
    result = subprocess.run([_tool("actionlint"), *map(str, WORKFLOWS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_seeded_error(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.evnt.name }}\n")
    result = subprocess.run([_tool("actionlint"), str(bad)], capture_output=True, text=True)
    assert result.returncode != 0


def test_zizmor_passes_offline():
    result = subprocess.run([_tool("zizmor"), "--offline", "--no-progress", *map(str, WORKFLOWS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def deploy_waits_for_tests(workflow: dict) -> bool:
    jobs = workflow["jobs"]
    tests = [name for name, job in jobs.items() if job.get("uses") == "./.github/workflows/tests.yml"]
    needs = jobs["deploy"].get("needs", [])
    needs = [needs] if isinstance(needs, str) else needs
    return bool(tests) and all(name in needs for name in tests)


def test_pages_deploys_only_after_the_tests_pass():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text("utf-8"))
    assert deploy_waits_for_tests(workflow)
    tests = yaml.safe_load((ROOT / ".github" / "workflows" / "tests.yml").read_text("utf-8"))
    assert "workflow_call" in tests[True]  # YAML reads the key `on` as True


def test_deploy_check_catches_a_deploy_that_does_not_wait():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text("utf-8"))
    workflow["jobs"]["deploy"]["needs"] = "build"
    assert not deploy_waits_for_tests(workflow)
