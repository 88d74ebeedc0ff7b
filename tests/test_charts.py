"""Charts: the spec built from a test model (tests/fixtures/charts: a breakdown with a break, a preliminary
figure, a lower bound; a projection given as the progress method would), rendered to SVG in both
languages with vl-convert; the text alternative; the render cache; level and qualitative displays."""
from __future__ import annotations

import html
import re
import shutil
import unicodedata
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import altair as alt
import pytest

from macros.charts import ChartBlocks
from scripts.charts import Renderer, render_charts, slim_svg
from tracker import charts
from tracker.model import build_model

from .conftest import FIXTURES

PROJECTION = charts.Assessed(projection=charts.Projection(date(2024, 12, 31), 96.2, 99.4),
                             status_vi="đúng hướng", status_en="on track")


@pytest.fixture
def breakdown_model(data_copy: Path):
    for path in (FIXTURES / "charts" / "observations").glob("*.csv"):
        shutil.copyfile(path, data_copy / "observations" / path.name)
    return build_model(data_copy)


@pytest.fixture(scope="module")
def renderer(tmp_path_factory) -> Renderer:
    return Renderer(tmp_path_factory.mktemp("chart-cache"))


def _texts(svg: str) -> list[str]:
    return [re.sub(r"[ \n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", t))).strip()
            for t in re.findall(r"<text[^>]*>(.*?)</text>", svg)]


def _marks(svg: str, kind: str, name: str) -> list[str]:
    """The SVG group drawn by one named layer of the spec."""
    return re.findall(rf'<g class="mark-{kind} role-mark {name}_marks"[^>]*>(.*?)</g>', svg)


@pytest.mark.parametrize("lang, words", [
    ("vi", {"target": ["Mục tiêu 2030 (Thành thị): ≥\u00a0100\u00a0%", "Mục tiêu 2030 (Nông thôn): >\u00a080\u00a0%"],
            "legend": ["sơ bộ", "ước tính", "chính thức", "giá trị tối thiểu («trên …»)", "Loại số liệu", "Thành thị",
                       "Nông thôn"],
            "break": "◂ chuẩn nghèo 2016–2020", "projection": "Dự báo 2030 theo xu hướng: 99,4\u00a0%",
            "figures": ["93,35\u00a0%", "trên 95\u00a0%", "64,4\u00a0%"],
            "title": "Tỉ lệ hộ gia đình được sử dụng nước sạch theo quy chuẩn"}),
    ("en", {"target": ["2030 target (Urban): ≥\u00a0100%", "2030 target (Rural): >\u00a080%"],
            "legend": ["preliminary", "estimate", "official", "lower bound (“more than …”)", "Kind of figure", "Urban",
                       "Rural"],
            "break": "◂ 2016–2020 poverty standard", "projection": "2030 projection from the trend: 99.4%",
            "figures": ["93.35%", "more than 95%", "64.4%"],
            "title": "Share of households using clean water"}),
])
def test_breakdown_chart_in_both_languages(breakdown_model, renderer, lang, words):
    ind = breakdown_model.catalogue.indicator("10.1")
    spec = charts.spec(breakdown_model, ind, lang, PROJECTION)
    alt.Chart.from_dict(spec)  # a valid Vega-Lite spec (the build skips this check for speed)
    svg = renderer.render(spec, lang, "svg").decode()
    texts = _texts(svg)
    joined = " ".join(texts)
    # one target rule per breakdown row, each labelled with its own comparator
    assert len(re.findall(r"<line ", _marks(svg, "rule", "target")[0])) == 2
    for label in words["target"]:
        assert label in texts
    for entry in words["legend"]:
        assert entry in texts, entry
    # the break: a dashed rule and its label; no line drawn across it (the urban series is two paths)
    assert 'stroke-dasharray="2,2"' in _marks(svg, "rule", "break")[0]
    assert words["break"] in texts
    lines = re.findall(r'figures_line_marks"[^>]*><path [^>]*stroke="([^"]+)"', svg)
    assert lines == [charts.COLOURS[0], charts.COLOURS[0], charts.COLOURS[1]]  # urban before, urban after, rural
    # the whole indicator's figures (data/observations/clean-water.csv) as their own labelled series
    assert ("Cả chỉ tiêu" if lang == "vi" else "Whole indicator") in texts
    # the projection: dashed and labelled
    assert 'stroke-dasharray="5,4"' in svg and words["projection"] in texts
    for figure in words["figures"]:
        assert figure in texts, figure
    assert words["title"] in joined
    assert 'font-family="DejaVu Sans"' in svg and 'font-weight="bold"' not in svg  # the one served font file
    # years are years in both languages: never "2.020" or "2,020"
    assert "2020" in texts and not re.search(r"\b2[.,]0[0-3]0\b", joined)
    if lang == "vi":
        assert unicodedata.is_normalized("NFC", svg)
        for word in ("Mục tiêu", "chính thức", "sơ bộ", "ước tính", "nước sạch", "Dự báo"):
            assert word in joined, word


