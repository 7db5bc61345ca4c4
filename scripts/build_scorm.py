"""Build the SCORM 1.2 package: the whole course as one SCO, for any learning platform (LMS).

    python scripts/build_scorm.py --output dist/proteger-donnees-sante-scorm12.zip

The course is built like the offline edition (OFFLINE=true: relative links, so the LMS may
serve it under any path) with SCORM=true, which adds assets/javascripts/scorm.js and the
vendored SCORM API wrapper to every page (hooks/scorm_package.py). An
`imsmanifest.xml` (ADL SCORM 1.2 content package) is written at the root of the zip.

`--vendor` rewrites the vendored wrapper from node_modules after an upgrade of
@gamestdio/scorm in package.json (`npm ci` first).
"""

from __future__ import annotations

import argparse
import datetime
import os
import pathlib
import subprocess
import sys
import tempfile
import zipfile
from xml.etree import ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parent.parent
WRAPPER_SOURCE = ROOT / "node_modules" / "@gamestdio" / "scorm" / "lib" / "index.js"
WRAPPER = ROOT / "docs" / "assets" / "javascripts" / "vendor" / "gamestdio-scorm" / "scorm.js"
WRAPPER_HEADER = (
    "/* @gamestdio/scorm {version} (MIT; based on the pipwerks SCORM API wrapper): lib/index.js\n"
    "   from the npm package, unchanged, wrapped for the browser as window.GamestdioScorm\n"
    "   by scripts/build_scorm.py --vendor. Licence: LICENSE beside this file. */\n"
)

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = (
    f"{CP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"
)
IDENTIFIER = "proteger-donnees-sante"
LANGUAGE = "fr"
LAUNCH = "index.html"
# Of no use inside an LMS: the error page links from the server root, the sitemap names the
# published site's absolute addresses, source maps serve only developer tools.
LEFT_OUT = {"404.html", "sitemap.xml", "sitemap.xml.gz"}


def packaged(name: str) -> bool:
    return name not in LEFT_OUT and not name.endswith(".map")


def wrapped_wrapper(source: str, version: str) -> str:
    """The npm module (CommonJS) as a browser script exposing window.GamestdioScorm."""
    return (WRAPPER_HEADER.format(version=version)
            + "(function (exports) {\n" + source.rstrip() + "\n})(window.GamestdioScorm = {});\n")


def vendor() -> None:
    import json

    package = json.loads((WRAPPER_SOURCE.parent.parent / "package.json").read_text("utf-8"))
    WRAPPER.write_text(wrapped_wrapper(WRAPPER_SOURCE.read_text("utf-8"), package["version"]),
                       encoding="utf-8")
    (WRAPPER.parent / "LICENSE").write_bytes((WRAPPER_SOURCE.parent.parent / "LICENSE").read_bytes())
    print(f"{WRAPPER.relative_to(ROOT)}: @gamestdio/scorm {package['version']}")


def course_metadata() -> dict:
    """Title and description from mkdocs.yml; version = build date, as on the attestation."""
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml_load(handle)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    built = (datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch
             else datetime.datetime.now(datetime.UTC))
    return {
        "title": config["site_name"],
        "description": " ".join(config["site_description"].split()),
        "version": built.strftime("%Y-%m-%d"),
    }


def _langstring(parent: ET.Element, tag: str, text: str) -> None:
    element = ET.SubElement(parent, f"{{{IMSMD}}}{tag}")
    string = ET.SubElement(element, f"{{{IMSMD}}}langstring", {XML_LANG: LANGUAGE})
    string.text = text


def manifest(files: list[str], meta: dict) -> bytes:
    """An ADL SCORM 1.2 manifest: one organization, one item, one SCO launched at index.html."""
    ET.register_namespace("", CP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("imsmd", IMSMD)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{CP}}}manifest", {
        "identifier": IDENTIFIER, "version": meta["version"],
        f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION,
    })
    metadata = ET.SubElement(root, f"{{{CP}}}metadata")
    ET.SubElement(metadata, f"{{{CP}}}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.2"
    lom = ET.SubElement(metadata, f"{{{IMSMD}}}lom")
    general = ET.SubElement(lom, f"{{{IMSMD}}}general")
    _langstring(general, "title", meta["title"])
    ET.SubElement(general, f"{{{IMSMD}}}language").text = LANGUAGE
    _langstring(general, "description", meta["description"])
    lifecycle = ET.SubElement(lom, f"{{{IMSMD}}}lifecycle")
    _langstring(lifecycle, "version", meta["version"])

    organizations = ET.SubElement(root, f"{{{CP}}}organizations", {"default": "organisation"})
    organization = ET.SubElement(organizations, f"{{{CP}}}organization",
                                 {"identifier": "organisation"})
    ET.SubElement(organization, f"{{{CP}}}title").text = meta["title"]
    item = ET.SubElement(organization, f"{{{CP}}}item", {
        "identifier": "cours", "identifierref": "cours-sco", "isvisible": "true"})
    ET.SubElement(item, f"{{{CP}}}title").text = meta["title"]

    resources = ET.SubElement(root, f"{{{CP}}}resources")
    resource = ET.SubElement(resources, f"{{{CP}}}resource", {
        "identifier": "cours-sco", "type": "webcontent",
        f"{{{ADLCP}}}scormtype": "sco", "href": LAUNCH})
    for name in files:
        ET.SubElement(resource, f"{{{CP}}}file", {"href": name})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def build(output: pathlib.Path) -> None:
    with tempfile.TemporaryDirectory(prefix="scorm-") as temp:
        site = pathlib.Path(temp) / "site"
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
            cwd=ROOT, env={**os.environ, "OFFLINE": "true", "SCORM": "true",
                           "NO_MKDOCS_2_WARNING": "1"},
        )
        if result.returncode:
            sys.exit(f"mkdocs build failed (exit code {result.returncode})")
        files = sorted(name for name in (p.relative_to(site).as_posix()
                                         for p in site.rglob("*") if p.is_file())
                       if packaged(name))
        if LAUNCH not in files:
            sys.exit(f"{site}: no {LAUNCH} to launch")
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            archive.writestr("imsmanifest.xml", manifest(files, course_metadata()))
            for name in files:
                archive.write(site / name, name)
        partial.replace(output)
    print(f"Paquet SCORM 1.2 : {output} ({output.stat().st_size} octets)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=pathlib.Path,
                        default=ROOT / "dist" / "proteger-donnees-sante-scorm12.zip")
    parser.add_argument("--vendor", action="store_true",
                        help="rewrite the vendored SCORM API wrapper from node_modules")
    args = parser.parse_args(argv)
    if args.vendor:
        vendor()
    else:
        build(args.output)


if __name__ == "__main__":
    main()
