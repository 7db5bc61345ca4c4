"""Content-Security-Policy, referrer policy and safe external links, in HTML and in Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import load_hook

csp = load_hook("content_security_policy")

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def test_every_page_has_a_strict_policy_and_referrer_policy(site_dir, html_pages):
    for path in html_pages:
        html = path.read_text("utf-8")
        policies = CSP_META.findall(html)
        name = path.relative_to(site_dir)
        assert len(policies) == 1, name
        script_src = re.search(r"script-src ([^;]+)", policies[0]).group(1)
        assert "'unsafe-inline'" not in script_src and "*" not in script_src, name
        assert "default-src 'self'" in policies[0], name
        assert html.index("Content-Security-Policy") < html.index("<script"), name
        assert '<meta name="referrer" content="same-origin">' in html, name
        # every inline script of the page is allowed by its hash, and only those
        assert sorted(re.findall(r"'sha256-[^']+'", script_src)) == csp.script_hashes(html), name


def test_hashes_cover_inline_scripts_but_not_data_blocks():
    html = ('<script>alert(1)</script><script type="application/json">{}</script>'
            '<script src="x.js"></script>')
    assert csp.script_hashes(html) == ["'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"]


def test_external_links_opening_a_new_tab_are_safe(html_pages):
    for path in html_pages:
        for tag in re.findall(r"<a\s[^>]*target=\"_blank\"[^>]*>", path.read_text("utf-8")):
            assert re.search(r'rel="[^"]*noopener', tag), (path, tag)


@pytest.mark.browser
def test_policy_blocks_injected_external_and_inline_scripts(page, site_url, console_errors):
    responses: list[str] = []
    page.on("response", lambda r: responses.append(r.url))
    page.goto(site_url + "a-propos/", wait_until="networkidle")
    assert console_errors == []  # the site's own scripts pass the policy
    violations = page.evaluate("""() => new Promise(resolve => {
        const seen = [];
        document.addEventListener("securitypolicyviolation", e => {
            seen.push(e.violatedDirective + " " + e.blockedURI);
            if (seen.length === 2) resolve(seen);
        });
        const external = document.createElement("script");
        external.src = "http://localhost:9/evil.js";
        document.head.appendChild(external);
        const inline = document.createElement("script");
        inline.textContent = "window.__pwned = true";
        document.head.appendChild(inline);
        setTimeout(() => resolve(seen), 3000);
    })""")
    assert any("http://localhost:9/evil.js" in v for v in violations), violations
    assert any(v.startswith("script-src") and "inline" in v for v in violations), violations
    assert page.evaluate("window.__pwned") is None
    assert not any("evil.js" in url for url in responses)


@pytest.mark.browser
def test_pages_run_under_the_policy_without_violation(page, site_url, console_errors):
    for path in ("", "chapitres/05-bonnes-pratiques/", "chapitres/01-donnees-de-sante/quiz/"):
        page.goto(site_url + path, wait_until="networkidle")
    page.get_by_role("textbox", name="Rechercher").first.click()
    page.keyboard.type("sauvegarde")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    assert console_errors == []
