"""data/referentiel.yml maps every chapter to the national framework, and the trainers' page
shows tables generated from it at build time (hooks/referentiel.py)."""

from __future__ import annotations

import re
import types

import pytest
import yaml
from mkdocs.exceptions import PluginError

from conftest import ROOT, copy_project, load_hook

DATA = ROOT / "data" / "referentiel.yml"
DOCS = ROOT / "docs"


HOOK = load_hook("referentiel")


def _pages() -> dict[str, str]:
    return {p.relative_to(DOCS).as_posix(): p.read_text(encoding="utf-8")
            for p in DOCS.rglob("*.md")}


def _chapters() -> set[str]:
    return {p.relative_to(DOCS).as_posix() for p in DOCS.glob("chapitres/*/index.md")}


def _load(text: str, tmp_path):
    path = tmp_path / "referentiel.yml"
    path.write_text(text, encoding="utf-8")
    return HOOK.load_framework(path, _pages())


# --- The mapping itself ----------------------------------------------------------------

def test_every_chapter_maps_to_at_least_one_skill():
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    mapped = {entry["section"].split("#")[0] for entry in raw["correspondances"]
              if entry.get("competences")}
    assert _chapters(), "no chapter found"
    assert _chapters() <= mapped, sorted(_chapters() - mapped)


def test_every_mapped_skill_exists_and_has_its_wording():
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    skills = {d["id"]: d.get("libelle") for d in raw["domaines"]}
    skills |= {c["id"]: c.get("libelle") for c in raw.get("capacites") or []}
    assert all(isinstance(w, str) and w.strip() for w in skills.values()), skills
    used = {s for entry in raw["correspondances"] for s in entry["competences"]}
    assert used <= set(skills), sorted(used - set(skills))


def test_source_is_the_official_text():
    source = yaml.safe_load(DATA.read_text(encoding="utf-8"))["source"]
    assert source["url"] == "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000046548689"
    assert str(source["date"]) == "2022-11-10"
    assert "10 novembre 2022" in source["titre"]


def test_the_hook_accepts_the_real_file():
    framework = HOOK.load_framework(DATA, _pages())
    assert set(framework["chapters"]) == _chapters()


# --- The checks catch seeded defects ---------------------------------------------------

def test_unknown_skill_id_names_file_and_line(tmp_path):
    text = DATA.read_text(encoding="utf-8").replace("competences: [D1]", "competences: [D9]", 1)
    with pytest.raises(PluginError, match=r"referentiel\.yml:\d+: .*unknown skill id 'D9'"):
        _load(text, tmp_path)


def test_chapter_without_skill_fails(tmp_path):
    lines = DATA.read_text(encoding="utf-8").splitlines(keepends=True)
    kept, skip = [], False
    for line in lines:  # drop every mapping entry of chapter 4
        if line.lstrip().startswith("- section:"):
            skip = "04-menaces" in line
        kept.append("" if skip else line)
    with pytest.raises(PluginError, match=r"referentiel\.yml:\d+: chapter "
                                           r"docs/chapitres/04-menaces/index\.md maps to no"):
        _load("".join(kept), tmp_path)


def test_missing_wording_fails_with_line(tmp_path):
    text = DATA.read_text(encoding="utf-8").replace(
        '    libelle: "La cybersécurité en santé"\n', "")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.strip() == "- id: D2")
    with pytest.raises(PluginError, match=rf"referentiel\.yml:{line}: 'D2' .* lacks 'libelle'"):
        _load(text, tmp_path)


def test_capacite_needs_a_known_domain_and_is_listed_under_it(tmp_path):
    base = DATA.read_text(encoding="utf-8")
    capacite = ('capacites:\n  - id: D2-01\n    domaine: {}\n    libelle: "Libellé de test"\n')
    with pytest.raises(PluginError, match=r"referentiel\.yml:\d+: capacité 'D2-01' refers "
                                           r"to unknown domain 'D9'"):
        _load(base.replace("capacites: []\n", capacite.format("D9")), tmp_path)
    text = base.replace("capacites: []\n", capacite.format("D2")).replace(
        "#wifi\n    competences: [D2]", "#wifi\n    competences: [D2-01]")
    table = HOOK.skills_table(_load(text, tmp_path), "")
    rows = [row.split(" |")[0] for row in table.splitlines()[2:]]
    assert rows.index("| **D2-01** — Libellé de test") == rows.index(
        "| **D2** — La cybersécurité en santé") + 1, rows


def test_unknown_anchor_fails(tmp_path):
    text = DATA.read_text(encoding="utf-8").replace("#wifi", "#wi-fi", 1)
    with pytest.raises(PluginError, match=r"referentiel\.yml:\d+: .*no heading \{#wi-fi\}"):
        _load(text, tmp_path)


# --- Generated tables ------------------------------------------------------------------

def test_tables_link_relative_to_the_page():
    framework = HOOK.load_framework(DATA, _pages())
    table = HOOK.skills_table(framework, "")
    assert "(chapitres/05-bonnes-pratiques/index.md#wifi)" in table
    deeper = HOOK.chapters_table(framework, "outils/fiches")
    assert "(../../chapitres/01-donnees-de-sante/index.md)" in deeper
    # a chapter's sub-page is listed under its chapter, by its title
    assert "**Chapitre 5, Téléconsultation" in table and "(chapitres/05-bonnes-pratiques/teleconsultation.md#cadre)" in table
    # a domain no section covers says so
    framework["sections"] = [s for s in framework["sections"] if "D5" not in s["skills"]]
    assert "Non traité dans ce cours" in HOOK.skills_table(framework, "")


def test_built_trainers_page_has_the_generated_tables(site_dir):
    html = (site_dir / "formateurs" / "index.html").read_text(encoding="utf-8")
    assert "referentiel:" not in html, "a marker was left in the page"
    assert html.count("<table>") >= 2
    for chapter in sorted(_chapters()):
        href = "../" + chapter.removesuffix("index.md")
        assert f'href="{href}"' in html, href
    assert 'href="../chapitres/05-bonnes-pratiques/#wifi"' in html
    # the headings right after each table are still headings, not table rows
    assert re.search(r'<h3[^>]* id="par-chapitre">', html) and re.search(r'<h2[^>]* id="export-qti">', html)


def test_seeded_mapping_appears_in_the_built_table(variants_site):
    # conftest.VARIANT_SEEDS["new skills mapping"]: chapter 4's key points mapped to D5
    html = (variants_site / "formateurs" / "index.html").read_text(encoding="utf-8")
    row = next(r for r in re.findall(r"<tr>.*?</tr>", html, re.S) if "La télésanté" in r)
    assert 'href="../chapitres/04-menaces/#a-retenir"' in row, row


def test_unknown_skill_id_fails_the_build_naming_the_file(tmp_path):
    # What the build runs: the hook's on_files, on a copy whose data file has a bad id.
    project = copy_project(tmp_path / "project")
    data = project / "data" / "referentiel.yml"
    data.write_text(data.read_text(encoding="utf-8").replace(
        "competences: [D2]", "competences: [D2, D42]", 1), encoding="utf-8")
    docs = [types.SimpleNamespace(src_uri=str(p.relative_to(project / "docs")), abs_src_path=str(p))
            for p in (project / "docs").rglob("*.md")]
    files = types.SimpleNamespace(documentation_pages=lambda: docs)
    config = types.SimpleNamespace(config_file_path=str(project / "mkdocs.yml"))
    with pytest.raises(PluginError, match=r"referentiel\.yml:\d+: .*unknown skill id 'D42'"):
        HOOK.on_files(files, config)
