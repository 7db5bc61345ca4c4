"""A Content-Security-Policy and a referrer policy in every page (GitHub Pages sets no headers).

Only the site's own origin may serve scripts, styles, images, fonts and data. Inline scripts
(Material's few bootstrap lines) are allowed one by one, by the SHA-256 of their text,
computed here at build time: no 'unsafe-inline' for scripts. Inline style attributes stay
allowed (Material and mkdocs-quiz set some); they cannot run code.
The referrer policy keeps the course page a reader was on from the sites its sources link to.

The offline edition, opened from file://, has no origin for 'self' to name and runs search in
an iframe written by a script: it gets no policy (and, like the site, fetches nothing remote).
The SCORM package, built like the offline edition but served over HTTP by the learning
platform, keeps the policy (its iframe-worker shim only acts under file://).
"""

from __future__ import annotations

import base64
import hashlib
import pathlib
import re

from mkdocs.plugins import event_priority

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
EXECUTABLE_TYPES = {"", "text/javascript", "module", "application/javascript"}
TYPE_ATTR = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-src 'none'"
)
REFERRER = '<meta name="referrer" content="same-origin">'


def script_hashes(html: str) -> list[str]:
    """CSP source expressions for the inline scripts a browser would run."""
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if re.search(r"\ssrc\s*=", attrs, re.I):
            continue
        kind = TYPE_ATTR.search(attrs)
        if (kind.group(1).lower() if kind else "") not in EXECUTABLE_TYPES:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def policy_for(html: str) -> str:
    return POLICY.format(hashes=" ".join(script_hashes(html))).replace("  ", " ")


def with_policy(html: str) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">{REFERRER}'
    return re.sub(r"(<meta charset=[^>]*>)", lambda m: m.group(1) + meta, html, count=1)


@event_priority(-100)  # last: after the plugins that write pages of their own (print, offline)
def on_post_build(config):
    offline = config.plugins.get("material/offline")
    if offline and offline.config.enabled and not config.extra.get("scorm"):
        return
    for path in pathlib.Path(config.site_dir).rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if "Content-Security-Policy" not in html:
            path.write_text(with_policy(html), encoding="utf-8")
