"""Every chapter has the course's structure: objectives, key points, sources, a figure…"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest

from conftest import ROOT

pytestmark = pytest.mark.content  # `make check`: the content rules, in seconds

CHAPTERS = sorted(p.name for p in (ROOT / "docs" / "chapitres").iterdir() if p.is_dir())
OFFICIAL = re.compile(
    r"(^|\.)(legifrance\.gouv\.fr|cnil\.fr|esante\.gouv\.fr|ameli\.fr|monespacesante\.fr|"
    r"europa\.eu|cyber\.gouv\.fr|ssi\.gouv\.fr|cybermalveillance\.gouv\.fr|service-public\.fr|"
    r"vie-publique\.fr|senat\.fr|assemblee-nationale\.fr|ccomptes\.fr|interieur\.gouv\.fr|"
    r"sante\.gouv\.fr|ars\.sante\.fr|gouv\.fr|conseil-etat\.fr|conseil-constitutionnel\.fr|"
    r"has-sante\.fr|snds\.gouv\.fr|nao\.org\.uk|england\.nhs\.uk)$"
)

# The good practices of the seed slide deck « Le professionnel de santé face à la
# cybercriminalité », each mapped to the heading of chapter 5 that teaches it.
SEED_PRACTICES = {
    "Utiliser des mots de passe performants": "mots-de-passe",
    "Mettre les logiciels à jour": "mises-a-jour",
    "Sélectionner ses prestataires extérieurs": "prestataires",
    "Réaliser des sauvegardes régulières": "sauvegardes",
    "Sécuriser les accès WiFi": "wifi",
    "Soyez aussi prudent avec votre tablette": "tablettes-et-smartphones",
    "Attention à la messagerie (spam, scam, phishing)": "messagerie",
    "Un service sécurisé existe (MSSanté)": "mssante",
    "Utiliser les sites officiels des éditeurs": "sites-officiels",
    "Vérifier la sécurité du site web": "securite-site-web",
    "Séparer les usages personnels et professionnels": "usages-perso-pro",
    "Prenez soin de votre identité numérique": "identite-numerique",
}


class _Outline(HTMLParser):
    """Collects what the structure rules look at in a chapter's <article>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.admonitions: dict[str, int] = {}
        self.list_items: dict[str, int] = {}
        self.h2: list[str] = []
        self.sources: list[tuple[str, str]] = []  # (href, text of the <li>)
        self.figures: list[str] = []
        self.in_sources = False
        self.words_before_sources = 0
        self._li_text: list[str] | None = None
        self._li_href: list[str] = []

    def _inside(self, cls: str) -> bool:
        return any(cls in classes.split() for _, classes in self.stack)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        classes = values.get("class") or ""
        if tag in ("div", "details") and "admonition" in classes.split() or tag == "details":
            kind = [c for c in classes.split() if c != "admonition"]
            for k in kind:
                self.admonitions[k] = self.admonitions.get(k, 0) + 1
        if tag == "li":
            for kind in ("objectifs", "retenir"):
                if self._inside(kind):
                    self.list_items[kind] = self.list_items.get(kind, 0) + 1
            if self.in_sources:
                self._li_text, self._li_href = [], []
        if tag == "h2":
            self.in_sources = values.get("id") == "sources"
            self.h2.append(values.get("id") or "")
        if tag == "a" and self._li_text is not None and values.get("href", "").startswith("http"):
            self._li_href.append(values["href"])
        if tag == "img" and self._inside("figure") is False and any(t == "figure" for t, _ in self.stack):
            self.figures.append(values.get("alt") or "")
        if tag not in ("img", "br", "hr", "input", "meta", "link"):
            self.stack.append((tag, classes))

    def handle_endtag(self, tag):
        if tag == "li" and self._li_text is not None:
            text = " ".join(self._li_text)
            self.sources += [(href, text) for href in self._li_href]
            self._li_text = None
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._li_text is not None:
            self._li_text.append(data)
        if not self.in_sources and not any(t in ("script", "style") for t, _ in self.stack):
            self.words_before_sources += len(re.findall(r"\w+", data))


