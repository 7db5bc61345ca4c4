"""Under `mkdocs serve`, the downloads published beside the site (telechargements/) work too.

The Pages workflow copies dist/ files into the site's telechargements/ folder; `make serve`
builds the offline edition first, and this hook copies whatever dist/ holds into the
preview, so the home page's link to the offline edition answers locally as well.
"""

from __future__ import annotations

import pathlib
import shutil

DOWNLOADS = ("proteger-donnees-sante-hors-ligne.zip", "banque-questions-qti.zip",
             "banque-questions-moodle.xml")
_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_post_build(config):
    if not _serving:
        return
    dist = pathlib.Path(config.config_file_path).parent / "dist"
    target = pathlib.Path(config.site_dir) / "telechargements"
    for name in DOWNLOADS:
        if (dist / name).is_file():
            target.mkdir(exist_ok=True)
            shutil.copy2(dist / name, target / name)
