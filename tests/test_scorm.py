"""The SCORM 1.2 package (`make scorm`) played by a real SCORM runtime, scorm-again (npm).

The package is built once per test session (into a temporary folder), unzipped beside a small
LMS page that defines `window.API` (scorm-again's Scorm12API) and opens the course in an
iframe, all served on 127.0.0.1. What the LMS records is read from scorm-again's own data
model and from the calls the course made to it.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys
import zipfile
from xml.etree import ElementTree as ET

import pytest
from mkdocs_quiz.qti.extractor import extract_quizzes_from_file
from playwright.sync_api import expect
from test_evaluation_finale import answer_all_at_once

from conftest import ROOT, load_hook, load_module, mkdocs_build, serve_directory

pytestmark = pytest.mark.browser

SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
LIMIT = 4096
QUESTIONS = sum(len(extract_quizzes_from_file(p))  # in the final assessment
                for p in (ROOT / "quizzes" / "evaluation-finale").glob("*.md"))
ASSESSMENT = "evaluation-finale.html"
SESSION_TIME = re.compile(r"^\d{4}:[0-5]\d:[0-5]\d\.\d\d$")  # HHHH:MM:SS.SS
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
IMSMD = "{http://www.imsglobal.org/xsd/imsmd_rootv1p2p1}"


build_scorm = load_module(ROOT / "scripts" / "build_scorm.py")
csp = load_hook("content_security_policy")

# The LMS: scorm-again's SCORM 1.2 runtime, seeded from the previous attempt (window.__lmsSeed,
# set by the test), recording every call the course makes; ?launch= names the page to open.
LMS_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>LMS de test</title><link rel="icon" href="data:,">
<script src="scorm12.min.js"></script>
<script>
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  if (window.__lmsSeed) window.API.loadFromJSON(window.__lmsSeed);
  window.lmsCalls = [];
  const record = (name) => (element, value) => window.lmsCalls.push([name, element, value]);
  for (const name of ["LMSInitialize", "LMSCommit", "LMSFinish"]) window.API.on(name, record(name));
  window.API.on("LMSSetValue.cmi.*", record("LMSSetValue"));
  const lastSet = (element) => (window.lmsCalls.filter(
    ([name, key]) => name === "LMSSetValue" && key === element).pop() || [])[2];
  window.lmsRecord = () => ({  // exit and session_time are write-only: the values the course set
    lesson_status: window.API.cmi.core.lesson_status,
    exit: lastSet("cmi.core.exit"),
    raw: window.API.cmi.core.score.raw,
    min: window.API.cmi.core.score.min,
    max: window.API.cmi.core.score.max,
    session_time: lastSet("cmi.core.session_time"),
    suspend_data: window.API.cmi.suspend_data,
    calls: window.lmsCalls,
  });
</script></head>
<body><iframe id="sco" title="Cours" style="width: 100%; height: 90vh"></iframe>
<script>
  const launch = new URLSearchParams(location.search).get("launch") || "index.html";
  document.getElementById("sco").src = "package/" + launch;
</script></body></html>
"""


# Session scope: pytest-playwright groups browser tests apart from the others, and a module
# fixture would be built again when the module's tests come back after that reordering.
@pytest.fixture(scope="session")
def package_zip(tmp_path_factory):
    output = tmp_path_factory.mktemp("scorm") / "proteger-donnees-sante-scorm12.zip"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_scorm.py"),
                             "--output", str(output)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return output


@pytest.fixture(scope="session")
def lms_dir(package_zip, tmp_path_factory):
    assert SCORM_AGAIN.is_file(), "scorm-again missing: run `npm ci` (make test does)"
    folder = tmp_path_factory.mktemp("lms")
    with zipfile.ZipFile(package_zip) as archive:
        archive.extractall(folder / "package")
    shutil.copy(SCORM_AGAIN, folder / "scorm12.min.js")
    (folder / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def lms_url(lms_dir):
    with serve_directory(lms_dir) as url:
        yield url


# ---------- Helpers ----------

def launch(page, lms_url, start="index.html", seed=None):
    """Open the LMS page with the course in its iframe; return the course's frame."""
    if seed is not None:
        page.add_init_script(f"window.__lmsSeed = {json.dumps(seed)};")
    page.goto(f"{lms_url}lms.html?launch={start}")
    frame = page.wait_for_selector("#sco").content_frame()
    frame.wait_for_url(f"**/package/{start}")
    frame.wait_for_load_state("load")
    expect(frame.locator("h1").first).to_be_visible()
    return frame


def record(page) -> dict:
    return page.evaluate("window.lmsRecord()")


def close_course(page) -> dict:
    """What the LMS holds once the course's frame is closed (pagehide: LMSFinish)."""
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("window.lmsCalls.some(([name]) => name === 'LMSFinish')")
    return record(page)


def calls(data: dict, name: str) -> list:
    return [call for call in data["calls"] if call[0] == name]


def other_origin_requests(page, lms_url) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url)
            if not r.url.startswith((lms_url, "about:", "data:")) else None)
    return requests


