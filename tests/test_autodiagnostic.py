"""Autodiagnostic du cabinet: the data and its checks, the generated form, the page in a browser.

Unit tests feed bad items to the hook's loader; build tests seed defects into a copy of the
project; browser tests answer the questionnaire as a reader would, and a few of them serve a
deliberately broken script to show that the checks would notice.
"""

from __future__ import annotations

import json
import re
import types

import pytest
from mkdocs.exceptions import PluginError
from playwright.sync_api import expect

from conftest import ROOT, axe_violations, copy_project, load_hook

hook = load_hook("autodiagnostic")

DATA = ROOT / "data" / "autodiagnostic.yml"
DOCS = ROOT / "docs"
PAGE = "outils/autodiagnostic/"
STORAGE_KEY = "pds-autodiagnostic"

THEMES = hook.load_autodiagnostic(DATA, DOCS)
ITEMS = [dict(item, theme=theme["id"], theme_index=t, index=i)
         for t, theme in enumerate(THEMES) for i, item in enumerate(theme["items"])]
BY_ID = {item["id"]: item for item in ITEMS}

# One answer set used by several tests, given in document-scrambled order on purpose.
ANSWERS = {
    "destruction-documents": "non",     # papier, priority 3
    "registre-traitements": "oui",      # rgpd
    "carte-cps": "non",                 # acces, priority 2
    "hebergeur-hds": "non",             # prestataires, priority 1
    "comptes-nominatifs": "oui",        # acces
    "copie-deconnectee": "non",         # sauvegardes, priority 1
    "mots-de-passe-solides": "non",     # acces, priority 1
    "double-authentification": "oui",  # acces
}


def expected_actions(answers: dict) -> list[str]:
    """Ids of the « Non » answers, by priority, then theme order, then item order."""
    noes = [BY_ID[key] for key, value in answers.items() if value == "non"]
    noes.sort(key=lambda i: (i["priority"], i["theme_index"], i["index"]))
    return [i["id"] for i in noes]


# --- The data and the loader -----------------------------------------------------------------

def test_items_are_valid_and_numerous():
    assert len(ITEMS) >= 20
    assert len(THEMES) >= 6
    for item in ITEMS:
        assert re.fullmatch(r"[a-z0-9-]+", item["id"]) and item["priority"] in (1, 2, 3)
        assert item["question"].endswith("?"), item["id"]
        assert item["action"].endswith("."), item["id"]


GOOD_ITEM = """\
    - id: {id}
      question: Une question ?
      priority: {priority}
      action: Une action.
      link: {link}
"""


def _write(tmp_path, *items: str, header: str = "- id: theme\n  theme: Un thème\n  items:\n"):
    path = tmp_path / "autodiagnostic.yml"
    path.write_text(header + "".join(items), encoding="utf-8")
    return path


def _item(id="un", priority=1, link="chapitres/05-bonnes-pratiques/index.md#sauvegardes"):
    return GOOD_ITEM.format(id=id, priority=priority, link=link)


def _error(path) -> str:
    with pytest.raises(PluginError) as caught:
        hook.load_autodiagnostic(path, DOCS)
    return str(caught.value)


def test_loader_accepts_a_good_file(tmp_path):
    themes = hook.load_autodiagnostic(_write(tmp_path, _item("un"), _item("deux")), DOCS)
    assert [i["id"] for i in themes[0]["items"]] == ["un", "deux"]
    assert themes[0]["items"][0]["section"] == "Des sauvegardes régulières, et testées"


def test_loader_names_file_and_line_of_a_missing_field(tmp_path):
    path = _write(tmp_path, _item("un"), _item("deux").replace("      action: Une action.\n", ""))
    assert _error(path) == f"{path}:9: 'action' is missing"  # line of the item's `- id:`


def test_loader_names_file_and_line_of_a_duplicate_id(tmp_path):
    path = _write(tmp_path, _item("un"), _item("deux"), _item("un"))
    assert _error(path) == f"{path}:14: id 'un' already used at line 4"


def test_loader_rejects_a_bad_priority(tmp_path):
    path = _write(tmp_path, _item("un", priority=4))
    assert _error(path).startswith(f"{path}:6: priority must be 1 (urgent)")
    path = _write(tmp_path, _item("un", priority="haute"))
    assert _error(path).startswith(f"{path}:6: priority must be")


def test_loader_rejects_a_link_to_a_missing_page(tmp_path):
    path = _write(tmp_path, _item("un", link="chapitres/99-absent/index.md#sauvegardes"))
    message = _error(path)
    assert message.startswith(f"{path}:8: link 'chapitres/99-absent/index.md#sauvegardes'")
    assert "must be 'page.md#anchor' with a page that exists" in message


