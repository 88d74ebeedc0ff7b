"""Class 7 — time is honest: no period of any form lies in the future of the build date; a series break
cannot be attached to a figure on the wrong side of its date; "=> 100" is not silently a text target."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker.model import build_model

from .harness import Case, Expect, check_refused, csv_text, line_of, replace, row, write

OBS = "data/observations/2.1.csv"
CAT = "data/catalogue/indicators.yaml"
TODAY = date.today()
NEXT = TODAY.year + 1
TOMORROW = TODAY + timedelta(days=1)
MONTH_AHEAD = (TODAY.replace(day=1) + timedelta(days=32)).strftime("%Y-%m")
FUTURE = (("has not begun", "implausible", "in the future"), ("chưa bắt đầu", "không hợp lý", "tương lai"))


def future(name: str, period: str) -> Case:
    return Case(f"future-{name}", write(OBS, csv_text(row("2022"), row(period))), [Expect(OBS, 3, *FUTURE)])


CASES = [
    future("year", str(NEXT)),
    future("half", f"{NEXT}-H1"),
    future("quarter", f"{NEXT}-Q1"),
    future("nine-months", f"{NEXT}-9M"),
    future("month", MONTH_AHEAD),
    future("date", TOMORROW.isoformat()),
    future("as-published-date", "@" + TOMORROW.isoformat()),
    future("range", f"{TODAY.year}-{NEXT}"),
    future("approximate-year", f"~{NEXT}"),
    Case("break-dated-after-the-figure", write(OBS, csv_text(row("2024", **{"break": "merger-an-giang-2025"}))),
         [Expect(OBS, 2, "ends before this break's date, 2025-07-01", "nằm trước ngày 2025-07-01")]),
    Case("target-written-=>", replace(CAT, 'target: "< 3"', 'target: "=> 3"'),
         [Expect(CAT, line_of(CAT, 'target: "< 3"'), "did you mean “≥ 3”", "có phải ý bạn là «≥ 3»")]),
    Case("target-written-=<", replace(CAT, 'target: "< 3"', 'target: "=< 3"'),
         [Expect(CAT, line_of(CAT, 'target: "< 3"'), "did you mean “≤ 3”", "có phải ý bạn là «≤ 3»")]),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_dishonest_time_is_refused(case: Case, data_copy: Path, good_site):
    site, before = good_site
    check_refused(case, data_copy, site, before)


@pytest.mark.parametrize("written, operator", [("≥ 3", ">="), ("≤3", "<="), ("> 3", ">")])
def test_a_target_with_a_comparator_sign_is_read_as_that_comparator(written: str, operator: str, data_copy: Path):
    replace(CAT, 'target: "< 3"', f'target: "{written}"')(data_copy)
    target = build_model(data_copy).catalogue.indicator("2.1").parsed_target
    assert (target.operator, target.value) == (operator, 3.0)


def test_the_current_year_may_be_reported_before_it_ends(data_copy: Path):
    write(OBS, csv_text(row(str(TODAY.year), status="estimate")))(data_copy)
    assert build_model(data_copy).observations["2.1"][0].period.code == str(TODAY.year)
