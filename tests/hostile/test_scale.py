"""Class 9 — scale: a file over the row limit is refused up front (a 20,000-line file no longer passes
validation and then stalls MkDocs); a file at the limit and a data set 10× the real one are accepted.
Build times against size are measured by `python -m scripts.scale`, not here."""
from __future__ import annotations

from pathlib import Path

import pytest

from scripts.scale import long_file, scale_catalogue
from tracker.limits import MAX_CSV_ROWS, MAX_FILE_BYTES
from tracker.model import build_model

from .harness import Case, Expect, check_refused

OBS = "data/observations/2.1.csv"

CASES = [
    Case("twenty-thousand-lines", lambda d: long_file(d, 20_000),    # over both the size and the row limit
         [Expect(OBS, None, (f"at most {MAX_CSV_ROWS} lines", f"at most {MAX_FILE_BYTES:,} bytes"),
                 (f"tối đa {MAX_CSV_ROWS} dòng", "Tệp quá lớn"))], count=1),
    Case("one-line-over-the-limit", lambda d: long_file(d, MAX_CSV_ROWS + 1),
         [Expect(OBS, MAX_CSV_ROWS + 2, f"at most {MAX_CSV_ROWS} lines", f"tối đa {MAX_CSV_ROWS} dòng")], count=1),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_file_over_the_row_limit_is_refused_up_front(case: Case, data_copy: Path, good_site):
    site, before = good_site
    check_refused(case, data_copy, site, before)


def test_a_file_at_the_row_limit_is_accepted(data_copy: Path):
    long_file(data_copy, MAX_CSV_ROWS)
    assert len(build_model(data_copy).observations["2.1"]) == MAX_CSV_ROWS


def test_a_data_set_ten_times_the_real_one_is_accepted(data_copy: Path):
    figures = scale_catalogue(data_copy, times=10, years=15)
    model = build_model(data_copy)
    assert len(model.catalogue.indicators) == 610 and figures == 9150
    assert sum(len(v) for v in model.observations.values()) == figures
