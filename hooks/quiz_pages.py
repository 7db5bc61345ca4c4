"""Adapt mkdocs-quiz's output: cached assets, strict-CSP markup, heading order.

mkdocs-quiz appends about 55 KB of <style>/<script> to every page it processes. This hook
runs after it, takes those blocks out of the page, and links one CSS and one JS file under
`assets/quiz/` (the file name carries a content hash, so browsers may cache it forever).
It also removes the inline `javascript:` form action and `onsubmit` handler, which a strict
Content-Security-Policy would block: quiz.js already calls preventDefault() on submit.
Its question numbers (<h4>) and results titles (<h3>, <h2>) become paragraphs, so the page's
own headings stay in order.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import pathlib
import posixpath
import re

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs_quiz import plugin as quiz_plugin

ASSET_DIR = "assets/quiz"
INLINE_SCRIPT = re.compile(
    r'<script type="text/javascript">\s*(window\.mkdocsQuiz(?:Translations|Config) = .*?)</script>',
    re.S,
)
FORM_ATTRS = ' action="javascript:void(0);" onsubmit="return false;"'
# Feedback is written into this div after each answer: announce it to screen readers.
FEEDBACK_DIV = '<div class="quiz-feedback hidden">'
FEEDBACK_LIVE = '<div class="quiz-feedback hidden" role="status" aria-live="polite">'
HEADINGS = (
    (re.compile(r'<h4 class="quiz-number">(.*?)</h4>'), r'<p class="quiz-number">\1</p>'),
    (re.compile(r'<h3>(.*?)</h3>(\s*<p class="quiz-results-stats">)'),
     r'<p class="quiz-results-heading">\1</p>\2'),
    (re.compile(r'<h2 class="quiz-results-title">(.*?)</h2>'),
     r'<p class="quiz-results-title">\1</p>'),
)

# mkdocs-quiz 1.7.1: « Réinitialiser le quiz » (resetAllQuiz) reads every question's
# <fieldset>; fill-in-the-blank questions have none, so the reset stops with a TypeError at
# the first one and the questions after it stay answered and locked. Clear both kinds.
RESET_ALL_BUG = """        const allInputs = fieldset.querySelectorAll('input[name="answer"]');
        allInputs.forEach((input) => {
          input.checked = false;
          input.disabled = false;
        });

        // Reset colors
        resetFieldset(fieldset);"""
RESET_ALL_FIX = """        quiz.querySelectorAll('input[name="answer"], .quiz-blank-input').forEach((input) => {
          input.checked = false;
          input.disabled = false;
          if (input.classList.contains("quiz-blank-input")) {
            input.value = "";
            input.placeholder = "";
            input.classList.remove("correct", "wrong");
          }
        });

        // Reset colors
        if (fieldset) resetFieldset(fieldset);"""

# Its scroll to the results on completion is smooth even under reduced motion (Chromium
# animates an explicit `behavior: "smooth"`): make it instant for those readers.
SMOOTH_SCROLL = 'resultsDiv.scrollIntoView({ behavior: "smooth", block: "center" });'
REDUCED_SCROLL = (
    'resultsDiv.scrollIntoView({ behavior: matchMedia("(prefers-reduced-motion: reduce)")'
    '.matches ? "auto" : "smooth", block: "center" });'
)

QUIZ = re.compile(r'<div class="quiz(?: quiz-fill-blank)?" ')
VERSION = importlib.metadata.version("mkdocs-quiz")

_assets: dict[str, str] = {}  # file path under site_dir -> content
_page_assets: dict[str, tuple[str, str]] = {}  # page url -> (css path, js path)


def fingerprinted(stem: str, suffix: str, content: str) -> str:
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:10]
    path = f"{ASSET_DIR}/{stem}.{digest}.{suffix}"
    _assets[path] = content
    return path


def _inner(tag: str) -> str:
    return re.sub(r"^<[^>]+>|</[^>]+>$", "", tag)


def fixed_quiz_js(script: str) -> str:
    """mkdocs-quiz's script, its page-wide reset and its completion scroll fixed."""
    for old, new in ((RESET_ALL_BUG, RESET_ALL_FIX), (SMOOTH_SCROLL, REDUCED_SCROLL)):
        script = replaced(script, old, new, 1, f"{quiz_plugin.__file__}")
    return script


def replaced(text: str, old, new: str, expected: int, where: str) -> str:
    """`text` with `old` (a string or a compiled pattern) replaced by `new`, which must occur
    exactly `expected` times: after an upgrade of mkdocs-quiz, a silent no-op would leave the
    page with inline assets, blocked forms or headings out of order."""
    if old == "":
        return text
    found = len(old.findall(text)) if isinstance(old, re.Pattern) else text.count(old)
    if found != expected:
        shown = old.pattern if isinstance(old, re.Pattern) else old
        raise PluginError(
            f"{where}: mkdocs-quiz {VERSION} output changed: {shown[:60]!r}… found {found} "
            f"times, {expected} expected; check hooks/quiz_pages.py against it"
        )
    return old.sub(new, text) if isinstance(old, re.Pattern) else text.replace(old, new)


@event_priority(-100)  # after mkdocs_quiz's own on_page_content
def on_page_content(html, page, config, files):
    if quiz_plugin.style not in html:
        return html
    where = page.file.src_uri
    options = config.plugins["mkdocs_quiz"].config
    quizzes = len(QUIZ.findall(html))
    html = replaced(html, quiz_plugin.style, "", 1, where)
    html = replaced(html, quiz_plugin.confetti_lib_script, "", 1 if options.get("confetti") else 0, where)
    html = replaced(html, quiz_plugin.js_script, "", 1, where)
    settings = [match.group(1).strip() for match in INLINE_SCRIPT.finditer(html)]
    html = replaced(html, INLINE_SCRIPT, "", 2, where)  # translations and settings
    html = replaced(html, FORM_ATTRS, "", quizzes, where)
    html = replaced(html, FEEDBACK_DIV, FEEDBACK_LIVE, quizzes, where)
    numbers, results, title = HEADINGS
    html = replaced(html, *numbers, quizzes if options.get("auto_number") else 0, where)
    results_blocks = html.count('class="quiz-results-progress"')  # the results panel
    html = replaced(html, *results, results_blocks, where)
    html = replaced(html, *title, results_blocks, where)
    css = fingerprinted("quiz", "css", _inner(quiz_plugin.style))
    js = fingerprinted("quiz", "js", "\n".join(settings + [fixed_quiz_js(_inner(quiz_plugin.js_script))]))
    _page_assets[page.url] = (css, js)
    return html


def on_post_page(output, page, config):
    assets = _page_assets.pop(page.url, None)
    if not assets:
        return output
    here = posixpath.dirname(page.file.dest_uri) or "."
    css, js = (posixpath.relpath(path, here) for path in assets)
    tags = f'<link rel="stylesheet" href="{css}"><script src="{js}" defer></script>'
    return output.replace("</head>", f"{tags}</head>", 1)


def on_post_build(config):
    site = pathlib.Path(config.site_dir)
    for path, content in _assets.items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
