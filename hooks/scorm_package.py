"""The SCORM 1.2 package (`make scorm`, scripts/build_scorm.py): SCORM=true adds its script.

With SCORM=true every page loads, in <head> and before mkdocs-quiz reads its saved progress,
the vendored SCORM API wrapper and assets/javascripts/scorm.js (overrides/main.html), which
report to the learning platform (LMS) and restore the learner's progress from it. Other
builds neither load nor publish these two files. The package needs the offline edition's
relative links (an LMS serves it under its own path): SCORM=true without OFFLINE=true fails.
"""

from __future__ import annotations

import os

from mkdocs.exceptions import PluginError

SCRIPTS = (
    "assets/javascripts/vendor/gamestdio-scorm/scorm.js",
    "assets/javascripts/vendor/gamestdio-scorm/LICENSE",
    "assets/javascripts/vendor/gamestdio-scorm/NOTICE.txt",
    "assets/javascripts/scorm.js",
)


def scorm_enabled() -> bool:
    return os.environ.get("SCORM", "").strip().lower() in ("1", "true", "yes")


def on_config(config):
    config.extra["scorm"] = scorm_enabled()
    if config.extra["scorm"]:
        offline = config.plugins.get("material/offline")
        if not (offline and offline.config.enabled):
            raise PluginError("SCORM=true needs OFFLINE=true: the package must use relative "
                              "links (see scripts/build_scorm.py)")
    return config


def on_files(files, config):
    if not config.extra.get("scorm"):
        for path in SCRIPTS:
            file = files.get_file_from_path(path)
            if file:
                files.remove(file)
    return files