def _drawn(element: ET.Element) -> list[tuple[str, str, dict[str, str]]]:
    """Every element in document order, with its text and attributes: what the SVG draws and says."""
    return [(e.tag, (e.text or "").strip(), dict(e.attrib)) for e in element.iter()]


@pytest.mark.parametrize("small", [False, True])
def test_slimmed_svg_draws_the_same(breakdown_model, renderer, small):
    """The published and inline SVG (slim_svg) has every element, text and colour of vl-convert's drawing, each
    coordinate rounded to 1/100 px; it loses only empty paths and attributes that draw nothing, and a third of its size."""
    spec = charts.spec(breakdown_model, breakdown_model.catalogue.indicator("10.1"), "vi", PROJECTION, small=small)
    drawn = renderer.render(spec, "vi", "svg").decode()
    slim = slim_svg(drawn)
    assert len(slim) < 0.7 * len(drawn)
    before = [e for e in _drawn(ET.fromstring(drawn))
              if not (e[0].endswith("path") and e[2].get("d") in ("M0,0h0v0h0Z", "") and e[2].get("pointer-events"))]
    after = _drawn(ET.fromstring(slim))
    assert len(before) == len(after) and before[0] == after[0]   # the root element kept whole
    dropped = {"class", "role", "aria-roledescription", "aria-hidden", "pointer-events"}
    for (tag, text, old), (new_tag, new_text, new) in zip(before, after):
        assert (tag, text) == (new_tag, new_text)
        assert set(old) - set(new) <= dropped | ({"opacity"} if old.get("opacity") == "1" else set())
        for name, value in new.items():
            numbers = [re.findall(r"-?\d+(?:\.\d+)?", v) for v in (old[name], value)]
            assert re.sub(r"-?\d+(?:\.\d+)?", "#", old[name]) == re.sub(r"-?\d+(?:\.\d+)?", "#", value), name
            assert all(abs(float(a) - float(b)) <= 0.0051 for a, b in zip(*numbers)), (name, old[name], value)


def test_frame_breaks_the_line_at_a_series_break(breakdown_model):
    data = charts.frame(breakdown_model, breakdown_model.catalogue.indicator("10.1"), "vi")
    urban = [r for r in data if r["series"] == "Thành thị"]
    assert len({r["segment"] for r in urban}) == 2
    assert [r["value"] for r in urban] == [91.5, 93.35, 95.0, 96.2]
    rules = charts.breaks_of(breakdown_model, data, "vi")
    assert [r["date"] for r in rules] == ["2020-07-01"]  # between the 2019 and 2021 figures


def test_text_alternative_says_latest_value_target_and_status(breakdown_model):
    ind = breakdown_model.catalogue.indicator("10.1")
    assert charts.alt_text(breakdown_model, ind, "vi", PROJECTION) == (
        "Tỉ lệ hộ gia đình được sử dụng nước sạch theo quy chuẩn — Thành thị; số liệu mới nhất 96,2\u00a0% (2024); "
        "mục tiêu 2030 ≥\u00a0100\u00a0%; tình trạng: đúng hướng.")
    assert charts.alt_text(breakdown_model, ind, "en").startswith(
        "Share of households using clean water that meets the national standard — Urban; latest figure 96.2% (2024); "
        "2030 target ≥\u00a0100%")


def test_rows_without_figures_or_numeric_target_get_no_chart(breakdown_model):
    cat = breakdown_model.catalogue
    assert charts.has_chart(breakdown_model, cat.indicator("10.1"))
    bare = next(i for i in cat.indicators if i.parsed_target.is_numeric and not breakdown_model.observations_of(i))
    assert not charts.has_chart(breakdown_model, bare)   # no figures
    assert not charts.has_chart(breakdown_model, cat.indicator("6.6"))   # a level target


