"""Reading paths by role (docs/parcours/), audience tags, and the home page's « Par où commencer ? ».

Checkers are plain functions over source text or built HTML; each is shown to catch a seeded
defect (a modified copy of the project, or bad input fed to the function).
"""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from mkdocs_quiz.qti.extractor import extract_quizzes_from_file

from conftest import ROOT, copy_project
from source_files import HEADING  # level, text and anchor of a Markdown heading

pytestmark = pytest.mark.content  # `make check`: the content rules, in seconds

AUDIENCE_TAGS = {"Professionnel libéral", "Établissement", "Secrétariat et accueil", "Tous publics"}
# path page -> (its audience tag, the admonition type that marks its role in the chapters)
PATHS = {
    "liberal": ("Professionnel libéral", "cabinet"),
    "etablissement": ("Établissement", "etablissement"),
    "secretariat": ("Secrétariat et accueil", "secretariat"),
}
WORDS_PER_MINUTE = 200

ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?) ([\w-]+)")
# A link to a chapter section: ("NN-chapter/page.md", anchor); index.md or a sub-page.
SECTION_LINK = re.compile(r"\]\(\.\./chapitres/([\w-]+/[\w-]+\.md)#([\w-]+)\)")
STEP_MINUTES = re.compile(r"\(environ (\d+) min\)")
TOTAL = re.compile(r"Durée totale de lecture : environ (\d+) minutes")
QUIZ_DIV = re.compile(r'<div class="quiz(?: quiz-fill-blank)?"')


# --- Source helpers -------------------------------------------------------------------------

def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text[4:].split("\n---\n", 1)[0]) or {}


def chapter_files(project: Path) -> list[Path]:
    return sorted((project / "docs" / "chapitres").glob("*/*.md"))


def chapter_pages(project: Path) -> list[Path]:
    """The reading pages of the chapters: each index.md and its sub-pages (not the quizzes)."""
    return [page for page in chapter_files(project) if page.name != "quiz.md"]


def section_text(chapter_md: Path, anchor: str) -> str:
    """The Markdown under the heading `{#anchor}`, up to the next heading of the same level or above."""
    lines = chapter_md.read_text(encoding="utf-8").splitlines()
    for start, line in enumerate(lines):
        match = HEADING.match(line)
        if match and match.group(3) == anchor:
            level, body = len(match.group(1)), []
            for following in lines[start + 1:]:
                heading = HEADING.match(following)
                if heading and len(heading.group(1)) <= level:
                    break
                body.append(following)
            return "\n".join(body)
    raise KeyError(f"{chapter_md}: no heading {{#{anchor}}}")


def reading_words(markdown: str) -> int:
    """Words a reader reads, as `wc -w` counts them, once link targets, images and markup are gone."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?", " ", markdown)  # figures: looked at, not read
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?", r"\1", text)  # keep link text, drop URL
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"^(?:!!!|\?\?\?\+?) [\w-]+", " ", text, flags=re.M)
    text = re.sub(r"[*`#>|]", " ", text)
    return len(text.split())


def estimated_minutes(words: int) -> int:
    """~200 words a minute, rounded to the nearest 5 minutes, never less than 5."""
    return max(5, math.floor(words / WORDS_PER_MINUTE / 5 + 0.5) * 5)


def steps(page_text: str) -> list[tuple[int, list[tuple[str, str]]]]:
    """The numbered steps of a path page: (stated minutes, [(chapter, anchor), …])."""
    body = re.split(r"\{\s*#etapes\b[^}]*\}", page_text, maxsplit=1)[1].split("\n## ", 1)[0]
    items = re.split(r"^\d+\. ", body, flags=re.M)[1:]
    found = []
    for item in items:
        minutes = STEP_MINUTES.search(item)
        found.append((int(minutes.group(1)) if minutes else -1, SECTION_LINK.findall(item)))
    return found


def time_problems(page_text: str, project: Path = ROOT) -> list[str]:
    """Each step's time is near its word count; the total is their sum and near the counted total."""
    problems, found, computed_total = [], steps(page_text), 0
    if not found:
        return ["no numbered step under the {#etapes} heading"]
    for number, (stated, links) in enumerate(found, start=1):
        if stated < 0 or not links:
            problems.append(f"step {number}: needs « (environ N min) » and links to chapter sections")
            continue
        words = sum(
            reading_words(section_text(project / "docs" / "chapitres" / page, anchor))
            for page, anchor in links
        )
        expected = estimated_minutes(words)
        if abs(expected - stated) > 5:
            problems.append(f"step {number}: states {stated} min, its {words} words give {expected} min")
        computed_total += expected
    total = TOTAL.search(page_text)
    if not total:
        problems.append("no « Durée totale de lecture : environ N minutes »")
    elif int(total.group(1)) != sum(stated for stated, _ in found):
        problems.append(f"total {total.group(1)} min is not the sum of the steps "
                        f"({sum(stated for stated, _ in found)} min)")
    elif abs(int(total.group(1)) - computed_total) > 5:  # one step may sit on a rounding edge
        problems.append(f"total {total.group(1)} min, the word counts give {computed_total} min")
    return problems