def test_loader_rejects_a_link_to_a_missing_section(tmp_path):
    path = _write(tmp_path, _item("un", link="chapitres/05-bonnes-pratiques/index.md#nulle-part"))
    assert _error(path) == (f"{path}:8: link 'chapitres/05-bonnes-pratiques/index.md#nulle-part': "
                            "chapitres/05-bonnes-pratiques/index.md has no heading {#nulle-part}")


def test_loader_rejects_a_link_without_anchor_and_a_non_ascii_id(tmp_path):
    path = _write(tmp_path, _item("un", link="chapitres/05-bonnes-pratiques/index.md"))
    assert _error(path).startswith(f"{path}:8: link ")
    path = _write(tmp_path, _item("sécurité"))
    assert _error(path).startswith(f"{path}:4: id 'sécurité' must be lowercase ASCII")


def test_loader_reports_invalid_yaml_and_wrong_shape(tmp_path):
    path = _write(tmp_path, "    - id: [oops\n")
    assert _error(path).startswith(f"{path}: invalid YAML")
    path = _write(tmp_path, header="themes: {}\n")
    assert _error(path) == f"{path}:1: expected a list of themes"


def test_links_are_relative_to_the_page():
    html = hook.autodiagnostic_markdown(THEMES, "outils/autodiagnostic.md")
    assert "(../chapitres/05-bonnes-pratiques/index.md#sauvegardes)" in html
    html = hook.autodiagnostic_markdown(THEMES, "autodiagnostic.md")
    assert "(chapitres/05-bonnes-pratiques/index.md#sauvegardes)" in html


# --- Builds of seeded copies -------------------------------------------------------------------

def test_seeded_bad_item_stops_the_build_with_file_and_line(tmp_path):
    # What the build runs: the hook's on_config, on a copy whose data file has a bad link.
    project = copy_project(tmp_path / "project")
    data = project / "data" / "autodiagnostic.yml"
    text = data.read_text(encoding="utf-8")
    line = text[:text.index("#mssante")].count("\n") + 1
    data.write_text(text.replace("#mssante", "#messagerie-securisee"), encoding="utf-8")
    config = types.SimpleNamespace(config_file_path=str(project / "mkdocs.yml"),
                                   docs_dir=str(project / "docs"))
    with pytest.raises(PluginError) as caught:
        hook.on_config(config)
    assert f"autodiagnostic.yml:{line}: link 'chapitres/05-bonnes-pratiques/index.md" \
           "#messagerie-securisee'" in str(caught.value)


def test_generated_links_go_through_mkdocs_link_validation(warnings_build):
    # conftest.WARNING_SEEDS["self-audit links from the wrong folder"]: a defect in the hook
    assert "Doc file 'outils/autodiagnostic.md' contains a link 'chapitres/05-bonnes-pratiques/" \
           "index.md#" in warnings_build, warnings_build


# --- The built page ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def page_html(site_dir) -> str:
    return (site_dir / PAGE / "index.html").read_text(encoding="utf-8")


def test_built_form_has_one_labelled_radio_pair_per_item(page_html):
    for theme in THEMES:
        assert re.search(rf'<h2[^>]* id="{theme["id"]}">', page_html), theme["id"]
        assert re.search(rf'data-theme="{theme["id"]}">\s*<legend', page_html), theme["id"]
    items = re.findall(r'<div aria-labelledby="autodiag-q-([a-z0-9-]+)" class="autodiag-item"'
                       r' data-action="[^"]+" data-id="\1" data-priority="[123]"', page_html)
    assert items == [i["id"] for i in ITEMS]
    for key in items:
        for value in ("oui", "non"):
            assert (f'<label for="autodiag-{key}-{value}"><input type="radio" '
                    f'id="autodiag-{key}-{value}" name="autodiag-{key}" value="{value}">'
                    ) in page_html


INLINE_CODE = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>|<style|\son[a-z]+=|javascript:", re.I)


def test_built_page_has_no_inline_code_and_loads_its_own_files(site_dir, page_html):
    article = page_html[page_html.index("<article"):page_html.index("</article>")]
    assert "autodiag-item" in article
    assert not INLINE_CODE.search(article) and " style=" not in article
    # The template adds files only: no more inline code than on a page without template.
    plain = (site_dir / "a-propos" / "index.html").read_text(encoding="utf-8")
    assert len(INLINE_CODE.findall(page_html)) == len(INLINE_CODE.findall(plain))
    assert '<script src="../../assets/javascripts/autodiagnostic.js"></script>' in page_html
    assert 'href="../../assets/stylesheets/autodiagnostic.css"' in page_html
    others = [p for p in site_dir.rglob("*.html") if p.parent != site_dir / PAGE.rstrip("/")
              and "autodiagnostic.js" in p.read_text(encoding="utf-8")]
    assert others == []


