"""The second reading of the figures (issue 6): honest status words, figures for a whole split indicator,
context that never enters a series, and breaks that only attach to figures on their side of the date."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tracker.model import build_model
from tracker.problems import ValidationFailed

from .conftest import DATA


def _text(page: Path) -> str:
    body = page.read_text(encoding="utf-8")
    body = body[body.index("<article"):body.index("</article>")]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture(scope="module")
def model():
    return build_model(DATA)


def test_a_family_figure_belongs_to_the_family_never_to_a_breakdown(model):
    urban, rural = model.catalogue.indicator("10.1"), model.catalogue.indicator("10.2")
    assert model.observations_of(urban) == [] and model.observations_of(rural) == []
    assert model.headline(rural) == (None, None)
    whole = model.family_observations["clean-water"]
    assert [(o.period.code, o.value) for o in whole] == [("~2024", 64.4)]
    assert model.family_observations_of(urban) == model.family_observations_of(rural) == whole


@pytest.mark.parametrize("lang,prefix,words", [
    ("vi", "", ("Toàn tỉnh, không chia nhỏ: 64,4 %", "Chưa có số liệu")),
    ("en", "en/", ("Whole province, not split: 64.4%", "No data yet")),
])
def test_the_family_figure_shows_on_both_breakdowns_and_the_group_page(built_site: Path, lang, prefix, words):
    whole, none = words
    for page in ("indicators/10-1", "indicators/10-2"):
        text = _text(built_site / prefix / page / "index.html")
        assert none in text, page          # the row itself has no figure …
        assert whole.split(": ")[1] in text, page  # … and the whole province's is shown beside it
    group = _text(built_site / prefix / "indicators" / "group-10" / "index.html")
    assert group.count(whole) == 2


def test_context_figures_are_labelled_and_never_in_a_series(model, built_site: Path):
    for row, figures in model.context.items():
        series = model.observations.get(row, []) + model.family_observations.get(row, [])
        for figure in figures:
            assert all((o.value, o.source) != (figure.value, figure.source) for o in series), (row, figure)
    page = _text(built_site / "indicators" / "9-1" / "index.html")
    assert "Mục tiêu riêng của tỉnh" in page and "3.500" in page and "Chưa có số liệu" in page
    page = _text(built_site / "en" / "indicators" / "2-1" / "index.html")
    assert "Vietnam as a whole" in page and "2.32%" in page


def test_every_figure_says_why_its_status_was_chosen(model):
    for series in list(model.observations.values()) + list(model.family_observations.values()):
        for obs in series:
            assert obs.status_basis, (obs.indicator, obs.period.code)
    # "official" only for a public body's statistic, decision or report.
    official = {(o.indicator, o.period.code) for s in model.observations.values() for o in s if o.status == "official"}
    assert official == {("4.1", "2025-05-31"), ("4.3", "2025-05-31"), ("4.4", "2019-H1"), ("4.4", "2025-05-31"),
                        ("5.2", "2020-10")}


def _write(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


HEADER = "period,value,qualifier,status,status_basis,source,quote,quote_en,note_vi,note_en,break"


def test_a_break_cannot_attach_to_a_figure_before_its_date(data_copy: Path):
    _write(data_copy / "observations" / "4.4.csv", [
        HEADER,
        "2024,85,,reported,source-does-not-say,vietnam-vn-bhxh-2025,,,,,merger-an-giang-2025",
        "2025-9M,88,,reported,source-does-not-say,laodong-an-giang-2025-9m,,,,,merger-an-giang-2025",
    ])
    with pytest.raises(ValidationFailed) as failed:
        build_model(data_copy)
    problems = failed.value.problems.items
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.line, problem.column) == ("data/observations/4.4.csv", 2, 11)
    assert "2025-07-01" in problem.message_en and "2025-07-01" in problem.message_vi
    assert "clear the break column" in problem.hint_en


def test_a_status_basis_must_fit_the_status(data_copy: Path):
    _write(data_copy / "observations" / "2.1.csv", [
        HEADER,
        "2022-H1,3.95,,official,source-does-not-say,congdoan-kg-2022-06-29,,,,,",
        "2023,3.1,,theo nguồn tin,official-report,congdoan-kg-2022-06-29,,,,,",
        "2024,3.0,,reported,because-i-say-so,congdoan-kg-2022-06-29,,,,,",
    ])
    with pytest.raises(ValidationFailed) as failed:
        build_model(data_copy)
    problems = failed.value.problems.items
    assert [p.line for p in problems] == [2, 3, 4]
    assert "does not fit the status" in problems[0].message_en and "reported" in problems[0].hint_en
    assert "không khớp" in problems[1].message_vi
    assert "Unknown status basis" in problems[2].message_en and "source-does-not-say" in problems[2].hint_en


def test_context_must_name_a_known_row_and_source(data_copy: Path):
    (data_copy / "context.yaml").write_text(
        "- row: \"99.1\"\n  kind: national\n  label_vi: a\n  label_en: a\n  value: 1\n  source: sggp-107685\n"
        "- row: \"2.1\"\n  kind: national\n  label_vi: b\n  label_en: b\n  value: 1\n  source: nowhere\n"
        "- row: \"2.1\"\n  kind: guess\n  label_vi: c\n  label_en: c\n  source: sggp-107685\n",
        encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        build_model(data_copy)
    found = {(p.line, p.value) for p in failed.value.problems.items}
    assert (1, "99.1") in found and (12, "nowhere") in found and any(line == 14 for line, _ in found)


def test_a_refused_source_cited_by_context_is_one_error_not_two(data_copy: Path):
    """The source's own error (a bad address) is enough; the context entry citing it adds no "unknown source"."""
    with (data_copy / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write("bad-address:\n  publisher: X\n  url: javascript:alert(1)\n")
    (data_copy / "context.yaml").write_text(
        "- row: \"2.1\"\n  kind: national\n  label_vi: a\n  label_en: a\n  value: 1\n  source: bad-address\n",
        encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        build_model(data_copy)
    problems = failed.value.problems.items
    assert len(problems) == 1 and problems[0].file == "data/sources.yaml", failed.value.problems.render()
