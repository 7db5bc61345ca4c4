"""One glossary file feeds both the tooltips on every page and the Glossaire page."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT, load_hook


def test_glossary_has_at_least_40_entries_with_valid_targets():
    entries = yaml.safe_load((ROOT / "data" / "glossaire.yml").read_text("utf-8"))
    assert len(entries) >= 40
    for required in ("RGPD", "CNIL", "DMP", "INS", "HDS", "CPS", "MSSanté", "ANSSI", "CERT Santé",
                     "AIPD", "DPO", "SNDS", "MFA"):
        assert required in {e["terme"] for e in entries}, required


def test_glossary_page_lists_every_term_with_a_link_to_the_course(site_dir):
    entries = yaml.safe_load((ROOT / "data" / "glossaire.yml").read_text("utf-8"))
    html = (site_dir / "outils" / "glossaire" / "index.html").read_text("utf-8")
    terms = re.findall(r"<dt>(.*?)</dt>", html, re.S)
    assert len(terms) == len(entries)
    assert html.count("Voir dans le cours</a>") == len(entries)


def test_acronyms_get_tooltips_on_chapter_pages(site_dir):
    html = (site_dir / "chapitres" / "03-rgpd-obligations" / "index.html").read_text("utf-8")
    assert re.search(r'<abbr title="Règlement général sur la protection des données[^"]*" tabindex="0">RGPD</abbr>', html)


def test_adding_one_term_updates_tooltips_and_glossary_page(variants_site):
    # conftest.VARIANT_SEEDS["new glossary term"]: PGSSI-S, used in « À propos »
    about = (variants_site / "a-propos" / "index.html").read_text("utf-8")
    assert re.search(r'<abbr title="Politique générale de sécurité des systèmes d(&#39;|\')information de santé\."'
                     r'( tabindex="0")?>PGSSI-S</abbr>', about)
    listing = (variants_site / "outils" / "glossaire" / "index.html").read_text("utf-8")
    assert re.search(r"<dt>(<abbr[^>]*>)?PGSSI-S(</abbr>)?</dt>", listing)
    assert 'href="../../chapitres/05-bonnes-pratiques/#sauvegardes"' in listing


def test_glossary_link_to_a_missing_section_fails_the_build(warnings_build):
    # conftest.WARNING_SEEDS["glossary link to a missing section"]
    assert "does not contain an anchor '#absente'" in warnings_build, warnings_build


def test_only_the_first_occurrence_of_a_term_carries_its_tooltip(site_dir, html_pages):
    for path in html_pages:
        html = path.read_text("utf-8")
        terms = re.findall(r'<abbr title="[^"]*"[^>]*>(.*?)</abbr>', html, re.S)
        assert len(terms) == len(set(terms)), (path, [t for t in terms if terms.count(t) > 1][:3])


def test_only_terms_outside_links_take_the_keyboard_focus():
    hook = load_hook("glossary")
    html = hook.first_occurrences_only('<a href="x"><abbr title="d1">CNIL</abbr></a> <abbr title="d2">ANS</abbr>')
    assert '<a href="x"><abbr title="d1">CNIL</abbr></a>' in html
    assert '<abbr title="d2" tabindex="0">ANS</abbr>' in html


@pytest.mark.browser
def test_a_term_shows_its_definition_on_keyboard_focus(page, site_url):
    page.goto(site_url + "chapitres/03-rgpd-obligations/")
    term = page.locator("article abbr[tabindex]").first
    hidden = term.evaluate("el => getComputedStyle(el, '::after').content")
    term.focus()
    shown = term.evaluate("el => getComputedStyle(el, '::after').content")
    assert hidden == "none" and shown not in ("none", "normal"), (hidden, shown)
    box = term.evaluate("el => { const r = el.getBoundingClientRect(); return r.width > 0 }")
    assert box


def test_no_tooltip_inside_a_question_but_one_after_it():
    hook = load_hook("glossary")
    html = ('<div class="quiz" id="quiz-0"><div><label><abbr title="d">CNIL</abbr></label></div></div>'
            '<p><abbr title="d">CNIL</abbr></p>')
    assert hook.first_occurrences_only(html) == (
        '<div class="quiz" id="quiz-0"><div><label>CNIL</label></div></div>'
        '<p><abbr title="d" tabindex="0">CNIL</abbr></p>')


def test_serve_reloads_when_the_glossary_changes():
    import types

    hook = load_hook("glossary")
    watched = []
    server = types.SimpleNamespace(watch=watched.append)
    config = types.SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"),
                                   extra={"glossaire": "data/glossaire.yml"})
    hook.on_serve(server, config, None)
    assert watched == [str(ROOT / "data" / "glossaire.yml")]
