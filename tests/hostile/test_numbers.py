"""Class 4 — numbers are finite and plausible for their unit; 0.125 is a decimal, not "ambiguous thousands"."""
from __future__ import annotations

from pathlib import Path

import pytest

from tracker.limits import MAX_NUMBER_DIGITS
from tracker.model import build_model

from .harness import Case, Expect, check_refused, csv_text, line_of, replace, row, write

PERCENT = "data/observations/2.1.csv"     # unit %
AGE = "data/observations/7.1.csv"         # unit Tuổi (years of life)
RATE = "data/observations/7.3.csv"        # beds per 10,000 people
LEVEL = "data/observations/6.6.csv"       # unit Mức độ (a level)
CAT = "data/catalogue/indicators.yaml"

CASES = [
    Case("overflowing-exponent", write(PERCENT, csv_text(row(value="1e400"))),
         [Expect(PERCENT, 2, "is not a number", "không phải là một con số")]),
    Case("four-hundred-digits", write(AGE, csv_text(row(value="9" * 400))),
         [Expect(AGE, 2, "400 digits", "400 chữ số")]),
    Case("sixteen-digits", write(AGE, csv_text(row(value="74.12345678901234"))),
         [Expect(AGE, 2, f"at most {MAX_NUMBER_DIGITS} digits", f"tối đa {MAX_NUMBER_DIGITS} chữ số")]),
    Case("infinity", write(PERCENT, csv_text(row(value="inf"))),
         [Expect(PERCENT, 2, "is not a number", "không phải là một con số")]),
    Case("not-a-number", write(PERCENT, csv_text(row(value="nan"))),
         [Expect(PERCENT, 2, "is not a number", "không phải là một con số")]),
    Case("negative-percentage", write(PERCENT, csv_text(row(value="-3.5"))),
         [Expect(PERCENT, 2, "outside 0–100", "ngoài khoảng 0–100")]),
    Case("implausible-life-expectancy", write(AGE, csv_text(row(value="745"))),
         [Expect(AGE, 2, "implausible for a years of life", "không hợp lý cho một số năm tuổi")]),
    Case("implausible-rate-per-10000", write(RATE, csv_text(row(value="36400"))),
         [Expect(RATE, 2, "rate per 10,000 people", "tỉ suất trên 10.000 dân")]),
    Case("implausible-level", write(LEVEL, csv_text(row(value="45"))),
         [Expect(LEVEL, 2, "implausible for a level", "không hợp lý cho một mức độ")]),
    Case("target-of-four-hundred-digits", replace(CAT, 'target: "< 3"', f'target: "< {"9" * 400}"'),
         [Expect(CAT, line_of(CAT, 'target: "< 3"'), "too large", "quá lớn")]),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_implausible_number_is_refused(case: Case, data_copy: Path, good_site):
    site, before = good_site
    check_refused(case, data_copy, site, before)


@pytest.mark.parametrize("text, value", [("0.125", 0.125), ("-0.5", -0.5), ("0", 0.0), ("100", 100.0)])
def test_a_leading_zero_decimal_is_a_decimal(text: str, value: float, data_copy: Path):
    write(LEVEL if text == "-0.5" else PERCENT, csv_text(row(value=text)))(data_copy)
    if text == "-0.5":   # a level below zero is implausible: refused as such, not as "ambiguous"
        with pytest.raises(Exception, match="implausible"):
            build_model(data_copy)
        return
    assert build_model(data_copy).observations["2.1"][0].value == value


def test_a_level_row_with_a_text_target_reports_counts(data_copy: Path):
    """Row 9.2 is in "Mức độ" but its target is a text (eliminate makeshift houses): its figures are counts."""
    write("data/observations/9.2.csv", csv_text(row(value="1200")))(data_copy)
    assert build_model(data_copy).observations["9.2"][0].value == 1200