def test_built_links_point_to_existing_sections(site_dir, page_html):
    links = re.findall(r'<p class="autodiag-more">Dans le cours : <a href="([^"]+)">', page_html)
    assert len(links) == len(ITEMS)
    for link in links:
        path, _, anchor = link.partition("#")
        target = (site_dir / PAGE / path / "index.html").resolve()
        assert target.is_file(), link
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), link


# --- In the browser ----------------------------------------------------------------------------

def _open(page, site_url):
    page.goto(site_url + PAGE)
    expect(page.locator("#autodiag-summary")).to_be_visible()


def _answer(page, answers: dict):
    for key, value in answers.items():
        page.locator(f"#autodiag-{key}-{value}").check()


def _row(page, theme_id: str) -> dict:
    row = page.locator(f'#autodiag-summary tr[data-theme="{theme_id}"]')
    return {cell: row.locator(f'[data-cell="{cell}"]').inner_text()
            for cell in ("oui", "non", "vide", "score")}


def _expected_row(theme: dict, answers: dict) -> dict:
    keys = [i["id"] for i in theme["items"]]
    yes = sum(answers.get(k) == "oui" for k in keys)
    no = sum(answers.get(k) == "non" for k in keys)
    return {"oui": str(yes), "non": str(no), "vide": str(len(keys) - yes - no),
            "score": f"{yes} sur {len(keys)}"}


def _expected_overall(answers: dict) -> str:
    yes = sum(v == "oui" for v in answers.values())
    return (f"Score global : {yes} « Oui » sur {len(ITEMS)} questions "
            f"({round(100 * yes / len(ITEMS))} %). "
            f"Vous avez répondu à {len(answers)} questions sur {len(ITEMS)}.")


def _action_ids(page) -> list[str]:
    return page.locator("[data-autodiag-actions] > li").evaluate_all(
        "entries => entries.map(entry => entry.dataset.id)")


def _checked(page) -> dict:
    return page.locator(".autodiag-item input:checked").evaluate_all(
        "inputs => Object.fromEntries(inputs.map(i => [i.name.replace('autodiag-', ''), i.value]))")


def _assert_summary(page, answers: dict):
    for theme in THEMES:
        assert _row(page, theme["id"]) == _expected_row(theme, answers), theme["id"]
    expect(page.locator("[data-autodiag-overall]")).to_have_text(_expected_overall(answers))
    assert _action_ids(page) == expected_actions(answers)


@pytest.mark.browser
def test_scores_and_action_plan_follow_the_answers_and_survive_a_reload(page, site_url,
                                                                       console_errors):
    _open(page, site_url)
    assert page.locator(".autodiag-item").count() == len(ITEMS) >= 20
    _assert_summary(page, {})
    expect(page.locator("[data-autodiag-empty]")).to_be_visible()
    _answer(page, ANSWERS)
    _assert_summary(page, ANSWERS)
    expect(page.locator("[data-autodiag-empty]")).to_be_hidden()
    # Priority first: the priority-1 item of a later theme comes before the priority-2 one.
    assert _action_ids(page)[:4] == ["mots-de-passe-solides", "copie-deconnectee",
                                     "hebergeur-hds", "carte-cps"]
    # Each action reads as the data says, with a working link to its section.
    for entry, key in zip(page.locator("[data-autodiag-actions] > li").all(), _action_ids(page)):
        expect(entry).to_contain_text(BY_ID[key]["action"])
        expect(entry.locator("a")).to_have_text(BY_ID[key]["section"])
        source = page.locator(f'.autodiag-item[data-id="{key}"] .autodiag-more a')
        expect(entry.locator("a")).to_have_attribute("href", source.get_attribute("href"))
    # Changing one's mind updates everything.
    changed = {**ANSWERS, "carte-cps": "oui"}
    _answer(page, {"carte-cps": "oui"})
    _assert_summary(page, changed)
    page.reload()
    expect(page.locator("#autodiag-summary")).to_be_visible()
    assert _checked(page) == changed
    _assert_summary(page, changed)
    saved = json.loads(page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')"))
    assert saved["answers"] == changed
    assert console_errors == []


@pytest.mark.browser
def test_summary_sits_in_a_polite_live_region_and_states_the_score_rule(page, site_url):
    _open(page, site_url)
    live = page.locator('#autodiag-summary [aria-live="polite"]')
    expect(live.locator("[data-autodiag-overall]")).to_have_count(1)
    expect(live.locator("table")).to_have_count(1)
    expect(live.locator("[data-autodiag-actions]")).to_have_count(1)
    expect(page.locator(".autodiag-rule")).to_contain_text("nombre total de questions")
    expect(page.locator(".autodiag-nojs")).to_be_hidden()


@pytest.mark.browser
def test_reset_asks_first_then_clears_storage_and_form(page, site_url):
    _open(page, site_url)
    _answer(page, ANSWERS)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Tout effacer").click()
    assert _checked(page) == ANSWERS  # cancelled: nothing lost
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Tout effacer").click()
    assert _checked(page) == {}
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None
    _assert_summary(page, {})
    page.reload()
    expect(page.locator("#autodiag-summary")).to_be_visible()
    assert _checked(page) == {}
    _assert_summary(page, {})


@pytest.mark.browser
def test_an_item_can_be_answered_with_the_keyboard_alone(page, site_url):
    _open(page, site_url)
    first, second = ITEMS[0]["id"], ITEMS[1]["id"]
    # Start from the link that ends the first item, then only keys.
    page.locator(f'.autodiag-item[data-id="{first}"] .autodiag-more a').focus()
    page.keyboard.press("Tab")
    expect(page.locator(f"#autodiag-{second}-oui")).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Space")
    expect(page.locator(f"#autodiag-{second}-oui")).to_be_checked()
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"#autodiag-{second}-non")).to_be_focused()
    expect(page.locator(f"#autodiag-{second}-non")).to_be_checked()
    _assert_summary(page, {second: "non"})
    # The buttons are reachable and labelled too.
    page.locator(".autodiag-actions a").first.focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Imprimer la synthèse")).to_be_focused()