def role_sections(project: Path, role: str) -> list[tuple[str, int, set[tuple[str, str]]]]:
    """Each `role` admonition in the chapters: (file, line, anchors of the sections holding it)."""
    found = []
    for chapter_md in chapter_pages(project):
        enclosing: dict[int, str] = {}  # heading level -> anchor of the open section
        for number, line in enumerate(chapter_md.read_text(encoding="utf-8").splitlines(), start=1):
            heading = HEADING.match(line)
            if heading:
                level = len(heading.group(1))
                enclosing = {lvl: a for lvl, a in enclosing.items() if lvl < level}
                if heading.group(3):
                    enclosing[level] = heading.group(3)
            admonition = ADMONITION.match(line)
            if admonition and admonition.group(1) == role:
                page = f"{chapter_md.parent.name}/{chapter_md.name}"
                found.append((page, number, {(page, a) for a in enclosing.values()}))
    return found


def missing_role_links(page_text: str, role: str, project: Path = ROOT) -> list[str]:
    """Role admonitions whose chapter section the path page does not link to."""
    linked = set(SECTION_LINK.findall(page_text))
    return [f"{where}:{line}: « {role} » admonition, no link to any of {sorted(a for _, a in anchors)}"
            for where, line, anchors in role_sections(project, role) if not anchors & linked]


def tag_problems(project: Path) -> list[str]:
    """Every chapter page carries an audience tag; every tag used anywhere is one of the four."""
    problems = []
    for page in sorted((project / "docs").rglob("*.md")):
        name = page.relative_to(project)
        tags = front_matter(page).get("tags") or []
        if not isinstance(tags, list):
            problems.append(f"{name}: 'tags' must be a list")
            continue
        for tag in tags:
            if tag not in AUDIENCE_TAGS:
                problems.append(f"{name}: unknown tag {tag!r} (allowed: {', '.join(sorted(AUDIENCE_TAGS))})")
        if page in chapter_files(project) and not set(tags) & AUDIENCE_TAGS:
            problems.append(f"{name}: chapter page without an audience tag")
    return problems


class _Classes(HTMLParser):
    """Role classes of admonitions (`div.admonition.ROLE`) and collapsible blocks (`details.ROLE`)."""

    def __init__(self):
        super().__init__()
        self.roles: set[str] = set()

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "details" or (tag == "div" and "admonition" in classes):
            self.roles |= classes & {role for _, role in PATHS.values()}


def admonition_roles(html: str) -> set[str]:
    parser = _Classes()
    parser.feed(html)
    return parser.roles


# --- Path pages -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(PATHS))
def test_path_page_links_at_least_five_chapter_sections(name):
    page = ROOT / "docs" / "parcours" / f"{name}.md"
    links = {link for _, step_links in steps(page.read_text("utf-8")) for link in step_links}
    assert len(links) >= 5, links
    for page, anchor in links:  # every anchor exists in the chapter source
        section_text(ROOT / "docs" / "chapitres" / page, anchor)


