"""Class 1 — no code from data, ever. Each hostile text below would create a marker file if any part of
the build evaluated it as a template (mkdocs-macros evaluates a page title containing "{{"); the site is
really built from data holding all of them, and the markers must not exist while the text shows
literally in the page, its <title>, the navigation and the search index.

The builds run in a temporary copy of the project, so the hostile stubs never reach the real docs/.
"""
from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

import macros
from scripts.scale import PROJECT

from ..conftest import ROOT
from .harness import Case, Expect, append, check_refused, csv_text, line_of, lines_in, replace, row, set_field, write

GRP, DEPT, CAT = "data/catalogue/groups.yaml", "data/catalogue/departments.yaml", "data/catalogue/indicators.yaml"
SRC, OBS = "data/sources.yaml", "data/observations/2.1.csv"


def payload(marker: Path, block: bool = False) -> str:
    """Text that runs `touch marker` when rendered by Jinja with the macros' functions in scope."""
    if block:
        return f"Nhóm {{% set x = cycler.__init__.__globals__.os.system('touch {marker}') %}} hai"
    return f"Tên {{{{ data_file.__globals__.os.system('touch {marker}') }}}} độc"


# where the text goes, and the pages (vi, en) where it must show literally, with its title
PLACES = {
    "group-name": ("indicators/group-2/index.html", True),
    "group-name-block": ("en/indicators/group-2/index.html", True),
    "indicator-name": ("en/indicators/2-1/index.html", True),
    "department-name": ("en/departments/cuc-thong-ke/index.html", True),
    "source-title": ("indicators/2-1/index.html", False),
    "observation-note": ("indicators/2-1/index.html", False),
}


def _hostile_data(data: Path, markers: dict[str, Path]) -> dict[str, str]:
    texts = {place: payload(markers[place], block=place.endswith("block")) for place in PLACES}
    set_field(GRP, "- id: 2", "name_vi", texts["group-name"])(data)
    set_field(GRP, "- id: 2", "name_en", texts["group-name-block"])(data)
    set_field(CAT, 'id: "2.1"', "name_en", texts["indicator-name"])(data)
    set_field(DEPT, "- id: cuc-thong-ke", "name_en", texts["department-name"])(data)
    append(SRC, f'hostile-source:\n  publisher: Báo Kiên Giang\n  title: "{texts["source-title"]}"\n')(data)
    write(OBS, csv_text(row("2023", source="hostile-source", note_vi=texts["observation-note"])))(data)
    return texts


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Path, dict[str, Path], dict[str, str]]:
    project = tmp_path_factory.mktemp("hostile-project")
    for name in PROJECT:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copyfile)(ROOT / name, project / name)
    shutil.copytree(ROOT / "data", project / "data")
    markers = {place: project / f"marker-{place}" for place in PLACES}
    texts = _hostile_data(project / "data", markers)
    result = subprocess.run([sys.executable, "-m", "scripts.build"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return project / "site", markers, texts


def test_the_payloads_are_live_when_given_to_jinja(tmp_path: Path):
    """Guards the guard: with the macros' functions in scope, Jinja does run these texts."""
    for block in (False, True):
        marker = tmp_path / f"live-{block}"
        jinja2.Environment().from_string(payload(marker, block)).render(data_file=macros.define_env)
        assert marker.exists()


@pytest.mark.parametrize("place", PLACES)
def test_hostile_text_is_shown_never_run(place: str, hostile_site):
    site, markers, texts = hostile_site
    assert not markers[place].exists(), f"the text in {place} was evaluated at build time"
    page, is_title = PLACES[place]
    text = texts[place]
    shown = html.unescape((site / page).read_text(encoding="utf-8"))
    assert text in shown
    if is_title:
        title = shown.split("<title>", 1)[1].split("</title>", 1)[0]
        assert text in title, title
        assert text in shown.split("<h1", 1)[1].split("</h1>", 1)[0], "the heading"
        lang = "en" if page.startswith("en/") else "vi"
        docs = json.loads((site / "search" / f"index.{lang}.json").read_text(encoding="utf-8"))["docs"]
        assert any(text in d["t"] for d in docs), "the title in the search index"


def test_group_title_shows_literally_in_the_navigation_of_every_page(hostile_site):
    site, _, texts = hostile_site
    for page in ("index.html", "plan/index.html", "indicators/group-3/index.html"):
        nav = html.unescape((site / page).read_text(encoding="utf-8")).split('class="md-nav__list"', 1)[1]
        assert texts["group-name"] in nav, page


def test_no_page_carries_the_result_of_an_evaluation(hostile_site):
    site, _, texts = hostile_site
    for page in site.rglob("*.html"):
        shown = html.unescape(page.read_text(encoding="utf-8"))
        assert "Tên 0 độc" not in shown and "Nhóm  hai" not in shown, page   # os.system returns 0


DEPT_LINE = line_of(DEPT, "- id: cuc-thong-ke")
REFUSED = [
    Case("department-id-closing-the-macro-call",
         replace(DEPT, "- id: cuc-thong-ke", "- id: 'x\") }}{{ data_file.__globals__.os.system(\"touch m\") }}{{ (\"'"),
         [Expect(DEPT, DEPT_LINE, "is not well formed", "không đúng dạng")]),
    Case("department-id-leaving-docs", replace(DEPT, "- id: cuc-thong-ke", "- id: ../../mkdocs"),
         [Expect(DEPT, DEPT_LINE, "is not well formed", "không đúng dạng")]),
    Case("source-id-with-markup", append(SRC, '"<script>x</script>":\n  publisher: X\n  title: Y\n'),
         [Expect(SRC, lines_in(SRC) + 2, "is not well formed", "không đúng dạng")]),
]


@pytest.mark.parametrize("case", REFUSED, ids=str)
def test_an_id_that_would_reach_a_file_name_or_macro_call_is_refused(case: Case, data_copy: Path, good_site):
    site, before = good_site
    check_refused(case, data_copy, site, before)
