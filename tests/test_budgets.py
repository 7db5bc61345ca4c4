"""The deterministic part of the performance budgets (README): bytes in the built site.

Lighthouse scores and transfers in a browser are measured by `make bench`, not here.
"""

from __future__ import annotations

import gzip
import json
import random
import re

from conftest import ROOT, load_module

INLINE = re.compile(r"<(script|style)(\s[^>]*)?>(.*?)</\1>", re.S | re.I)
MAX_INLINE = 3 * 1024
MAX_PAGE_GZIP = 15 * 1024  # a second page's new transfer: its HTML and its figures (CSS/JS cached)
# Each response also carries HTTP headers, which gzip does not shrink: about 195 bytes from the
# benchmark's server (scripts/bench.py), about as much from GitHub Pages over HTTP/2.
HEADERS_PER_RESPONSE = 200
# The search index is fetched only when the reader opens the search (search-on-demand.js), so
# it is no longer part of a chapter's first visit (150 KB gzip, measured by `make bench`).
# Opening the search should still cost less than a first visit: at most 100 KB gzip.
MAX_SEARCH_INDEX_GZIP = 100 * 1024
# Pages that gather the whole course by design: the print edition (every chapter) and the
# final assessment (every question of its six parts, with their explanations). They are stated as exceptions in
# the README and in the benchmark report.
WHOLE_COURSE_PAGES = {"imprimer/index.html", "evaluation-finale/index.html"}


def inline_bytes(html: str) -> int:
    return sum(len(m.group(3).encode("utf-8")) for m in INLINE.finditer(html)
               if "src=" not in (m.group(2) or ""))


def test_no_page_carries_more_than_3_kb_of_inline_script_and_style(site_dir, html_pages):
    heavy = {str(p.relative_to(site_dir)): inline_bytes(p.read_text("utf-8")) for p in html_pages}
    assert {k: v for k, v in heavy.items() if v > MAX_INLINE} == {}


def test_inline_budget_catches_mkdocs_quiz_default_inlining():
    from mkdocs_quiz import plugin

    assert inline_bytes(plugin.style + plugin.js_script) > MAX_INLINE


IMAGE = re.compile(rb'<img\b[^>]*\bsrc="?([^" >]+)')


def second_visit_bytes(page) -> int:
    """Bytes a reader downloads for this page once the shared CSS and JS are cached: the page
    and its figures, gzipped, each with its HTTP headers."""
    html = page.read_bytes()
    images = {(page.parent / src.decode()).resolve() for src in IMAGE.findall(html)
              if not src.startswith((b"http:", b"https:", b"data:"))}
    files = [html] + [image.read_bytes() for image in images if image.is_file()]
    return sum(len(gzip.compress(body, 6)) + HEADERS_PER_RESPONSE for body in files)


def test_every_page_fits_a_second_visit_budget(site_dir, html_pages):
    heavy = {}
    for path in html_pages:
        name = str(path.relative_to(site_dir))
        size = second_visit_bytes(path)
        if name not in WHOLE_COURSE_PAGES and size > MAX_PAGE_GZIP:
            heavy[name] = size
    assert heavy == {}


def test_second_visit_budget_counts_the_figures_and_headers(tmp_path):
    figure = tmp_path / "figure.svg"
    figure.write_bytes(random.Random(1).randbytes(10 * 1024))  # bytes gzip cannot shrink
    page = tmp_path / "index.html"
    page.write_text('<p>Texte</p><img alt="Schéma" src="figure.svg">', encoding="utf-8")
    assert second_visit_bytes(page) > 10 * 1024
    # two responses (the page, its figure), each with its headers
    assert second_visit_bytes(page) == (len(gzip.compress(page.read_bytes(), 6))
                                        + len(gzip.compress(figure.read_bytes(), 6))
                                        + 2 * HEADERS_PER_RESPONSE)


def test_search_index_stays_small_and_skips_what_readers_never_search(site_dir):
    raw = (site_dir / "search" / "search_index.json").read_bytes()
    assert len(gzip.compress(raw, 6)) <= MAX_SEARCH_INDEX_GZIP
    locations = {doc["location"].split("#")[0] for doc in json.loads(raw)["docs"]}
    assert not {loc for loc in locations if loc.endswith("/quiz/") or loc.startswith("imprimer")}
    assert "evaluation-finale/" not in locations
    assert "<quiz>" not in raw.decode("utf-8")


def test_every_page_holds_the_search_index_until_search_opens(site_dir, html_pages):
    late = [str(p.relative_to(site_dir)) for p in html_pages
            if not re.search(r'search-on-demand\.js"></script>\s*<script src="[./]*assets/javascripts/bundle\.',
                             p.read_text("utf-8"))]
    assert late == []


def test_pages_without_quiz_carry_no_quiz_assets(site_dir):
    plain = (site_dir / "a-propos" / "index.html").read_text("utf-8")
    quiz = (site_dir / "chapitres" / "01-donnees-de-sante" / "quiz" / "index.html").read_text("utf-8")
    assert "assets/quiz/" not in plain and "mkdocsQuiz" not in plain
    assert re.search(r'<script src="[./]*assets/quiz/quiz\.[0-9a-f]{10}\.js" defer>', quiz)
    assert re.search(r'<link rel="stylesheet" href="[./]*assets/quiz/quiz\.[0-9a-f]{10}\.css">', quiz)


def test_bench_report_states_an_idle_machine_without_warning():
    note = load_module(ROOT / "scripts" / "bench.py").machine_load_note(0.3, 2)
    assert note.startswith("Charge moyenne de la machine au départ : 0.3 pour 2 cœurs.")
    assert "occupée" not in note


def test_bench_report_warns_when_the_machine_is_busy():
    note = load_module(ROOT / "scripts" / "bench.py").machine_load_note(1.8, 2)
    assert "Machine occupée" in note and "relancez `make bench`" in note
