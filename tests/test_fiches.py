"""« Fiches réflexes »: each prints alone on exactly one A4 page, links back to the chapters.

Each check is a function run on the real site, then once more against a seeded defect (the
page or its stylesheet altered on the fly through Playwright, or bad input fed to the
function), to show it fails when it should.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

FICHES = ("rancongiciel", "hameconnage", "mots-de-passe", "sauvegardes", "violation-donnees")
FICHE_CSS = "assets/stylesheets/fiche.css"
A4_POINTS = (595.3, 841.9)  # 210 x 297 mm at 72 points per inch
# Text of the site's chrome (header, navigation, search, footer) and of the screen-only hint:
# none of it belongs on the printed sheet.
NOT_ON_PAPER = ("Protéger les données de santé", "Par où commencer", "Table des matières",
                "Contenu sous licence", "Pour imprimer cette fiche")
CHAPTER_LINK = re.compile(
    r"^(?:\.\./)+chapitres/(?P<chapter>[^/#]+)/(?:index\.html)?#(?P<anchor>[\w-]+)$")


def fiche_path(name: str) -> str:
    return f"outils/fiches/{name}/"


# ---------- Helpers ----------

class _ArticleLinks(HTMLParser):
    """Collect the hrefs inside the page's <article> (the fiche itself, not the navigation)."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif tag == "a" and self.depth:
            self.hrefs.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


def article_links(html: str) -> list[str]:
    parser = _ArticleLinks()
    parser.feed(html)
    return parser.hrefs


def print_to_pdf(page, url: str, pdf_path: Path, before_print: str | None = None) -> PdfReader:
    """Load `url` as a reader would, optionally alter it, then print it to an A4 PDF."""
    page.goto(url, wait_until="networkidle")
    if before_print:
        page.evaluate(before_print)
    page.emulate_media(media="print")
    page.pdf(path=str(pdf_path), format="A4")
    return PdfReader(str(pdf_path))


def serve_altered(page, resource: str, alter):
    """Serve the site's `resource` with its text passed through `alter`."""
    def fulfill(route):
        response = route.fetch()
        route.fulfill(response=response, body=alter(response.text()))

    page.route("**/" + resource, fulfill)


# ---------- Checks (each also run against a seeded defect below) ----------

def check_prints_on_one_a4_page(page, site_url, name, pdf_path, before_print=None) -> int:
    """The fiche prints on exactly one A4 page, showing the fiche and nothing of the site."""
    reader = print_to_pdf(page, site_url + fiche_path(name), pdf_path, before_print)
    count = len(reader.pages)
    assert count == 1, f"{name} prints on {count} pages"
    box = reader.pages[0].mediabox
    size = (float(box.width), float(box.height))
    assert all(abs(got - a4) < 2 for got, a4 in zip(size, A4_POINTS)), f"not A4: {size}"
    text = reader.pages[0].extract_text()
    heading = page.locator("article h1").inner_text()
    assert heading in " ".join(text.split()), f"{heading!r} missing from the printed page"
    printed = [chrome for chrome in NOT_ON_PAPER if chrome in text]
    assert not printed, f"{name}: the site's chrome is printed: {printed}"
    assert "Dernière relecture" in text, f"{name}: the review date is not printed"
    return count


def check_prints_black_on_white_in_dark_palette(page, site_url, name):
    """Chosen the dark palette? The sheet still prints black text, not light grey."""
    page.emulate_media(media="screen", color_scheme="dark")
    page.goto(site_url + fiche_path(name), wait_until="networkidle")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.emulate_media(media="print", color_scheme="dark")
    colours = page.evaluate(
        """() => ['h1', 'p', 'li', 'td'].map(tag => document.querySelector('article ' + tag))
                 .filter(Boolean).map(el => getComputedStyle(el).color)"""
    )
    assert colours and set(colours) <= {"rgb(0, 0, 0)"}, f"{name}: printed text colour {colours}"


