"""The site builds in strict mode, and bad input stops the build with file and line.

Warning-type defects are seeded together into one build (conftest.WARNING_SEEDS); errors that
a hook raises are checked by calling the hook, as the build would, on a seeded copy.
"""

from __future__ import annotations

import re
import types

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT, copy_project, load_hook, mkdocs_build


def test_strict_build_has_no_warning(build_result):
    assert build_result.returncode == 0, build_result.stderr[-3000:]
    assert "WARNING" not in build_result.stderr, build_result.stderr


def test_broken_internal_link_fails_naming_the_file(warnings_build):
    assert "Doc file 'a-propos.md' contains a link 'page-absente.md'" in warnings_build, warnings_build


def test_missing_anchor_fails(warnings_build):
    assert re.search(r"a-propos\.md.*nulle-part", warnings_build), warnings_build


def test_page_outside_nav_fails(warnings_build):
    assert re.search(r'not included in the "nav" configuration:\n\s+- orpheline\.md', warnings_build), \
        warnings_build


def _page(tmp_path, edit):
    """What page_metadata sees of a seeded copy of « À propos »: its file and front matter."""
    import yaml

    path = tmp_path / "a-propos.md"
    path.write_text(edit((ROOT / "docs" / "a-propos.md").read_text("utf-8")), encoding="utf-8")
    meta = yaml.safe_load(path.read_text("utf-8").split("---")[1])
    file = types.SimpleNamespace(generated_by=None, abs_src_path=str(path), src_uri="a-propos.md")
    return types.SimpleNamespace(file=file, meta=meta)


def test_missing_metadata_fails_with_file_and_line(tmp_path):
    page = _page(tmp_path, lambda s: s.replace("description:", "resume:", 1))
    with pytest.raises(PluginError, match=r"a-propos\.md:1: front matter lacks 'description'"):
        load_hook("page_metadata").on_page_markdown("", page, None, None)


def test_bad_review_date_fails_with_line(tmp_path):
    page = _page(tmp_path, lambda s: re.sub(r"last_review: \S+", "last_review: bientôt", s, count=1))
    with pytest.raises(PluginError, match=r"a-propos\.md:4: 'last_review' must be a date"):
        load_hook("page_metadata").on_page_markdown("", page, None, None)


def test_malformed_quiz_fails_naming_the_page(tmp_path):
    # mkdocs-quiz's own error: a build, since the plugin needs its whole configuration.
    project = copy_project(tmp_path / "project")
    bank = project / "quizzes" / "echauffement.md"
    bank.write_text(bank.read_text("utf-8").replace("- [x]", "- [ ]", 1), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0, "the seeded defect was not caught"
    assert "index.md" in result.stderr and "correct answer" in result.stderr


def test_external_asset_fails_the_build():
    page = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="a-propos.md"))
    html = '<p>x</p><img src="https://example.org/pixel.gif" alt="">'
    hook = load_hook("no_external_assets")
    with pytest.raises(PluginError, match=r"a-propos\.md.*https://example\.org/pixel\.gif"):
        hook.on_post_page(html, page, None)
    # and the build runs it
    assert "hooks/no_external_assets.py" in (ROOT / "mkdocs.yml").read_text("utf-8")


def test_glossary_entry_without_definition_fails_with_line(tmp_path):
    path = tmp_path / "glossaire.yml"
    path.write_text((ROOT / "data" / "glossaire.yml").read_text("utf-8")
                    + "- terme: XYZ\n  chapitre: index.md\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"glossaire\.yml:\d+: entry lacks 'definition'"):
        load_hook("glossary").load_glossary(path)


def python_scripts_outside_the_venv(makefile: str) -> list[str]:
    """Makefile recipe lines that run a script of scripts/ with an interpreter other than the
    virtual environment's (on a fresh machine the system Python has no mkdocs)."""
    return [f"Makefile:{number}: {line.strip()}"
            for number, line in enumerate(makefile.splitlines(), 1)
            if line.startswith("\t") and re.search(r"scripts/\S+\.py", line)
            and "$(BIN)/python" not in line]


def test_make_runs_python_scripts_with_the_virtual_environment():
    assert python_scripts_outside_the_venv((ROOT / "Makefile").read_text("utf-8")) == []


def test_makefile_check_catches_a_script_run_by_the_system_python():
    seeded = "slides:\n\t$(PYTHON) scripts/check_slides.py\n"
    assert python_scripts_outside_the_venv(seeded) == ["Makefile:2: $(PYTHON) scripts/check_slides.py"]