def next_device(browser, lms_url, saved: dict, start=ASSESSMENT):
    """A new browser (empty storage), the LMS seeded with the record of the last attempt."""
    context = browser.new_context()
    page = context.new_page()
    seed = {"core": {"lesson_status": saved["lesson_status"]}, "suspend_data": saved["suspend_data"]}
    if saved["raw"]:
        seed["core"]["score"] = {"raw": saved["raw"], "min": saved["min"], "max": saved["max"]}
    return context, page, launch(page, lms_url, start, seed)


# ---------- The package ----------

def test_manifest_is_scorm_12_with_the_required_elements(package_zip):
    with zipfile.ZipFile(package_zip) as archive:
        names = set(archive.namelist())
        root = ET.fromstring(archive.read("imsmanifest.xml"))
    assert root.tag == CP + "manifest" and root.get("identifier") and root.get("version")
    metadata = root.find(CP + "metadata")
    assert metadata.findtext(CP + "schema") == "ADL SCORM"
    assert metadata.findtext(CP + "schemaversion") == "1.2"
    general = metadata.find(f"{IMSMD}lom/{IMSMD}general")
    assert general.findtext(f"{IMSMD}title/{IMSMD}langstring") == "Protéger les données de santé"
    assert "professionnels de santé" in general.findtext(f"{IMSMD}description/{IMSMD}langstring")
    assert general.findtext(IMSMD + "language") == "fr"
    version = metadata.findtext(f"{IMSMD}lom/{IMSMD}lifecycle/{IMSMD}version/{IMSMD}langstring")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", version) and version == root.get("version")
    organizations = root.find(CP + "organizations")
    organization = organizations.find(CP + "organization")
    assert organizations.get("default") == organization.get("identifier")
    assert organization.findtext(CP + "title") == "Protéger les données de santé"
    items = organization.findall(CP + "item")
    resources = root.findall(f"{CP}resources/{CP}resource")
    assert len(items) == 1 and len(resources) == 1, "the whole course is one SCO"
    resource = resources[0]
    assert items[0].get("identifierref") == resource.get("identifier")
    assert resource.get(ADLCP + "scormtype") == "sco"
    assert resource.get("href") == "index.html" and "index.html" in names
    listed = {file.get("href") for file in resource.findall(CP + "file")}
    assert listed == names - {"imsmanifest.xml"}, "every file of the zip, and only those, listed"