def check_links_back_to_chapters(html: str, site_dir: Path) -> list[str]:
    """The fiche's links to chapter sections; every one must reach an existing anchor.

    Returns the links found; raises AssertionError when none is found or an anchor is missing.
    """
    found, broken = [], []
    for href in article_links(html):
        match = CHAPTER_LINK.match(href)
        if not match:
            continue
        found.append(href)
        target = site_dir / "chapitres" / match["chapter"] / "index.html"
        ids = re.findall(r'\bid="([^"]+)"', target.read_text("utf-8")) if target.is_file() else []
        if match["anchor"] not in ids:
            broken.append(href)
    assert found, "no link back to a chapter section (../../chapitres/…/#anchor)"
    assert not broken, f"links to missing chapter sections: {broken}"
    return found


def check_fiche_css_on_fiche_pages_only(site_dir: Path):
    """fiche.css (and so the one-page print layout) is on the five fiches and nowhere else."""
    stylesheet = FICHE_CSS.rsplit("/", 1)[1]
    with_css = {
        str(path.parent.relative_to(site_dir)) for path in site_dir.rglob("*.html")
        if stylesheet in path.read_text("utf-8")
    }
    expected = {fiche_path(name).rstrip("/") for name in FICHES}
    assert with_css == expected, (
        f"fiche.css missing on {sorted(expected - with_css)}, "
        f"unexpected on {sorted(with_css - expected)}"
    )


