"""The cheaper ways the build draws charts give the same files: the PNG rasterised from the SVG already
drawn is vl-convert's own PNG, at twice the size; the drawing font (a subset) draws what the full font would."""
from __future__ import annotations

import json
import shutil
import struct
from pathlib import Path

import pytest

from scripts.charts import Renderer
from tracker import charts
from tracker.model import build_model

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def breakdown_model(tmp_path_factory):
    from .conftest import DATA
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA, data)
    for path in (FIXTURES / "charts" / "observations").glob("*.csv"):
        shutil.copyfile(path, data / "observations" / path.name)
    return build_model(data)


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_png_from_the_svg_is_vl_converts_own_png(breakdown_model, tmp_path: Path, lang: str):
    spec = charts.spec(breakdown_model, breakdown_model.catalogue.indicator("10.1"), lang)
    renderer = Renderer(tmp_path)
    png = renderer.render(spec, lang, "png")
    assert renderer.stats.rendered == 1 and len(list(tmp_path.glob("*.svg"))) == 1  # the SVG is kept for the page
    svg = renderer.render(spec, lang, "svg").decode()
    assert renderer.stats.cached == 1
    width, height = (float(v) for v in (svg.split('width="')[1].split('"')[0], svg.split('height="')[1].split('"')[0]))
    assert _png_size(png) == (round(2 * width), round(2 * height))
    assert png == renderer.vlc.vegalite_to_png(spec, scale=2, format_locale=charts.number_locale(lang))


def test_layers_name_their_data_as_altair_would():
    from altair.vegalite.v6.api import _dataset_name  # Altair's own naming, which the spec keeps
    datasets = charts._Datasets()
    first, second = [{"date": "2020-07-01", "value": 1.5}], [{"value": 2.0, "label": "Mục tiêu"}]
    names = [datasets.named(records).name for records in (first, second, first)]
    assert names == [_dataset_name(first), _dataset_name(second), _dataset_name(first)]
    spec = {"layer": [{"data": {"name": names[1]}}, {"data": {"name": names[0]}}, {"data": {"name": names[1]}}]}
    assert list(datasets.used_by(spec).items()) == [(names[1], second), (names[0], first)]
    unused = datasets.named([{"value": 3.0}]).name
    assert unused not in datasets.used_by(spec)


def test_every_layer_of_a_spec_finds_its_data(breakdown_model):
    ind = breakdown_model.catalogue.indicator("10.1")
    for small in (False, True):
        spec = charts.spec(breakdown_model, ind, "vi", small=small)
        used = [layer["data"]["name"] for layer in spec["layer"]]
        assert set(used) == set(spec["datasets"]) and len(used) >= 4
        assert spec["datasets"][used[-1]] and all(r["series"] for r in spec["datasets"][used[-1]])


def test_two_series_changing_basis_at_once_get_one_rule():
    from types import SimpleNamespace

    def row(series: str, day: str, brk: str) -> dict:
        return {"date": day, "start": day, "end": day, "series": series, "break": brk, "context": False}
    model = SimpleNamespace(breaks={"old": SimpleNamespace(short_vi="chuẩn cũ", short_en="old standard", date=None)})
    data = [row(s, d, b) for s in ("Thành thị", "Nông thôn")
            for d, b in (("2019-07-01", "old"), ("2021-07-01", ""), ("2022-07-01", ""))]
    data.append({**row("Cả nước", "2018-07-01", "old"), "context": True})   # context figures draw no rule
    assert charts.breaks_of(model, data, "en") == [{"date": "2020-06-30", "label": "◂ old standard", "left": True}]


@pytest.mark.parametrize("small", [False, True])
def test_hand_assembled_layers_are_what_altairs_layer_chart_writes(breakdown_model, small: bool):
    import altair as alt
    from datetime import date
    projection = charts.Assessed(projection=charts.Projection(date(2024, 12, 31), 96.2, 99.4))
    spec = charts.spec(breakdown_model, breakdown_model.catalogue.indicator("10.1"), "vi", projection, small=small)
    again = alt.LayerChart.from_dict(spec).to_dict()   # validated against the schema, then written by Altair
    assert {k: v for k, v in again.items() if k != "config"} == {k: v for k, v in spec.items() if k != "config"}
    assert len(spec["layer"]) == (6 if small else 11)


def test_the_drawing_font_draws_what_the_served_font_would(built_site: Path):
    """vl-convert draws with the served Latin + Vietnamese subset of DejaVu Sans under a name of its own (faster:
    scripts/charts.py DRAWING_FAMILY). Every published chart, drawn again from its published spec with the full
    DejaVu Sans, is the same SVG and the same PNG: the subset covers the charts' text and measures it the same."""
    import vl_convert

    from scripts.charts import _register_fonts, slim_svg, unique_ids

    _register_fonts(vl_convert)
    specs = sorted((built_site / "charts").glob("*.vl.json"))
    assert len(specs) >= 20
    for path in specs:
        name = path.name.removesuffix(".vl.json")
        spec = json.loads(path.read_text(encoding="utf-8"))
        assert spec["config"]["font"] == charts.FONT
        full = vl_convert.vegalite_to_svg(spec, format_locale=charts.number_locale(name.rsplit(".", 1)[1]))
        published = (built_site / "charts" / f"{name}.svg").read_text(encoding="utf-8")
        assert slim_svg(unique_ids(full, f"c{name}")) == published, name
        assert vl_convert.svg_to_png(full, scale=2) == (built_site / "charts" / f"{name}.png").read_bytes(), name
