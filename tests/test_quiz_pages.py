"""hooks quiz_pages: every rewrite of mkdocs-quiz's output happens as often as expected, and an
upgrade that changes that output stops the build naming the mkdocs-quiz version."""

from __future__ import annotations

import types

import pytest
from mkdocs.exceptions import PluginError
from mkdocs_quiz import plugin as quiz_plugin

from conftest import load_hook

hook = load_hook("quiz_pages")
CONFIG = types.SimpleNamespace(
    plugins={"mkdocs_quiz": types.SimpleNamespace(config={"confetti": False, "auto_number": True})})


def quiz_page(quizzes: int = 2) -> str:
    """A page as mkdocs-quiz 1.7 writes it: its assets inline, then questions and results."""
    one = ('<div class="quiz" id="q"><h4 class="quiz-number">Question</h4>'
           '<form action="javascript:void(0);" onsubmit="return false;">'
           '<div class="quiz-feedback hidden"></div></form></div>')
    results = ('<div class="quiz-results-progress"><h2 class="quiz-results-title">Résultats</h2>'
               '<h3>Score</h3> <p class="quiz-results-stats">1/2</p></div>')
    settings = ('<script type="text/javascript">window.mkdocsQuizTranslations = {};</script>'
                '<script type="text/javascript">window.mkdocsQuizConfig = {};</script>')
    return quiz_plugin.style + one * quizzes + results + settings + quiz_plugin.js_script


def page(src_uri="chapitres/x/quiz.md"):
    return types.SimpleNamespace(url="x/", file=types.SimpleNamespace(src_uri=src_uri))


def test_every_rewrite_applies_to_mkdocs_quiz_output():
    html = hook.on_page_content(quiz_page(), page(), CONFIG, None)
    assert "<script" not in html and "<style" not in html
    assert "javascript:" not in html and "onsubmit" not in html
    assert html.count('role="status" aria-live="polite"') == 2
    assert "<h4" not in html and "<h3" not in html and "<h2" not in html


@pytest.mark.parametrize("change", [
    ('action="javascript:void(0);" onsubmit="return false;"', 'action="#"'),
    ('<div class="quiz-feedback hidden">', '<div class="quiz-feedback is-hidden">'),
    ('<h4 class="quiz-number">', '<h5 class="quiz-number">'),
    ('<h2 class="quiz-results-title">', '<h2 class="quiz-results-heading">'),
    ("window.mkdocsQuizConfig", "window.mkdocsQuizSettings"),
])
def test_changed_mkdocs_quiz_output_fails_naming_the_version(change):
    old, new = change
    html = quiz_page().replace(old, new)
    with pytest.raises(PluginError, match=rf"chapitres/x/quiz\.md: mkdocs-quiz {hook.VERSION} output changed"):
        hook.on_page_content(html, page(), CONFIG, None)