def test_rendering_is_cached_by_content(data_copy: Path, tmp_path: Path):
    model = build_model(data_copy)
    cold = render_charts(model, tmp_path)
    assert cold.charts >= 2 and cold.rendered == 3 * cold.charts and cold.cached == 0
    warm = render_charts(model, tmp_path)
    assert warm.rendered == 0 and warm.cached == cold.rendered
    # one changed figure: only that row's charts are drawn again, in both languages
    csv = data_copy / "observations" / "5.2.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(",1.28,", ",1.27,"), encoding="utf-8")
    changed = render_charts(build_model(data_copy), tmp_path)
    assert changed.rendered == 3 * 2 and changed.cached == cold.rendered - 6
    assert "1,27" in (tmp_path / "charts" / "5-2.vi.svg").read_text(encoding="utf-8")
    out = tmp_path / "charts"
    for lang in ("vi", "en"):
        for ext in ("svg", "png", "vl.json", "small.svg"):
            assert (out / f"5-2.{lang}.{ext}").is_file()
        png = (out / f"5-2.{lang}.png").read_bytes()
        width = int.from_bytes(png[16:20], "big")
        svg_width = int(re.search(r'width="(\d+)"', (out / f"5-2.{lang}.svg").read_text()).group(1))
        assert width == 2 * svg_width  # twice the screen size, for print
    bare = next(i for i in model.catalogue.indicators if not model.observations_of(i))
    assert not list(out.glob(f"{bare.slug}.*"))
    # a row's files missing or changed by hand outside the manifest's knowledge: missing ones are written again
    (out / "5-2.en.png").unlink()
    again = render_charts(build_model(data_copy), tmp_path)
    assert again.rendered == 0 and (out / "5-2.en.png").read_bytes() == png


def test_level_and_qualitative_targets_get_a_ladder_and_a_checklist(data_copy: Path, tmp_path: Path):
    for path in (FIXTURES / "charts" / "levels").glob("*.csv"):
        shutil.copyfile(path, data_copy / "observations" / path.name)
    model = build_model(data_copy)
    blocks = ChartBlocks(model, tmp_path)
    level, qualitative = model.catalogue.indicator("6.6"), model.catalogue.indicator("9.2")
    assert not charts.has_chart(model, level) and not charts.has_chart(model, qualitative)
    ladder = blocks.figure(level, "vi", "indicators/6-6.vi.md")
    assert '<ol class="level-ladder" reversed' in ladder and "<svg" not in ladder
    steps = re.findall(r"<li[^>]*>(.*?)</li>", ladder)
    assert steps == ["Mức độ 2 — Mục tiêu 2030", "Mức độ 1 — số liệu mới nhất (2024)"]
    checklist = blocks.figure(qualitative, "en", "indicators/9-2.en.md")
    items = re.findall(r"<li[^>]*>(.*?)</li>", checklist)
    assert items == ["2030 target: Completely eliminated", "2024: 350 (estimate)", "2023: 1,200 (official)"]


def test_a_chart_is_spliced_in_after_conversion_and_only_from_the_charts_folder(breakdown_model, tmp_path: Path):
    """The macros write a placeholder that Markdown leaves alone; the hook puts the SVG there. A placeholder names
    a file of the charts folder only (no "/", no ".."), so a page cannot pull in anything else."""
    charts_dir = tmp_path / "charts"
    charts_dir.mkdir()
    ind = next(i for i in breakdown_model.catalogue.indicators if charts.has_chart(breakdown_model, i))
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>Tỷ lệ</text></svg>'
    (charts_dir / f"{ind.slug}.vi.svg").write_text(svg, encoding="utf-8")
    (tmp_path / "secret.svg").write_text("<svg>secret</svg>", encoding="utf-8")
    blocks = ChartBlocks(breakdown_model, charts_dir)
    figure = blocks.figure(ind, "vi", f"indicators/{ind.slug}.vi.md")
    assert "<svg" not in figure and f"<!--plan219-svg {ind.slug}.vi.svg-->" in figure
    assert svg in blocks.splice(figure)
    for name in ("../secret.svg", "..svg", "a/../../secret.svg", "missing.svg"):
        placeholder = f"<!--plan219-svg {name}-->"
        assert "<svg>secret" not in blocks.splice(placeholder)
        assert blocks._svg(name) is None
