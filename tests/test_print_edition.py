"""The printable edition holds the six chapters and their pages, without quizzes, one chapter per
new page."""

from __future__ import annotations

import html as html_module
import re

import pytest
from pypdf import PdfReader

from conftest import ROOT

# Every chapter page but the quizzes, in the order of the navigation.
CHAPTER_PAGES = [path for path in re.findall(r"chapitres/\S+\.md", (ROOT / "mkdocs.yml").read_text("utf-8"))
                 if not path.endswith("/quiz.md")]
PAGE_TITLES = [
    re.search(r'^title: "?(.*?)"?$', (ROOT / "docs" / path).read_text("utf-8"), re.M).group(1)
    for path in CHAPTER_PAGES
]


def test_print_page_holds_every_chapter_without_quiz(site_dir):
    html = (site_dir / "imprimer" / "index.html").read_text("utf-8")
    article = re.search(r"<article.*?</article>", html, re.S).group(0)
    headings = [html_module.unescape(re.sub(r"<[^>]+>", "", h))
                for h in re.findall(r"<h2[^>]*>(.*?)</h2>", article, re.S)]
    assert [h.rstrip("¶").strip() for h in headings] == PAGE_TITLES
    assert 'class="quiz' not in article and "<quiz>" not in article
    assert "last_review:" not in article  # no front matter leaked
    assert article.count('class="admonition objectifs"') == 6


def test_print_page_is_kept_out_of_search(site_dir):
    index = (site_dir / "search" / "search_index.json").read_text("utf-8")
    assert '"location":"imprimer/' not in index.replace(" ", "")


@pytest.mark.browser
def test_print_page_prints_each_chapter_on_new_pages(page, site_url, tmp_path):
    page.goto(site_url + "imprimer/")
    page.emulate_media(media="print")
    assert page.locator(".md-button").first.is_hidden()
    pdf = tmp_path / "cours.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = [p.extract_text() for p in PdfReader(pdf).pages]
    starts = [i for i, text in enumerate(pages) if "Objectifs" in text and "vous saurez" in text]
    assert len(starts) == 6, starts
    assert len(pages) > 20