def check_fiches_searchable(site_dir: Path):
    """The fiches stay in the search index (no `search: exclude`)."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    missing = [name for name in FICHES if fiche_path(name) not in locations]
    assert not missing, f"fiches missing from the search index: {missing}"


def check_index_lists_fiches_and_printing(html: str):
    """The index links to the five fiches and says how to print them."""
    links = article_links(html)
    missing = [name for name in FICHES if f"{name}/" not in links]
    assert not missing, f"index does not link to the fiches {missing}"
    text = re.sub(r"<[^>]+>", "", html)
    for words in ("Ctrl", "« Imprimer »", "« Enregistrer au format PDF »", "A4"):
        assert words in text, f"index does not explain printing: {words!r} missing"


# ---------- The checks on the real site ----------

@pytest.mark.browser
@pytest.mark.parametrize("name", FICHES)
def test_fiche_prints_on_exactly_one_a4_page(page, site_url, tmp_path, record_property, name):
    count = check_prints_on_one_a4_page(page, site_url, name, tmp_path / f"{name}.pdf")
    record_property("pdf_pages", count)
    print(f"{name}: {count} page(s)")


@pytest.mark.browser
@pytest.mark.parametrize("name", FICHES)
def test_fiche_prints_black_on_white_in_dark_palette(page, site_url, name):
    check_prints_black_on_white_in_dark_palette(page, site_url, name)


@pytest.mark.parametrize("name", FICHES)
def test_fiche_links_back_to_its_chapter_sections(site_dir, name):
    html = (site_dir / fiche_path(name) / "index.html").read_text("utf-8")
    check_links_back_to_chapters(html, site_dir)


def test_print_stylesheet_loads_on_fiche_pages_only(site_dir):
    check_fiche_css_on_fiche_pages_only(site_dir)


def test_fiches_stay_searchable(site_dir):
    check_fiches_searchable(site_dir)


def test_index_lists_the_five_fiches_and_explains_printing(site_dir):
    check_index_lists_fiches_and_printing(
        (site_dir / "outils" / "fiches" / "index.html").read_text("utf-8"))


# ---------- The checks catch seeded defects ----------

LONG_BLOCK = """() => {
    const block = document.createElement('p');
    block.textContent = 'Texte ajouté pour déborder de la page. '.repeat(400);
    document.querySelector('article').append(block);
}"""


@pytest.mark.browser
def test_page_count_check_catches_an_overlong_fiche(page, site_url, tmp_path):
    with pytest.raises(AssertionError, match=r"prints on [2-9]\d* pages"):
        check_prints_on_one_a4_page(
            page, site_url, "violation-donnees", tmp_path / "long.pdf", LONG_BLOCK)


@pytest.mark.browser
def test_page_count_check_catches_a_missing_print_stylesheet(page, site_url, tmp_path):
    serve_altered(page, FICHE_CSS, lambda css: css.replace("@media print", "@media speech"))
    with pytest.raises(AssertionError, match="prints on"):
        check_prints_on_one_a4_page(page, site_url, "violation-donnees", tmp_path / "bare.pdf")


PRINT_DEFECTS = {
    # The navigation also pushes the fiche onto a second page: either failure will do.
    "header printed": (".md-header { display: block !important; }", "chrome is printed"),
    "navigation printed": (".md-sidebar--primary { display: block !important; }",
                           "chrome is printed|prints on"),
    "footer printed": (".md-footer { display: block !important; }", "chrome is printed"),
    "screen hint printed": (".md-typeset .pds-fiche-screen-only { display: block !important; }",
                            "chrome is printed"),
    "review date hidden": (".md-typeset .page-review { display: none !important; }",
                           "review date is not printed"),
}


@pytest.mark.browser
@pytest.mark.parametrize("defect", PRINT_DEFECTS)
def test_print_check_catches_a_seeded_print_defect(page, site_url, tmp_path, defect):
    rule, message = PRINT_DEFECTS[defect]
    serve_altered(page, FICHE_CSS, lambda css: css + f"\n@media print {{ {rule} }}\n")
    with pytest.raises(AssertionError, match=message):
        check_prints_on_one_a4_page(page, site_url, "hameconnage", tmp_path / "defect.pdf")


@pytest.mark.browser
def test_colour_check_catches_grey_print_in_dark_palette(page, site_url):
    serve_altered(page, FICHE_CSS,
                  lambda css: css.replace("body[data-md-color-scheme]", "body.no-such-class"))
    with pytest.raises(AssertionError, match="printed text colour"):
        check_prints_black_on_white_in_dark_palette(page, site_url, "rancongiciel")


def test_index_check_catches_a_missing_fiche_or_print_step(site_dir):
    html = (site_dir / "outils" / "fiches" / "index.html").read_text("utf-8")
    with pytest.raises(AssertionError, match="does not link"):
        check_index_lists_fiches_and_printing(html.replace('href="sauvegardes/"', 'href="../"'))
    assert "Enregistrer au format" in html, "seed does not apply"
    with pytest.raises(AssertionError, match="does not explain printing"):
        check_index_lists_fiches_and_printing(
            html.replace("Enregistrer au format", "Exporter au format"))


def test_template_and_search_checks_catch_a_misconfigured_fiche(variants_site):
    """A fiche built without `template: fiche.html`, and one excluded from search
    (conftest.VARIANT_SEEDS)."""
    with pytest.raises(AssertionError,
                       match=r"fiche.css missing on \['outils/fiches/sauvegardes'\]"):
        check_fiche_css_on_fiche_pages_only(variants_site)
    with pytest.raises(AssertionError, match=r"missing from the search index: \['hameconnage'\]"):
        check_fiches_searchable(variants_site)


def test_link_check_catches_a_fiche_without_chapter_link(site_dir):
    html = (site_dir / fiche_path("sauvegardes") / "index.html").read_text("utf-8")
    without = re.sub(r'href="(?:\.\./)+chapitres/[^"]*"', 'href="../index.html"', html)
    with pytest.raises(AssertionError, match="no link back"):
        check_links_back_to_chapters(without, site_dir)


def test_link_check_catches_a_missing_anchor(site_dir):
    html = (site_dir / fiche_path("sauvegardes") / "index.html").read_text("utf-8")
    broken = html.replace("05-bonnes-pratiques/#sauvegardes",
                          "05-bonnes-pratiques/#sauvegarde-disparue")
    assert broken != html, "seed does not apply"
    with pytest.raises(AssertionError, match="missing chapter sections"):
        check_links_back_to_chapters(broken, site_dir)
