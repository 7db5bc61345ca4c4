"""A Content-Security-Policy and a referrer policy in every page (GitHub Pages sets no headers).

Only the site's own origin may serve scripts, styles, images, fonts and data. Inline scripts
(Material's few bootstrap lines) are allowed one by one, by the SHA-256 of their text,
computed here at build time: no 'unsafe-inline' for scripts. Inline style attributes stay
allowed (Material and mkdocs-quiz set some); they cannot run code.
The referrer policy keeps the course page a reader was on from the sites its sources link to.
"""

from __future__ import annotations

import base64
import hashlib
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


@event_priority(-100)  # last: after every hook or plugin that may add a script
def on_post_page(output, page, config):
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(output)}">{REFERRER}'
    return re.sub(r"(<meta charset=[^>]*>)", lambda m: m.group(1) + meta, output, count=1)


@event_priority(-100)
def on_post_template(output_content, template_name, config):
    """Static templates such as 404.html get the same policy."""
    if not template_name.endswith(".html"):
        return output_content
    return on_post_page(output_content, None, config)
