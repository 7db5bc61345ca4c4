"""Fail the build when a page would load anything from another origin.

A course on data protection must not leak its readers to third parties: no web font, CDN
script, stylesheet, image, frame or media from elsewhere. Plain links (<a href>) are fine.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from mkdocs.exceptions import PluginError

EXTERNAL = re.compile(r"^\s*(?:https?:)?//", re.I)
CSS_URL = re.compile(r"url\(\s*[\"']?\s*((?:https?:)?//[^\"')\s]+)", re.I)
FETCHING_ATTRS = {"src", "srcset", "data", "poster", "xlink:href", "background"}
FETCHING_LINK_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload",
                      "manifest", "apple-touch-icon", "preconnect", "dns-prefetch"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if not value:
                continue
            if name in FETCHING_ATTRS or (tag in {"image", "use"} and name == "href"):
                self.found += [v.split()[0] for v in value.split(",") if EXTERNAL.match(v)]
            elif name == "style":
                self.found += CSS_URL.findall(value)
        rels = set((values.get("rel") or "").lower().split())
        if tag == "link" and rels & FETCHING_LINK_RELS and EXTERNAL.match(values.get("href") or ""):
            self.found.append(values["href"])

    def handle_data(self, data):
        self.found += CSS_URL.findall(data)


def external_requests(html: str) -> list[str]:
    """URLs on other origins that this HTML would make a browser fetch."""
    collector = _Collector()
    collector.feed(html)
    return [url.strip() for url in collector.found]


def on_post_page(output, page, config):
    found = external_requests(output)
    if found:
        raise PluginError(
            f"{page.file.src_uri}: loads resources from another origin "
            f"(self-host them under docs/assets/): {', '.join(sorted(set(found)))}"
        )
    return output
