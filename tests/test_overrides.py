"""Alarms on upgrade: the Material files this project copies or works around are pinned.

Each override under overrides/ (and each script that replaces part of Material's bundle) was
written against one version of an upstream file. When Material changes that file, this test
fails and names what to re-check; after checking, update the digest here.
"""

from __future__ import annotations

import hashlib
import pathlib

import pytest
from material import __version__ as MATERIAL_VERSION

TEMPLATES = pathlib.Path(__import__("material").__file__).parent / "templates"

# upstream file (under material/templates) -> (its SHA-256, what in this project depends on it)
PINNED = {
    "partials/palette.html": (
        "fb935107ae7d3d7475965019eec36c1ad72bf1d154254dab2474921fcd2710e3",
        "overrides/partials/palette.html and docs/assets/javascripts/palette.js"),
    "partials/javascripts/palette.html": (
        "8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5",
        "docs/assets/javascripts/palette.js (same storage key, applied before paint)"),
    "partials/search.html": (
        "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
        "overrides/partials/search.html"),
    "partials/source.html": (
        "6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752",
        "overrides/partials/source.html"),
    "partials/javascripts/content.html": (
        "3722e156f0f6339de39fbbfc178b6e401d1a4fb890f189ac5b80c2504bda7dcf",
        "overrides/partials/javascripts/content.html"),
    # base.html names the bundle: a new bundle may request the search index differently.
    "base.html": (
        "8536d352b0093623df9e0032894f321cbe264b15a9b48cdd962583772455dadb",
        "overrides/main.html (scripts block) and docs/assets/javascripts/search-on-demand.js"),
}


def digest(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def changed_upstream(pinned: dict[str, tuple[str, str]], templates: pathlib.Path) -> list[str]:
    return [f"Material {MATERIAL_VERSION} changed {name}: re-check {what}, then update its digest"
            for name, (sha, what) in pinned.items() if digest(templates / name) != sha]


def test_copied_material_files_are_unchanged_upstream():
    assert changed_upstream(PINNED, TEMPLATES) == []


def test_an_upstream_change_is_reported_with_the_override_to_recheck(tmp_path):
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "search.html").write_text("<div>changed</div>", encoding="utf-8")
    pinned = {"partials/search.html": PINNED["partials/search.html"]}
    assert changed_upstream(pinned, tmp_path) == [
        f"Material {MATERIAL_VERSION} changed partials/search.html: "
        "re-check overrides/partials/search.html, then update its digest"]


ROOT = pathlib.Path(__file__).resolve().parent.parent
PARTIALS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "overrides" / "partials").rglob("*.html"))


@pytest.mark.parametrize("override", PARTIALS)
def test_every_copied_partial_is_pinned(override):
    assert any(override in what for _, what in PINNED.values()), override