@pytest.mark.parametrize("name", sorted(PATHS))
def test_path_page_shows_step_times_and_their_total(name):
    assert time_problems((ROOT / "docs" / "parcours" / f"{name}.md").read_text("utf-8")) == []


def test_time_check_catches_a_wrong_total_and_a_stale_step():
    text = (ROOT / "docs" / "parcours" / "liberal.md").read_text("utf-8")
    total = int(TOTAL.search(text).group(1))
    wrong_total = text.replace(f"environ {total} minutes", f"environ {total + 5} minutes")
    assert [p for p in time_problems(wrong_total) if "not the sum" in p]
    stale_step = text.replace("(environ 5 min)", "(environ 30 min)", 1)
    assert [p for p in time_problems(stale_step) if p.startswith("step 1: states 30 min")]
    assert "no « Durée totale" in " ".join(time_problems(TOTAL.sub("", text)))
    # chapters shortened after the times were written: every step and the total still agree
    inflated = re.sub(r"\(environ (\d+) min\)", lambda m: f"(environ {int(m.group(1)) + 5} min)", text)
    new_total = sum(stated for stated, _ in steps(inflated))
    inflated = TOTAL.sub(f"Durée totale de lecture : environ {new_total} minutes", inflated)
    assert [p for p in time_problems(inflated) if "the word counts give" in p]


@pytest.mark.parametrize("name", sorted(PATHS))
def test_path_page_has_a_role_quiz(name, site_dir):
    page = ROOT / "docs" / "parcours" / f"{name}.md"
    meta, text = front_matter(page), page.read_text("utf-8")
    assert meta["quiz"]["enabled"] is True
    assert meta["tags"] == [PATHS[name][0]]
    quiz_part = text.split("## Quiz du parcours", 1)[1]
    assert f'{{% include-markdown "../../quizzes/parcours-{name}.md" %}}' in quiz_part
    assert quiz_part.index("<!-- mkdocs-quiz intro -->") < quiz_part.index("<!-- mkdocs-quiz results -->")
    bank = extract_quizzes_from_file(ROOT / "quizzes" / f"parcours-{name}.md")
    assert 5 <= len(bank) <= 6
    html = (site_dir / "parcours" / name / "index.html").read_text("utf-8")
    assert len(QUIZ_DIV.findall(html)) == len(bank)
    assert 'id="quiz-results"' in html


@pytest.mark.parametrize("name", sorted(PATHS))
def test_path_page_links_every_section_holding_its_role_admonitions(name):
    text = (ROOT / "docs" / "parcours" / f"{name}.md").read_text("utf-8")
    assert missing_role_links(text, PATHS[name][1]) == []


def test_missing_role_link_is_caught():
    text = (ROOT / "docs" / "parcours" / "liberal.md").read_text("utf-8")
    seeded = text.replace("](../chapitres/04-menaces/index.md#serveurs-exposes)", "](../tags.md)")
    problems = missing_role_links(seeded, "cabinet")
    assert len(problems) == 1 and problems[0].startswith("04-menaces/index.md:"), problems
    assert "serveurs-exposes" in problems[0]


@pytest.mark.parametrize("name", sorted(PATHS))
def test_path_page_points_to_fiches_and_tools(name):
    text = (ROOT / "docs" / "parcours" / f"{name}.md").read_text("utf-8")
    tools = re.split(r"\{\s*#outils\b[^}]*\}", text, maxsplit=1)[1].split("\n## ", 1)[0]
    assert len(re.findall(r"\]\(\.\./outils/fiches/[\w-]+\.md\)", tools)) >= 4
    assert "](../outils/glossaire.md)" in tools


# --- Choosing a path ------------------------------------------------------------------------