STORAGE_SPY = """
    window.__storageWrites = [];
    for (const name of ["setItem", "removeItem"]) {
      const original = Storage.prototype[name];
      Storage.prototype[name] = function (key, ...rest) {
        window.__storageWrites.push({ key: String(key), stack: new Error().stack });
        return original.call(this, key, ...rest);
      };
    }
"""


def _own_storage_keys(page) -> set[str]:
    writes = page.evaluate("window.__storageWrites")
    return {w["key"] for w in writes if "autodiagnostic.js" in w["stack"]}


@pytest.mark.browser
def test_script_writes_only_its_own_key(page, site_url):
    page.add_init_script(STORAGE_SPY)
    _open(page, site_url)
    _answer(page, ANSWERS)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Tout effacer").click()
    assert _own_storage_keys(page) == {STORAGE_KEY}


def _serve_seeded_script(page, site_url, old: str, new: str):
    script = (ROOT / "docs" / "assets" / "javascripts" / "autodiagnostic.js").read_text("utf-8")
    assert old in script
    page.route(site_url + "assets/javascripts/autodiagnostic.js", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body=script.replace(old, new)))


@pytest.mark.browser
def test_checks_catch_a_seeded_wrong_order_and_a_seeded_foreign_key(page, site_url):
    _serve_seeded_script(page, site_url, "a.priority - b.priority", "b.priority - a.priority")
    page.add_init_script(STORAGE_SPY)
    _open(page, site_url)
    _answer(page, ANSWERS)
    assert _action_ids(page) != expected_actions(ANSWERS)
    page.unroute(site_url + "assets/javascripts/autodiagnostic.js")
    _serve_seeded_script(page, site_url, 'const STORAGE_KEY = "pds-autodiagnostic"',
                         'const STORAGE_KEY = "autodiagnostic"')
    page.reload()
    _answer(page, {"carte-cps": "oui"})
    assert _own_storage_keys(page) == {"autodiagnostic"}


@pytest.mark.browser
def test_check_catches_a_seeded_loss_of_answers_on_reload(page, site_url):
    _serve_seeded_script(page, site_url, "const saved = readAnswers();", "const saved = {};")
    _open(page, site_url)
    _answer(page, ANSWERS)
    page.reload()
    expect(page.locator("#autodiag-summary")).to_be_visible()
    assert _checked(page) != ANSWERS


@pytest.mark.browser
def test_printed_summary_fits_on_paper_without_the_questionnaire(page, site_url, tmp_path):
    from pypdf import PdfReader

    _open(page, site_url)
    _answer(page, ANSWERS)
    page.emulate_media(media="print")
    expect(page.locator(".autodiag-item").first).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".autodiag-buttons")).to_be_hidden()
    date = re.compile(r"^\d{1,2}(er)? \S+ \d{4}$")
    expect(page.locator("[data-autodiag-date]")).to_have_text(date)
    pdf = tmp_path / "synthese.pdf"
    page.pdf(path=str(pdf), format="A4")
    reader = PdfReader(str(pdf))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) == 1
    for expected in ("Synthèse du", "Score global", "Score par thème",
                     BY_ID["copie-deconnectee"]["action"][:40]):
        assert expected in " ".join(text.split()), expected
    assert BY_ID["comptes-nominatifs"]["question"][:40] not in " ".join(text.split())


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_answered_page_passes_axe(axe_page, site_url, scheme):
    axe_page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    _open(axe_page, site_url)
    _answer(axe_page, ANSWERS)
    axe_page.locator("[data-autodiag-reset]").focus()
    assert axe_violations(axe_page) == []
