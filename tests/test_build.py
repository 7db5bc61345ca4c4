"""The site builds in strict mode, and bad input stops the build with file and line."""

from __future__ import annotations

import re

from conftest import copy_project, mkdocs_build


def test_strict_build_has_no_warning(build_result):
    assert build_result.returncode == 0, build_result.stderr[-3000:]
    assert "WARNING" not in build_result.stderr, build_result.stderr


def _seed(tmp_path, relative: str, edit) -> str:
    project = copy_project(tmp_path / "project")
    target = project / relative
    target.write_text(edit(target.read_text(encoding="utf-8")), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0, "the seeded defect was not caught"
    return result.stderr


def test_broken_internal_link_fails_naming_the_file(tmp_path):
    log = _seed(tmp_path, "docs/a-propos.md", lambda s: s + "\n[perdu](page-absente.md)\n")
    assert "a-propos.md" in log and "page-absente.md" in log


def test_missing_anchor_fails(tmp_path):
    log = _seed(tmp_path, "docs/a-propos.md", lambda s: s + "\n[ancre](confidentialite.md#nulle-part)\n")
    assert "nulle-part" in log


def test_page_outside_nav_fails(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "orpheline.md").write_text(
        "---\ntitle: Orpheline\ndescription: x\nlast_review: 2026-01-01\n---\n# Orpheline\n",
        encoding="utf-8",
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "orpheline.md" in result.stderr


def test_missing_metadata_fails_with_file_and_line(tmp_path):
    log = _seed(tmp_path, "docs/a-propos.md", lambda s: s.replace("description:", "resume:", 1))
    assert re.search(r"a-propos\.md:1: front matter lacks 'description'", log), log


def test_bad_review_date_fails_with_line(tmp_path):
    log = _seed(tmp_path, "docs/a-propos.md",
                lambda s: s.replace("last_review: 2026-11-23", "last_review: bientôt", 1))
    assert re.search(r"a-propos\.md:4: 'last_review' must be a date", log), log


def test_malformed_quiz_fails_naming_the_page(tmp_path):
    log = _seed(tmp_path, "quizzes/echauffement.md", lambda s: s.replace("- [x]", "- [ ]", 1))
    assert "index.md" in log and "correct answer" in log


def test_external_asset_fails_the_build(tmp_path):
    log = _seed(tmp_path, "docs/a-propos.md",
                lambda s: s + '\n<img src="https://example.org/pixel.gif" alt="">\n')
    assert "a-propos.md" in log and "https://example.org/pixel.gif" in log


def test_glossary_entry_without_definition_fails_with_line(tmp_path):
    log = _seed(tmp_path, "includes/glossaire.yml",
                lambda s: s + "- terme: XYZ\n  chapitre: index.md\n")
    assert re.search(r"glossaire\.yml:\d+: entry lacks 'definition'", log), log