def test_par_ou_commencer_page_offers_the_three_paths_and_chapter_one(site_dir):
    source = (ROOT / "docs" / "parcours" / "index.md").read_text("utf-8")
    assert front_matter(ROOT / "docs" / "parcours" / "index.md")["tags"] == ["Tous publics"]
    for name in PATHS:  # the durations given here are the path pages' totals
        total = TOTAL.search((ROOT / "docs" / "parcours" / f"{name}.md").read_text("utf-8")).group(1)
        assert re.search(rf"\]\({name}\.md\) : environ {total} minutes", source), name
    tout_lire = re.split(r"\{\s*#tout-lire\b[^}]*\}", source, maxsplit=1)[1]
    assert "](../chapitres/01-donnees-de-sante/index.md)" in tout_lire
    html = (site_dir / "parcours" / "index.html").read_text("utf-8")
    for href in ("liberal/", "etablissement/", "secretariat/", "../chapitres/01-donnees-de-sante/"):
        assert f'href="{href}"' in html


def test_home_page_section_comes_right_after_the_audience(site_dir):
    html = (site_dir / "index.html").read_text("utf-8")
    headings = re.findall(r'<h2 id="([\w-]+)"', html)
    assert headings[headings.index("public") + 1] == "par-ou-commencer"
    section = html.split('id="par-ou-commencer"', 1)[1].split("<h2", 1)[0]
    for name in PATHS:
        assert f'href="parcours/{name}/"' in section
    assert "<script" not in section and "style=" not in section


# --- Audience tags --------------------------------------------------------------------------

def test_every_chapter_page_has_an_audience_tag_and_only_known_tags_are_used():
    assert tag_problems(ROOT) == []
    for page in chapter_files(ROOT):  # the six chapters serve all three roles
        assert set(front_matter(page)["tags"]) == AUDIENCE_TAGS - {"Tous publics"}, page


def test_tag_check_catches_a_removed_and_a_misspelled_tag(tmp_path):
    project = copy_project(tmp_path / "project")
    removed = project / "docs" / "chapitres" / "03-rgpd-obligations" / "index.md"
    text = removed.read_text("utf-8")
    removed.write_text(re.sub(r"tags:\n(?:  - .*\n)+", "", text), encoding="utf-8")
    misspelled = project / "docs" / "chapitres" / "05-bonnes-pratiques" / "quiz.md"
    text = misspelled.read_text("utf-8")
    misspelled.write_text(text.replace("  - Établissement\n", "  - Etablissement\n"), encoding="utf-8")
    problems = tag_problems(project)
    assert problems == [
        "docs/chapitres/03-rgpd-obligations/index.md: chapter page without an audience tag",
        "docs/chapitres/05-bonnes-pratiques/quiz.md: unknown tag 'Etablissement' (allowed: "
        + ", ".join(sorted(AUDIENCE_TAGS)) + ")",
    ]


def test_tags_index_lists_each_path_page_under_its_tag(site_dir):
    html = (site_dir / "tags" / "index.html").read_text("utf-8")
    sections = dict(re.findall(r'<span class="md-tag">([^<]+)</span>(.*?)(?=<h2|</article>)', html, re.S))
    assert set(sections) == AUDIENCE_TAGS
    for name, (tag, _) in PATHS.items():
        assert f'href="../parcours/{name}/"' in sections[tag], tag
    assert 'href="../parcours/"' in sections["Tous publics"]
    for chapter in sorted((ROOT / "docs" / "chapitres").iterdir()):
        for tag in AUDIENCE_TAGS - {"Tous publics"}:
            assert f'href="../chapitres/{chapter.name}/"' in sections[tag]


# --- Role admonitions in the chapters -------------------------------------------------------

def test_every_chapter_has_an_admonition_for_each_role(site_dir):
    roles = {role for _, role in PATHS.values()}
    missing = {}
    for chapter in sorted((ROOT / "docs" / "chapitres").iterdir()):
        html = (site_dir / "chapitres" / chapter.name / "index.html").read_text("utf-8")
        if roles - admonition_roles(html):
            missing[chapter.name] = sorted(roles - admonition_roles(html))
    assert not missing, f"chapters lacking role admonitions: {missing}"


def test_admonition_check_sees_collapsible_blocks_and_catches_a_missing_role():
    html = ('<div class="admonition cabinet"><p class="admonition-title">En cabinet</p></div>'
            '<details class="secretariat"><summary>Au secrétariat</summary></details>'
            '<div class="etablissement-note">not an admonition</div>')
    assert admonition_roles(html) == {"cabinet", "secretariat"}