def test_package_pages_use_relative_links_and_keep_the_strict_policy(lms_dir):
    package = lms_dir / "package"
    pages = sorted(package.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        where = path.relative_to(package)
        assert not re.search(r"""\s(?:href|src)=["']?/(?!/)""", html), f"{where}: root-relative link"
        assert re.search(r"""<script src=["']?(?:\.\./)*assets/javascripts/scorm\.js""", html), where
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert meta, f"{where}: no Content-Security-Policy"
        assert meta.group(1) == csp.policy_for(html), f"{where}: policy does not match its scripts"
        assert "'unsafe-inline'" not in meta.group(1).split("script-src")[1].split(";")[0]


def test_site_build_neither_loads_nor_publishes_the_scorm_script(site_dir):
    assert not (site_dir / "assets" / "javascripts" / "scorm.js").exists()
    assert not (site_dir / "assets" / "javascripts" / "vendor" / "gamestdio-scorm").exists()
    assert "scorm" not in (site_dir / "index.html").read_text(encoding="utf-8").lower()


def test_scorm_without_relative_links_is_refused(tmp_path):
    result = mkdocs_build(ROOT, tmp_path / "site", env={"SCORM": "true", "OFFLINE": "false"})
    assert result.returncode != 0
    assert "SCORM=true needs OFFLINE=true" in result.stdout + result.stderr


def test_vendored_wrapper_is_the_npm_package_unchanged():
    source = build_scorm.WRAPPER_SOURCE
    assert source.is_file(), "run `npm ci`"
    package = json.loads((source.parent.parent / "package.json").read_text("utf-8"))
    pinned = json.loads((ROOT / "package.json").read_text("utf-8"))["devDependencies"]
    assert pinned["@gamestdio/scorm"] == package["version"]
    expected = build_scorm.wrapped_wrapper(source.read_text("utf-8"), package["version"])
    assert build_scorm.WRAPPER.read_text("utf-8") == expected, \
        "vendored wrapper differs: python scripts/build_scorm.py --vendor"
    assert (build_scorm.WRAPPER.parent / "LICENSE").read_bytes() == \
        (source.parent.parent / "LICENSE").read_bytes()


def test_make_scorm_and_the_pages_workflow_publish_the_package():
    makefile = (ROOT / "Makefile").read_text()
    assert "build_scorm.py --output dist/proteger-donnees-sante-scorm12.zip" in makefile
    assert re.search(r'@echo "make scorm +\S', makefile), "no help line for make scorm"
    assert re.search(r"^test: [^\n]*node_modules/\.package-lock\.json", makefile, re.M), \
        "make test must install scorm-again (npm ci)"
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text().replace("\\\n", " ")
    assert re.search(r"make [\w ]*\bscorm\b", workflow)
    assert re.search(r"cp [^\n]*dist/proteger-donnees-sante-scorm12\.zip[^\n]* site/telechargements/",
                     workflow)


# ---------- In the LMS ----------

def test_first_launch_is_incomplete_and_pages_share_one_session(page, lms_url, console_errors):
    remote = other_origin_requests(page, lms_url)
    frame = launch(page, lms_url)
    data = record(page)
    assert data["lesson_status"] == "incomplete"
    assert [call[1] for call in calls(data, "LMSSetValue")][:1] == ["cmi.core.lesson_status"]
    assert calls(data, "LMSCommit"), "no commit after the status"
    # A link to another page of the package: the LMS session goes on there, unfinished.
    frame.locator('a[href="outils/index.html"]:visible').first.click()
    frame.wait_for_url("**/outils/index.html")
    frame.locator('a[href="autodiagnostic.html"]:visible').first.click()
    frame.wait_for_url("**/outils/autodiagnostic.html")
    expect(frame.locator("#autodiag-summary")).to_be_visible()
    frame.locator("#autodiag-carte-cps-non").check()
    frame.locator("#autodiag-comptes-nominatifs-oui").check()
    page.wait_for_function("API.cmi.suspend_data.endsWith('acomptes-nominatifs/carte-cps')")
    # Back, then forward: still the same session. (Each page loaded before leaving it: the
    # search worker of a page left while it loads reports its interrupted importScripts.)
    frame.wait_for_load_state("networkidle")
    frame.evaluate("history.back()")
    frame.wait_for_url(re.compile(r"/outils/index\.html(#.*)?$"))
    frame.wait_for_load_state("networkidle")
    frame.evaluate("history.forward()")
    frame.wait_for_url(re.compile(r"/outils/autodiagnostic\.html(#.*)?$"))  # Material's tracking
    expect(frame.locator("#autodiag-carte-cps-non")).to_be_checked()
    data = record(page)
    assert len(calls(data, "LMSInitialize")) == 1 and calls(data, "LMSFinish") == []
    assert data["suspend_data"] == "1|acomptes-nominatifs/carte-cps"
    frame.locator("#autodiag-mots-de-passe-solides-oui").check()
    page.wait_for_function("API.cmi.suspend_data.includes('solides')")
    data = close_course(page)
    assert len(calls(data, "LMSFinish")) == 1
    assert SESSION_TIME.match(data["session_time"]), data["session_time"]
    assert data["exit"] == "suspend" and data["lesson_status"] == "incomplete"
    assert remote == [] and console_errors == []


def _take_assessment(page, lms_url, correctly):
    frame = launch(page, lms_url, ASSESSMENT)
    total = frame.locator(".quiz").count()
    answer_all_at_once(frame, correctly=correctly)
    expect(frame.locator("#attestation-status")).to_contain_text("Votre score est de")
    data = record(page)
    return frame, total, data


def test_passed_assessment_reports_passed_and_score(page, lms_url, console_errors):
    remote = other_origin_requests(page, lms_url)
    frame, total, data = _take_assessment(page, lms_url, correctly=True)
    expect(frame.locator("#scorm-notice")).to_be_visible()  # what the LMS records
    expect(frame.locator("#scorm-notice")).to_contain_text("votre score et le temps passé")
    assert (data["lesson_status"], data["raw"], data["min"], data["max"]) == \
        ("passed", "100", "0", "100")
    sets = [call[1] for call in calls(data, "LMSSetValue")]
    assert sets.index("cmi.core.lesson_status", 1) > sets.index("cmi.core.score.raw")
    assert len(calls(data, "LMSCommit")) >= total, "a commit after each answer"
    data = close_course(page)
    assert data["exit"] == "logout" and SESSION_TIME.match(data["session_time"])
    assert len(data["suspend_data"]) <= LIMIT
    print(f"\nLMS record, passed: {json.dumps({k: v for k, v in data.items() if k != 'calls'})}"
          f" suspend_data length {len(data['suspend_data'])}")
    assert remote == [] and console_errors == []


def test_failed_assessment_reports_failed_and_relaunch_restores_answers(
        page, browser, lms_url, console_errors):
    frame, total, data = _take_assessment(page, lms_url, correctly=False)
    assert (data["lesson_status"], data["raw"], data["min"], data["max"]) == \
        ("failed", "0", "0", "100")
    checked = frame.locator('.quiz input[name="answer"]:checked').evaluate_all(
        "inputs => inputs.map(input => input.id)")
    data = close_course(page)
    saved = data["suspend_data"]
    assert saved.startswith("1|qevaluation-finale=") and len(saved) <= LIMIT
    print(f"\nLMS record, failed: {json.dumps({k: v for k, v in data.items() if k != 'calls'})}"
          f" suspend_data length {len(saved)}")

    # Another device: nothing in its storage, the LMS gives back the last attempt.
    context, other, frame = next_device(browser, lms_url, data)
    errors: list[str] = []
    other.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    expect(frame.locator(".quiz-feedback:not(.hidden)")).to_have_count(total)
    restored = frame.locator('.quiz input[name="answer"]:checked').evaluate_all(
        "inputs => inputs.map(input => input.id)")
    assert restored == checked
    for blank in frame.locator(".quiz-blank-input").all():
        assert blank.input_value() == "mauvaise réponse"
    expect(frame.locator("#attestation-status")).to_contain_text("Votre score est de 0")
    again = record(other)
    assert again["lesson_status"] == "failed" and again["suspend_data"] == saved
    assert calls(again, "LMSSetValue") == [], "a relaunch rewrites nothing that did not change"
    context.close()
    assert errors == [] and console_errors == []


def check_pass_mark_is_the_attestation_rule(browser, lms_url):
    """80 % of the questions right pass, one fewer fails (the attestation's rule): reported by
    the course from the answers the LMS gives back (one new browser each)."""
    needed = math.ceil(QUESTIONS * 0.8)
    for right, status in ((needed, "passed"), (needed - 1, "failed")):
        raw = str(round(right * 100 / QUESTIONS))
        saved = {"lesson_status": "incomplete", "raw": "",
                 "suspend_data": "1|qevaluation-finale=" + "h" * right + "A" * (QUESTIONS - right)}
        context, page, frame = next_device(browser, lms_url, saved)
        total = frame.locator(".quiz").count()
        assert total == QUESTIONS, f"the seed assumes {QUESTIONS} questions, the page has {total}"
        page.wait_for_function("API.cmi.core.score.raw !== ''")
        data = record(page)
        context.close()
        assert (data["lesson_status"], data["raw"]) == (status, raw), f"{right} right answers"


def test_pass_mark_is_the_attestation_rule(browser, lms_url):
    check_pass_mark_is_the_attestation_rule(browser, lms_url)


def test_pass_mark_check_catches_a_seeded_defect(browser, lms_dir, lms_url):
    script = (lms_dir / "package" / "assets" / "javascripts" / "scorm.js").read_text("utf-8")
    old = "const passPercent = Number(widget.dataset.passPercent);"
    assert old in script
    defect = script.replace(old, "const passPercent = 75;")
    original = browser.new_context

    def new_context(**options):  # every browser the check opens gets the seeded script
        context = original(**options)
        context.route("**/assets/javascripts/scorm.js", lambda route: route.fulfill(
            body=defect, content_type="text/javascript"))
        return context

    browser.new_context = new_context
    try:
        with pytest.raises(AssertionError):
            check_pass_mark_is_the_attestation_rule(browser, lms_url)
    finally:
        browser.new_context = original


def test_a_failed_retake_keeps_the_recorded_pass(browser, lms_url):
    saved = {"lesson_status": "passed", "raw": "85", "min": "0", "max": "100",
             "suspend_data": "1|qevaluation-finale=" + "A" * QUESTIONS}
    context, page, frame = next_device(browser, lms_url, saved)
    expect(frame.locator("#attestation-status")).to_contain_text("Votre score est de 0")
    data = close_course(page)
    context.close()
    assert (data["lesson_status"], data["raw"]) == ("passed", "85")
    assert data["exit"] == "logout"


def test_new_launch_replaces_what_a_shared_browser_holds(page, lms_url):
    page.goto(lms_url + "package/" + ASSESSMENT)  # someone took the assessment here, no LMS
    answer_all_at_once(page, correctly=True)
    frame = launch(page, lms_url, ASSESSMENT, seed={"suspend_data": "1|qevaluation-finale=A"})
    expect(frame.locator(".quiz-feedback:not(.hidden)")).to_have_count(1)
    assert record(page)["lesson_status"] == "incomplete"


# ---------- suspend_data at the limit ----------

def oversize_suspend_data(chapter_pages=6, questions=400) -> str:
    """suspend_data from a larger course: long typed answers, many chapter pages."""
    long_text = "[0" + ",".join(["r%C3%A9ponse%20tr%C3%A8s%20longue" * 3] * 4) + "]"
    parts = ["1", "qevaluation-finale=" + "h" * 20 + long_text * 2 + "A" * (QUESTIONS - 22)]
    for number in range(chapter_pages):
        parts.append(f"qchapitres/{number:02d}-chapitre/quiz=" + "g." * questions + long_text)
    parts.append("aacces,postes/wifi")
    return "|".join(parts)


def check_suspend_data_limit(page, lms_url):
    seeded = oversize_suspend_data()
    assert len(seeded) > 2 * LIMIT
    frame = launch(page, lms_url, ASSESSMENT, seed={"suspend_data": seeded})
    expect(frame.locator(".quiz-feedback:not(.hidden)")).to_have_count(frame.locator(".quiz").count())
    # Pure encoding: the final assessment alone over the limit writes nothing.
    huge = {"quizzes": {"evaluation-finale": {
        f"quiz-{i}": {"answered": True, "correct": True, "selectedValues": ["0"]}
        for i in range(LIMIT + 1)}}, "audit": {}}
    assert frame.evaluate("(p) => window.pdsScorm.encode(p)", huge) is None
    data = close_course(page)
    writes = [call[2] for call in calls(data, "LMSSetValue") if call[1] == "cmi.suspend_data"]
    assert writes and all(len(value) <= LIMIT for value in writes), [len(v) for v in writes]
    kept = data["suspend_data"].split("|")
    assert kept[1].startswith("qevaluation-finale="), "the final assessment must be kept"
    assert "%C3%A9" not in kept[1], "typed text goes first"
    assert kept[-1] == "aacces,postes/wifi", "the self-audit outlasts the chapter quizzes"
    assert 1 < len(kept) - 2 < 6, "only the last chapter pages go"


def test_suspend_data_never_exceeds_4096_characters(page, lms_url):
    check_suspend_data_limit(page, lms_url)


def test_limit_check_catches_a_seeded_defect(page, lms_dir, lms_url):
    script = (lms_dir / "package" / "assets" / "javascripts" / "scorm.js").read_text("utf-8")
    assert "const LIMIT = 4096;" in script
    page.route("**/assets/javascripts/scorm.js", lambda route: route.fulfill(
        body=script.replace("const LIMIT = 4096;", "const LIMIT = 40960;"),
        content_type="text/javascript"))
    with pytest.raises(AssertionError):
        check_suspend_data_limit(page, lms_url)


def test_encoding_round_trips_every_kind_of_answer(page, lms_url):
    page.goto(lms_url + "package/index.html")
    progress = {"quizzes": {
        "evaluation-finale": {
            "quiz-0": {"answered": True, "correct": True, "selectedValues": ["2"]},
            "quiz-2": {"answered": True, "correct": False, "selectedValues": ["0", "4"]},
            "quiz-3": {"answered": True, "correct": True, "selectedValues": ["dix, \"ans\" & <plus>|="]},
            "quiz-4": {"answered": True, "correct": False, "selectedValues": ["7"]},
        },
        "chapitres/01-donnees-de-sante/quiz": {
            "quiz-1": {"answered": True, "correct": False, "selectedValues": []}},
    }, "audit": {"acces": "oui", "postes": "non", "wifi": "peut-être"}}
    data = page.evaluate("(p) => window.pdsScorm.encode(p)", progress)
    assert data == ("1|qevaluation-finale=k.R[1dix%2C%20%22ans%22%20%26%20%3Cplus%3E%7C%3D][07]"
                    "|qchapitres/01-donnees-de-sante/quiz=.A|aacces/postes")
    back = page.evaluate("(d) => window.pdsScorm.decode(d)", data)
    del progress["audit"]["wifi"]
    assert back == progress


COURSE_ANSWERS = """(page) => Object.fromEntries(Array.from(document.querySelectorAll(".quiz"), (quiz) => {
    const blanks = Array.from(quiz.querySelectorAll(".quiz-blank-input"), (i) => i.dataset.answer);
    const choices = Array.from(quiz.querySelectorAll('input[name="answer"]'), (i) => i.value);
    return [quiz.id, {answered: true, correct: true, selectedValues: blanks.length ? blanks : choices}];
}))"""


def test_the_whole_course_answered_fits_without_dropping_anything(page, lms_dir, lms_url):
    package = lms_dir / "package"
    quiz_pages = sorted(path.relative_to(package).as_posix()
                        for path in package.rglob("*.html") if 'class="quiz"' in path.read_text("utf-8"))
    assert ASSESSMENT in quiz_pages and len(quiz_pages) >= 7, quiz_pages
    progress = {"quizzes": {}, "audit": {}}
    for name in quiz_pages:  # every question answered, every choice ticked, every blank filled
        page.goto(lms_url + "package/" + name)
        progress["quizzes"][name.removesuffix(".html")] = page.evaluate(COURSE_ANSWERS)
    page.goto(lms_url + "package/outils/autodiagnostic.html")
    for item in page.locator(".autodiag-item").evaluate_all("items => items.map(i => i.dataset.id)"):
        progress["audit"][item] = "non"
    data = page.evaluate("(p) => window.pdsScorm.encode(p)", progress)
    questions = sum(len(quizzes) for quizzes in progress["quizzes"].values())
    print(f"\nThe whole course answered: {questions} questions on {len(quiz_pages)} pages and "
          f"{len(progress['audit'])} self-audit items -> suspend_data of {len(data)} characters")
    assert len(data) <= LIMIT
    assert page.evaluate("(d) => window.pdsScorm.decode(d)", data) == progress, "something dropped"


# ---------- Without an LMS ----------

def test_package_opened_alone_behaves_like_the_site(page, lms_url, console_errors):
    remote = other_origin_requests(page, lms_url)
    page.goto(lms_url + "package/index.html")
    expect(page.locator("h1").first).to_be_visible()
    page.goto(lms_url + "package/" + ASSESSMENT)
    expect(page.locator("#scorm-notice")).to_be_hidden()  # nothing is recorded elsewhere
    quiz = page.locator(".quiz").first
    quiz.locator('input[name="answer"]').first.check()
    quiz.locator('button[type="submit"]').click()
    expect(quiz.locator(".quiz-feedback")).to_be_visible()
    page.reload()
    expect(page.locator(".quiz").first.locator(".quiz-feedback")).to_be_visible()
    assert page.evaluate("typeof window.API") == "undefined"
    assert remote == [] and console_errors == []
