"""The offline edition (`make offline`) loads Material's iframe-worker shim from the site.

Material's offline plugin adds https://unpkg.com/iframe-worker/shim to `extra.polyfills`
unless a polyfill named « iframe-worker » is already there: we put our vendored copy there
first, so the offline edition, like the site, never asks another origin for anything.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

SHIM = "assets/javascripts/vendor/iframe-worker/shim.js"


def offline_enabled(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(100)  # before the offline plugin's own on_config
def on_config(config):
    if offline_enabled(config):
        config.extra["polyfills"] = [SHIM]
    return config