def outline(html: str) -> _Outline:
    article = re.search(r"<article[^>]*>(.*)</article>", html, re.S).group(1)
    parsed = _Outline()
    parsed.feed(article)
    return parsed


def chapter_problems(html: str) -> list[str]:
    """What a chapter page lacks, as readable sentences (empty when it is complete)."""
    page, problems = outline(html), []
    if not re.search(r'<meta name="description" content="[^"]{50,}"', html):
        problems.append("no description")
    if not re.search(r'Dernière relecture :\s*<time datetime="\d{4}-\d\d-\d\d"', html):
        problems.append("no review date")
    if page.admonitions.get("objectifs") != 1 or not 3 <= page.list_items.get("objectifs", 0) <= 5:
        problems.append("Objectifs: one block with 3 to 5 objectives expected")
    if page.admonitions.get("retenir") != 1 or not 5 <= page.list_items.get("retenir", 0) <= 8:
        problems.append("À retenir: one block with 5 to 8 key points expected")
    if "a-retenir" not in page.h2:
        problems.append("no « À retenir » section")
    if "sources" not in page.h2:
        problems.append("no Sources section")
    official = {href for href, _ in page.sources if OFFICIAL.search(urlparse(href).hostname or "")}
    if len(official) < 6:
        problems.append(f"Sources: {len(official)} official links, at least 6 needed")
    undated = [href for href, text in page.sources if not re.search(r"\b(19|20)\d\d\b", text)]
    if undated:
        problems.append(f"Sources without a date: {undated}")
    if page.words_before_sources < 1800:
        problems.append(f"{page.words_before_sources} words of prose, at least 1,800 needed")
    if not page.admonitions.get("situation"):
        problems.append("no concrete situation (situation admonition)")
    if not page.figures or not all(len(alt) > 30 for alt in page.figures):
        problems.append("no figure with a text alternative")
    if 'href="quiz/"' not in html:
        problems.append("no link to the chapter quiz")
    return problems


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_has_the_course_structure(site_dir, chapter):
    html = (site_dir / "chapitres" / chapter / "index.html").read_text("utf-8")
    assert chapter_problems(html) == []


def test_there_are_six_chapters():
    assert len(CHAPTERS) == 6


SEEDED = {
    "Objectifs": lambda h: re.sub(r'class="admonition objectifs"', 'class="admonition note"', h),
    "À retenir: one block": lambda h: h.replace("admonition retenir", "admonition note"),
    "no Sources section": lambda h: h.replace('id="sources"', 'id="references"'),
    "official links": lambda h: re.sub(r'href="https://[^"]*"', 'href="https://example.org/"', h),
    "no description": lambda h: re.sub(r'<meta name="description"[^>]*>', "", h),
    "no review date": lambda h: h.replace("Dernière relecture", "Relu"),
    "no concrete situation": lambda h: re.sub(r'(class="[^"]*)\bsituation\b', r"\1note", h),
}


@pytest.mark.parametrize("defect", sorted(SEEDED))
def test_structure_check_catches_a_seeded_defect(site_dir, defect):
    html = (site_dir / "chapitres" / CHAPTERS[2] / "index.html").read_text("utf-8")
    problems = chapter_problems(SEEDED[defect](html))
    assert any(defect in problem for problem in problems), problems


@pytest.mark.parametrize("practice", sorted(SEED_PRACTICES))
def test_every_seed_practice_has_its_section(site_dir, practice):
    html = (site_dir / "chapitres" / "05-bonnes-pratiques" / "index.html").read_text("utf-8")
    assert f'<h2 id="{SEED_PRACTICES[practice]}">' in html, practice


def test_figures_are_self_hosted_svg_with_title():
    figures = sorted((ROOT / "docs" / "assets" / "figures").glob("*.svg"))
    assert {f.name[:2] for f in figures} >= {"01", "02", "03", "04", "05", "06"}
    for figure in figures:
        svg = figure.read_text("utf-8")
        # the page's alt text describes the figure; the title names it when opened alone
        assert "<title" in svg, figure.name
        assert not re.search(r"(href|src)=\"(https?:)?//", svg), figure.name
