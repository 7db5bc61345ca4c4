"""Shared fixtures: one strict build of the site, served on localhost, and Chromium."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import http.server
import importlib.util
import os
import pathlib
import shutil
import subprocess
import sys
import threading
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

ROOT = pathlib.Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
sys.path.insert(0, str(HOOKS))  # as MkDocs does for hooks: they import source_files
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def mkdocs_build(project: pathlib.Path, site: pathlib.Path, env: dict | None = None):
    """Run a strict build of `project` into `site`; return the completed process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


def copy_project(destination: pathlib.Path) -> pathlib.Path:
    """A throw-away copy of the sources, to seed defects into."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "quizzes", "overrides", "hooks", "data", "CHANGELOG.md"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        else:
            shutil.copy2(source, destination / name)
    return destination


def load_module(path: pathlib.Path):
    """Import a hook or script of the project (hooks, scripts/) as a module, by its path."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_hook(name: str):
    """One of the project's MkDocs hooks, e.g. load_hook("glossary")."""
    return load_module(HOOKS / f"{name}.py")


def _append(path: pathlib.Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, encoding="utf-8")


def _replace(path: pathlib.Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"seed does not apply to {path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Defects that MkDocs reports as warnings: strict mode lists every one of them, then fails,
# so one build of one seeded copy shows that each is caught (tests read its log).
WARNING_SEEDS = {
    "broken link": lambda p: _append(p / "docs" / "a-propos.md", "\n[perdu](page-absente.md)\n"),
    "missing anchor": lambda p: _append(p / "docs" / "a-propos.md",
                                        "\n[ancre](confidentialite.md#nulle-part)\n"),
    "page outside nav": lambda p: (p / "docs" / "orpheline.md").write_text(
        "---\ntitle: Orpheline\ndescription: x\nlast_review: 2026-01-01\n---\n# Orpheline\n",
        encoding="utf-8"),
    "glossary link to a missing section": lambda p: _append(
        p / "data" / "glossaire.yml",
        "- terme: XYZ\n  definition: Un essai.\n"
        "  chapitre: chapitres/05-bonnes-pratiques/index.md#absente\n"),
    # A defect in the self-audit hook: links written from docs/ instead of the page's folder.
    "self-audit links from the wrong folder": lambda p: _replace(
        p / "hooks" / "autodiagnostic.py",
        'posixpath.relpath(item["page"], here)', 'item["page"]'),
}


@pytest.fixture(scope="session")
def warnings_build(tmp_path_factory):
    """The strict build of a copy carrying every WARNING_SEEDS defect (it must fail)."""
    tmp = tmp_path_factory.mktemp("warnings")
    project = copy_project(tmp / "project")
    for seed in WARNING_SEEDS.values():
        seed(project)
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode != 0, "the seeded defects were not caught"
    return result.stderr


# Changes that must build and show up in the site: one copy carries them all.
CHANGELOG_ENTRY = "\n## 2099-01-01 — Entrée de test\n\nAjoutée au journal.\n"
VARIANT_SEEDS = {
    "new glossary term": lambda p: (
        _append(p / "data" / "glossaire.yml",
                "- terme: PGSSI-S\n"
                "  definition: Politique générale de sécurité des systèmes d'information de santé.\n"
                "  chapitre: chapitres/05-bonnes-pratiques/index.md#sauvegardes\n"),
        _append(p / "docs" / "a-propos.md", "\nLa PGSSI-S fixe des règles.\n")),
    "new skills mapping": lambda p: _append(
        p / "data" / "referentiel.yml",
        "  - section: chapitres/04-menaces/index.md#a-retenir\n    competences: [D5]\n"),
    "new changelog entry": lambda p: _replace(
        p / "CHANGELOG.md", "<!-- journal -->\n", "<!-- journal -->\n" + CHANGELOG_ENTRY),
    "fiche without its template": lambda p: _replace(
        p / "docs" / "outils" / "fiches" / "sauvegardes.md", "template: fiche.html\n", ""),
    "fiche out of search": lambda p: _replace(
        p / "docs" / "outils" / "fiches" / "hameconnage.md", "template: fiche.html\n",
        "template: fiche.html\nsearch:\n  exclude: true\n"),
}
VARIANT_ENV = {"EDITEUR_NOM": "Cabinet Exemple"}  # the publisher, from the environment


@pytest.fixture(scope="session")
def variants_site(tmp_path_factory) -> pathlib.Path:
    """The site built from a copy carrying every VARIANT_SEEDS change, with VARIANT_ENV."""
    tmp = tmp_path_factory.mktemp("variants")
    project = copy_project(tmp / "project")
    for seed in VARIANT_SEEDS.values():
        seed(project)
    result = mkdocs_build(project, tmp / "site", env=VARIANT_ENV)
    assert result.returncode == 0, result.stderr[-3000:]
    return tmp / "site"


@pytest.fixture(scope="session")
def build_result(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    result.site = site
    return result


@pytest.fixture(scope="session")
def site_dir(build_result) -> pathlib.Path:
    assert build_result.returncode == 0, build_result.stderr[-3000:]
    return build_result.site


@pytest.fixture(scope="session")
def html_pages(site_dir) -> list[pathlib.Path]:
    return sorted(site_dir.rglob("*.html"))


class _TestHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site quietly. The `LinkChecker` header tells linkchecker this server is
    a test host: without it linkchecker sleeps 0.1–0.6 s before every request to it."""

    def end_headers(self):
        self.send_header("LinkChecker", "test server")
        super().end_headers()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_directory(directory: pathlib.Path):
    """Serve `directory` on a free localhost port; yields its base URL."""
    handler = functools.partial(_TestHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(site_dir):
    with serve_directory(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@contextlib.contextmanager
def expect_timeout(milliseconds: float):
    """Playwright's expect() waits at most `milliseconds` inside the block (5 s outside). For
    checks run against a seeded defect: the expectation that fails waits its whole timeout."""
    expect.set_options(timeout=milliseconds)
    try:
        yield
    finally:
        expect.set_options(timeout=None)  # back to Playwright's default


@pytest.fixture
def console_errors(page):
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The rules whose result depends on the colours: the only ones run again in the dark palette.
PALETTE_RULES = ["color-contrast", "link-in-text-block"]
AXE_SOURCE = Axe().axe_script  # axe-core as shipped by axe-playwright-python


@pytest.fixture
def axe_page(browser):
    # axe is injected through the DevTools protocol; bypass_csp keeps our policy out of its way.
    context = browser.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


# True once every finite CSS transition or animation has ended. Colours read mid-fade (Material
# fades the search results in over 0.4 s, the palette and hover colours over 0.25 s) are not
# what a reader sees: axe measured them on a busy machine and reported false contrast errors.
SETTLED = """() => document.getAnimations().every(
    a => a.playState !== "running" || a.effect.getComputedTiming().endTime === Infinity)"""


def axe_violations(page, rules: list[str] | None = None) -> list[str]:
    """WCAG 2.1 A/AA violations (or those of `rules` only) that axe-core finds on the page
    once its transitions have ended. axe is injected once per loaded document."""
    page.wait_for_function(SETTLED)
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    response = page.evaluate("options => axe.run(document, options)",
                             {"runOnly": only, "resultTypes": ["violations"]})
    return [
        f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in response["violations"]
    ]


def page_paths(site_dir: pathlib.Path) -> list[str]:
    """The path of every page of the built site, relative to its root ("" for the home page)."""
    return ["" if p.parent == site_dir else str(p.parent.relative_to(site_dir)) + "/"
            for p in sorted(site_dir.rglob("index.html"))]


@dataclasses.dataclass
class PageVisit:
    """What one load of a page showed: requests to other origins, console errors, axe."""
    foreign_requests: list[str]
    console_errors: list[str]
    axe_light: list[str]
    axe_dark: list[str]


def watch_page(page, site_url: str) -> tuple[list[str], list[str]]:
    """Start recording, for `page`, the requests to an origin other than `site_url`'s and the
    console errors; returns the two lists, which fill as the page works."""
    origin = urlparse(site_url).netloc
    foreign: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: foreign.append(r.url)
            if urlparse(r.url).scheme in ("http", "https", "ws", "wss")
            and urlparse(r.url).netloc != origin else None)
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return foreign, errors


def visit_every_page(browser, site_dir: pathlib.Path, site_url: str) -> tuple[dict, list]:
    """Load each page once as a reader would (light palette, reduced motion), recording what it
    requests from other origins and its console errors; run axe fully, then switch to the dark
    palette with the header toggle and run the colour rules again. Returns the visits by path
    and the cookies the browsers hold at the end.

    axe keeps one core busy, so the pages are shared between two browsers that run side by
    side: the session's, and a second one in a thread of its own (Playwright's sync API wants
    one instance per thread)."""
    paths = page_paths(site_dir)
    other: dict = {}

    def visit_other_half():
        try:
            with sync_playwright() as playwright:
                second = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    other["result"] = _visit_pages(second, paths[1::2], site_url)
                finally:
                    second.close()
        except BaseException as exc:  # re-raised in the test's thread
            other["error"] = exc

    thread = threading.Thread(target=visit_other_half)
    thread.start()
    try:
        visits, cookies = _visit_pages(browser, paths[0::2], site_url)
    finally:
        thread.join()
    if "error" in other:
        raise other["error"]
    more_visits, more_cookies = other["result"]
    return {**visits, **more_visits}, cookies + more_cookies


def _visit_pages(browser, paths: list[str], site_url: str) -> tuple[dict, list]:
    context = browser.new_context(bypass_csp=True, color_scheme="light", reduced_motion="reduce")
    page = context.new_page()
    foreign, errors = watch_page(page, site_url)
    body = page.locator("body")
    visits = {}
    try:
        for path in paths:
            page.goto(site_url + path)
            if body.get_attribute("data-md-color-scheme") != "default":
                page.locator('label[for="__palette_0"]').click()  # the choice persists
            expect(body).to_have_attribute("data-md-color-scheme", "default")
            light = axe_violations(page)
            page.locator('label[for="__palette_1"]').click()
            expect(body).to_have_attribute("data-md-color-scheme", "slate")
            dark = axe_violations(page, PALETTE_RULES)
            # What the page requested or logged since it started loading, axe runs included
            # (the search worker's fetches come in meanwhile); the next page starts afresh.
            page.wait_for_load_state("networkidle")
            visits[path or "/"] = PageVisit(list(foreign), list(errors), light, dark)
            foreign.clear()
            errors.clear()
        return visits, context.cookies()
    finally:
        context.close()


@pytest.fixture(scope="session")
def site_visits(browser, site_dir, site_url):
    return visit_every_page(browser, site_dir, site_url)
