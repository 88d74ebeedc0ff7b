"""The progress method, case by case, each result computed by hand (the working in the comments).

Hand-computed cases use calendar years that are not leap years: a year's midpoint, 2 July, is then
182/365 of the way through it, as is the target's date (mid-2030), so spans come out in whole years.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tracker.catalogue import Indicator
from tracker.model import build_model
from tracker.observations import Observation
from tracker.periods import parse_period
from tracker.problems import ValidationFailed
from tracker.progress import STATUSES, TARGET_DATE, assess, assess_all, counts, midpoint, verdict, years

from .conftest import DATA

SOURCE = "congdoan-kg-2022-06-29"


@pytest.fixture(scope="module")
def model():
    return build_model(DATA)


def row(target: str, direction: str | None = "higher", unit: str = "%", id: str = "2.1", family=None) -> Indicator:
    return Indicator(id=id, name_vi="Thử", name_en="Test", unit=unit, target=target, direction=direction,
                     department="cuc-thong-ke", family=family,
                     target_en=None if direction else "Test target")


def obs(period: str, value: float, qualifier: str = "", status: str = "official", series_break: str = "",
        id: str = "2.1") -> Observation:
    return Observation(indicator=id, period=period, value=value, qualifier=qualifier, status=status, source=SOURCE,
                       series_break=series_break)


def with_figures(model, *figures: Observation, id: str = "2.1"):
    return model.model_copy(update={"observations": {id: list(figures)}})


# --- comparing a figure with the target ------------------------------------------------------------
@pytest.mark.parametrize("figure,operator,target,expected", [
    (obs("2023", 3.0), "<", 3, False),      # strict comparator met exactly: 3.0 is not below 3
    (obs("2023", 2.99), "<", 3, True),
    (obs("2023", 3.0), "<=", 3, True),
    (obs("2023", 80), ">=", 80, True),       # a bare "80" means at least 80
    (obs("2023", 95), ">", 95, False),       # "> 95" at exactly 95 is not met
    (obs("2023", 72, ">"), ">=", 70, True),  # "trên 72" proves "≥ 70" met ...
    (obs("2023", 72, ">"), ">=", 75, None),  # ... but never proves "≥ 75" missed
    (obs("2023", 72, ">"), ">=", 72, True),
    (obs("2023", 95, ">"), ">", 95, True),   # more than 95 is above 95
    (obs("2023", 95, ">="), ">", 95, None),  # at least 95 might be exactly 95
    (obs("2023", 50, "<"), ">=", 80, False),  # "dưới 50" proves "≥ 80" missed
    (obs("2023", 3, "<"), "<", 3, True),
    (obs("2023", 3, "<="), "<", 3, None),
    (obs("2023", 64, "~"), ">", 80, False),  # "khoảng 64" is read as 64
])
def test_verdict_with_strict_comparators_and_bounds(figure, operator, target, expected):
    assert verdict(figure, operator, target) is expected


def test_periods_sit_at_their_midpoints():
    assert midpoint(parse_period("2022-H1")).isoformat() == "2022-04-01"
    assert midpoint(parse_period("2022-H2")).isoformat() == "2022-09-30"
    assert midpoint(parse_period("2023")).isoformat() == "2023-07-02"
    assert midpoint(parse_period("2025-9M")).isoformat() == "2025-05-17"
    assert midpoint(parse_period("2025-05-31")).isoformat() == "2025-05-31"
    assert midpoint(parse_period("2016-2020")).isoformat() == "2018-07-02"
    assert TARGET_DATE.isoformat() == "2030-07-02"  # the midpoint of 2030, where a yearly 2030 figure sits
    assert years(TARGET_DATE) - years(midpoint(parse_period("2023"))) == pytest.approx(7.0)


# --- statuses ----------------------------------------------------------------------------------------
def test_no_figure_is_no_data(model):
    result = assess(with_figures(model), row("< 3", "lower"))
    assert result.status == "no_data" and result.run == () and result.projected_2030 is None
    assert "No sourced figure" in result.working_en and "Chưa có số liệu" in result.working_vi


def test_one_point_below_target_gives_trend_unknown_and_says_what_would_help(model):
    result = assess(with_figures(model, obs("2023", 4.2)), row("< 3", "lower"))
    assert result.status == "trend_unknown" and len(result.run) == 1
    assert result.achieved_per_year is None and result.required_per_year is None
    assert "for example 2024" in result.working_en and "ví dụ năm 2024" in result.working_vi


def test_met(model):
    result = assess(with_figures(model, obs("2021", 3.5), obs("2023", 2.9)), row("< 3", "lower"))
    assert result.status == "met" and [o.value for o in result.run] == [3.5, 2.9]
    assert "meets the target (below 3%)" in result.working_en and "đạt mục tiêu (dưới 3\u00a0%)" in result.working_vi


def test_strict_target_met_exactly_is_not_met(model):
    # 3.0 is not below 3; from 3.4 (2021) to 3.0 (2023) is −0.2 a year; 7 years at −0.2 reach 1.6 < 3
    result = assess(with_figures(model, obs("2021", 3.4), obs("2023", 3.0)), row("< 3", "lower"))
    assert result.status == "on_track"
    assert result.achieved_per_year == pytest.approx(-0.2)
    assert result.projected_2030 == pytest.approx(1.6)
    assert result.required_per_year == pytest.approx(0.0)  # (3 − 3.0) / 7: the boundary itself must be crossed


def test_on_track(model):
    # 60 (2021) → 66 (2023): +3 a year; 7 years to mid-2030: 66 + 21 = 87 ≥ 80; needs (80 − 66) / 7 = 2
    result = assess(with_figures(model, obs("2021", 60), obs("2023", 66)), row("80"))
    assert result.status == "on_track"
    assert (result.achieved_per_year, result.required_per_year, result.projected_2030) == (
        pytest.approx(3), pytest.approx(2), pytest.approx(87))
    assert "+3 points a year" in result.working_en and "+2 points a year" in result.working_en
    assert "+3 điểm %/năm" in result.working_vi


def test_needs_acceleration(model):
    # 60 (2021) → 62 (2023): +1 a year; 62 + 7 = 69 < 80; needs (80 − 62) / 7 = 2.571…
    result = assess(with_figures(model, obs("2021", 60), obs("2023", 62)), row("80"))
    assert result.status == "needs_acceleration"
    assert result.projected_2030 == pytest.approx(69) and result.required_per_year == pytest.approx(18 / 7)
    assert "+2.57 points a year" in result.working_en and "+2,57 điểm %/năm" in result.working_vi


def test_off_track_when_moving_away_or_standing_still(model):
    # lower is better: 45 (2021) → 46 (2023) is +0.5 a year, away from "< 40"; 46 + 3.5 = 49.5
    away = assess(with_figures(model, obs("2021", 45), obs("2023", 46)), row("< 40", "lower"))
    assert away.status == "off_track" and away.projected_2030 == pytest.approx(49.5)
    assert away.required_per_year == pytest.approx(-6 / 7)
    still = assess(with_figures(model, obs("2021", 45), obs("2023", 45)), row("< 40", "lower"))
    assert still.status == "off_track" and still.achieved_per_year == 0


def test_zero_base_value_works_where_a_growth_rate_cannot(model):
    # CAGR from 0 is undefined (Open SDG replaces 0 by 0.001); per year: 0 → 10 in 2 years is +5; 10 + 35 = 45 < 50
    result = assess(with_figures(model, obs("2021", 0), obs("2023", 10)), row("50"))
    assert result.status == "needs_acceleration"
    assert result.achieved_per_year == pytest.approx(5) and result.projected_2030 == pytest.approx(45)


def test_change_of_sign(model):
    # −2 → 4 people in two years: +3 a year (a growth rate is "not available" across a sign change); 4 + 21 = 25 ≥ 10
    result = assess(with_figures(model, obs("2021", -2), obs("2023", 4)), row("10", unit="người"))
    assert result.status == "on_track"
    assert result.achieved_per_year == pytest.approx(3) and result.required_per_year == pytest.approx(6 / 7)


def test_hundred_percent_target_and_the_ceiling(model):
    # 99.9 does not meet "100"; 96 (2021) → 99.9 (2023) is +1.95 a year: 113.55 in 2030, shown as the ceiling 100
    result = assess(with_figures(model, obs("2021", 96), obs("2023", 99.9)), row("100"))
    assert result.status == "on_track" and result.projected_2030 == 100
    assert assess(with_figures(model, obs("2023", 100)), row("100")).status == "met"


def test_qualifier_bounds(model):
    assert assess(with_figures(model, obs("2023", 72, ">")), row("70")).status == "met"
    undecided = assess(with_figures(model, obs("2023", 72, ">")), row("75"))
    assert undecided.status == "undetermined"
    assert "only a bound, more than 72% (2023)" in undecided.working_en and "trên 72\u00a0%" in undecided.working_vi
    # a bound is not used for a trend: its exact value is unknown
    missed = assess(with_figures(model, obs("2023", 60), obs("2025", 50, "<")), row("80"))
    assert missed.status == "trend_unknown" and missed.achieved_per_year is None


def test_half_year_period_on_the_time_axis(model):
    # 2021-H1 sits at 1 April 2021, 2023-H1 at 1 April 2023: 2 years apart; 40 → 44 is +2 a year.
    # To mid-2030 (2 July): 7 years + 92 days = 7.2521 years; 44 + 2 × 7.2521 = 58.504 < 60
    result = assess(with_figures(model, obs("2021-H1", 40), obs("2023-H1", 44)), row("60"))
    left = 7 + 92 / 365
    assert result.status == "needs_acceleration"
    assert result.achieved_per_year == pytest.approx(2)
    assert result.projected_2030 == pytest.approx(44 + 2 * left)
    assert result.required_per_year == pytest.approx(16 / left)
    # two halves of one year are less than a year apart: no trend from them
    close = assess(with_figures(model, obs("2023-H1", 40), obs("2023-H2", 44)), row("60"))
    assert close.status == "trend_unknown"


def test_real_row_2_3_half_year_against_a_full_year(model):
    # 45.5 (2018, at 2 July 2018) → 45.3 (2022-H1, at 1 April 2022): 4 years − 92 days = 3.74795 years;
    # −0.2 / 3.74795 = −0.05336 a year; 8 years + 92 days to mid-2030 = 8.25205; needs (40 − 45.3) / 8.25205 = −0.64226;
    # 45.3 − 0.05336 × 8.25205 = 44.8596: right way, too slow
    result = assess(model, model.catalogue.indicator("2.3"))
    assert result.status == "needs_acceleration"
    assert result.achieved_per_year == pytest.approx(-0.2 / (4 - 92 / 365))
    assert result.required_per_year == pytest.approx(-5.3 / (8 + 92 / 365))
    assert result.projected_2030 == pytest.approx(44.8596, abs=1e-4)
    assert "From 45.5% (2018, as reported) to 45.3% (first half of 2022, as reported): −0.05 points a year" in result.working_en
    assert "needs −0.64 points a year" in result.working_en and "about 44.9%" in result.working_en
    assert "does not say whether" in result.working_en and "Nguồn không nói" in result.working_vi


def test_breaks_start_another_run(model):
    # the old poverty standard: not compared; the latest run is the one on the target's basis
    ind = row("< 2", "lower", id="5.2")
    data = with_figures(model, obs("2019", 2.69, series_break="poverty-standard-2016-2020", id="5.2"),
                        obs("2020-10", 1.91, series_break="poverty-standard-2016-2020", id="5.2"),
                        obs("2023", 2.5, id="5.2"), id="5.2")
    result = assess(data, ind)
    assert result.status == "trend_unknown" and [o.value for o in result.run] == [2.5]
    assert "2016–2020 poverty standard" in result.working_en and "not compared" in result.working_en
    # a newer figure for the merged province starts a new run, and the status says it rests on the older one
    merged = with_figures(model, obs("2023", 80), obs("2025-9M", 90, series_break="merger-an-giang-2025"))
    result = assess(merged, row("> 95"))
    assert result.status == "trend_unknown" and [o.value for o in result.run] == [80]
    assert "Merged An Giang: 90% (first nine months of 2025): a newer figure on another basis, starting a new run" in result.working_en
    assert "this status rests on the older run" in result.working_en
    # nothing on the target's basis at all
    only_old = with_figures(model, obs("2019", 2.69, series_break="poverty-standard-2016-2020", id="5.2"), id="5.2")
    assert assess(only_old, ind).status == "not_comparable"


def test_preliminary_estimate_and_approximate_periods_are_flagged(model):
    prelim = assess(with_figures(model, obs("2023", 2.5, status="preliminary")), row("< 3", "lower"))
    assert prelim.status == "met" and "preliminary" in prelim.working_en and "sơ bộ" in prelim.working_vi
    estimate = assess(with_figures(model, obs("2023", 2.5, status="estimate")), row("< 3", "lower"))
    assert "is an estimate;" in estimate.working_en
    reported = assess(with_figures(model, obs("2023", 2.5, status="reported")), row("< 3", "lower"))
    assert reported.status == "met" and "as reported" in reported.working_en
    assert "does not say whether the latest figure is official" in reported.working_en
    assert "theo nguồn tin" in reported.working_vi
    # a figure whose period is not stated meets a target, but never makes a trend
    undated = assess(with_figures(model, obs("2021", 60), obs("@2024-10-10", 62)), row("80"))
    assert undated.status == "trend_unknown" and "does not state the figure's period" in undated.working_en
    assert "for example 2022" in undated.working_en  # a year apart from the one figure with a stated period
    only_approximate = assess(with_figures(model, obs("~2016", 24.4)), row("80"))
    assert "Two figures on the same basis with their periods stated" in only_approximate.working_en


def test_family_level_figures_are_never_used_for_a_breakdown(model):
    # a figure for the whole of clean-water (rows 10.1 urban, 10.2 rural) is not a value of either row
    family_figure = obs("2023", 99, id="clean-water")
    data = model.model_copy(update={"observations": {}, "family_observations": {"clean-water": [family_figure]}})
    for row_id in ("10.1", "10.2"):
        result = assess(data, model.catalogue.indicator(row_id))
        assert result.status == "no_data" and result.run == ()
        assert "whole family of rows are not used" in result.working_en
    # with a row figure of its own, the row is assessed on that alone: 70 is not above 80, whatever the family says
    data = model.model_copy(update={"observations": {"10.2": [obs("2023", 70, id="10.2")]},
                                    "family_observations": {"clean-water": [family_figure]}})
    result = assess(data, model.catalogue.indicator("10.2"))
    assert result.status == "trend_unknown" and [o.value for o in result.run] == [70]


def test_level_and_qualitative_targets_are_not_assessed_by_code(model):
    level = assess(with_figures(model, obs("2023", 3, id="6.6"), id="6.6"), model.catalogue.indicator("6.6"))
    assert level.status == "not_assessed" and "level target" in level.working_en
    text = assess(model, model.catalogue.indicator("9.2"))
    assert text.status == "not_assessed" and "định tính" in text.working_vi


def test_a_recorded_assessment_is_used_with_its_source(data_copy: Path):
    (data_copy / "assessments.yaml").write_text(
        '- indicator: "6.6"\n  status: met\n  as_of: 2025-05-31\n  source: vietnam-vn-bhxh-2025\n'
        '  working_vi: Đạt mức độ 2.\n  working_en: Level 2 reached.\n', encoding="utf-8")
    model = build_model(data_copy)
    result = assess(model, model.catalogue.indicator("6.6"))
    assert result.status == "met" and "Level 2 reached." in result.working_en and "31/5/2025" in result.working_vi


@pytest.mark.parametrize("entry,words", [
    ('- indicator: "2.1"\n  status: met\n  as_of: 2025-05-31\n  source: vietnam-vn-bhxh-2025\n'
     '  working_vi: x\n  working_en: x\n', "numeric"),
    ('- indicator: "6.6"\n  status: met\n  as_of: 2025-05-31\n  source: nowhere\n  working_vi: x\n  working_en: x\n',
     "not in data/sources.yaml"),
    ('- indicator: "6.6"\n  status: great\n  as_of: 2025-05-31\n  source: vietnam-vn-bhxh-2025\n'
     '  working_vi: x\n  working_en: x\n', "not one of the allowed values"),
])
def test_bad_recorded_assessments_are_refused_with_the_line(data_copy: Path, entry, words):
    (data_copy / "assessments.yaml").write_text(entry, encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        build_model(data_copy)
    rendered = failed.value.problems.render()
    assert "assessments.yaml:" in rendered and words in rendered


def test_every_row_of_the_real_data_gets_a_known_status(model):
    found = assess_all(model)
    assert len(found) == 61 and {a.status for a in found.values()} <= set(STATUSES)
    assert sum(counts(found).values()) == 61
    assert all(a.working_vi and a.working_en for a in found.values())
    assert found["5.2"].status == "met" and [o.period.code for o in found["5.2"].run] == ["@2024-10-10"]
    assert found["4.4"].status == "needs_acceleration" and "Merged An Giang: 88%" in found["4.4"].working_en
    assert [o.period.code for o in found["4.4"].run] == ["2019-H1", "2025-05-31"]
    assert found["3.1"].status == "undetermined"


def test_recorded_assessment_fields_are_documented_in_their_file():
    from tracker.assessments import RECORDED_STATUSES, RecordedAssessment
    header = (DATA / "assessments.yaml").read_text(encoding="utf-8")
    assert all(f"{field}:" in header for field in RecordedAssessment.model_fields)
    assert all(status in header for status in RECORDED_STATUSES)
