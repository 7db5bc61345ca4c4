"""hooks downloads: under `mkdocs serve`, files of dist/ answer under telechargements/."""

from __future__ import annotations

import types

from conftest import load_hook


def _run(tmp_path, command):
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "proteger-donnees-sante-hors-ligne.zip").write_bytes(b"PK")
    site = tmp_path / "site"
    site.mkdir()
    hook = load_hook("downloads")
    hook.on_startup(command, dirty=False)
    hook.on_post_build(types.SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"),
                                             site_dir=str(site)))
    return site / "telechargements" / "proteger-donnees-sante-hors-ligne.zip"


def test_serve_copies_the_offline_edition_into_the_preview(tmp_path):
    assert _run(tmp_path, "serve").read_bytes() == b"PK"


def test_a_build_leaves_downloads_to_the_pages_workflow(tmp_path):
    assert not _run(tmp_path, "build").exists()
