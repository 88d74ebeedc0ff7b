"""Reporting periods, written by maintainers in one short, sortable form.

  2023         a calendar year (or the year's end, for a stock such as coverage)
  2022-H1      first half of 2022 (H2: second half)
  2025-Q3      third quarter of 2025
  2025-9M      first nine months of 2025
  2020-10      a month
  2025-05-31   as of a date
  2016-2020    a multi-year period
  ~2024        around 2024: the source does not say the year exactly
  @2024-10-10  the period is not stated: the figure as published on that date
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

FIRST_PLAUSIBLE_YEAR = 2000

FORMS_VI = "2023, 2022-H1, 2025-Q3, 2025-9M, 2020-10, 2025-05-31, 2016-2020, ~2024 hoặc @2024-10-10"
FORMS_EN = "2023, 2022-H1, 2025-Q3, 2025-9M, 2020-10, 2025-05-31, 2016-2020, ~2024 or @2024-10-10"

_PATTERNS = {
    "year": re.compile(r"(\d{4})"),
    "half": re.compile(r"(\d{4})-H([12])"),
    "quarter": re.compile(r"(\d{4})-Q([1-4])"),
    "nine_months": re.compile(r"(\d{4})-9M"),
    "month": re.compile(r"(\d{4})-(\d{2})"),
    "date": re.compile(r"(\d{4})-(\d{2})-(\d{2})"),
    "range": re.compile(r"(\d{4})-(\d{4})"),
    "approx_year": re.compile(r"~(\d{4})"),
    "reported": re.compile(r"@(\d{4})-(\d{2})-(\d{2})"),
}


class PeriodError(ValueError):
    def __init__(self, vi: str, en: str, hint_vi: str = "", hint_en: str = ""):
        super().__init__(en)
        self.vi, self.en, self.hint_vi, self.hint_en = vi, en, hint_vi, hint_en


@dataclass(frozen=True, order=True)
class Period:
    end: date          # first: periods sort by the day they end
    start: date
    code: str
    kind: str

    @property
    def year(self) -> int:
        return self.end.year

    @property
    def approximate(self) -> bool:
        """The source does not state the period exactly."""
        return self.kind in ("approx_year", "reported")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str, today: date | None = None) -> Period:
    code = text.strip().upper()
    today = today or date.today()
    for kind, pattern in _PATTERNS.items():
        match = pattern.fullmatch(code)
        if match:
            break
    else:
        raise PeriodError(f"«{text}» không phải là một kỳ báo cáo.", f"“{text}” is not a reporting period.",
                          f"Viết {FORMS_VI}.", f"Write {FORMS_EN}.")
    numbers = [int(g) for g in match.groups()]
    year = numbers[0]
    try:
        if kind in ("year", "approx_year"):
            start, end = date(year, 1, 1), date(year, 12, 31)
        elif kind == "half":
            start, end = date(year, 1 + 6 * (numbers[1] - 1), 1), _month_end(year, 6 * numbers[1])
        elif kind == "quarter":
            start, end = date(year, 3 * numbers[1] - 2, 1), _month_end(year, 3 * numbers[1])
        elif kind == "nine_months":
            start, end = date(year, 1, 1), date(year, 9, 30)
        elif kind == "month":
            start, end = date(year, numbers[1], 1), _month_end(year, numbers[1])
        elif kind in ("date", "reported"):
            start = end = date(year, numbers[1], numbers[2])
        else:  # range
            if numbers[1] <= year:
                raise PeriodError(f"Năm cuối của khoảng «{text}» phải sau năm đầu.",
                                  f"The last year of “{text}” must come after the first.",
                                  "Ví dụ: 2016-2020.", "For example: 2016-2020.")
            start, end = date(year, 1, 1), date(numbers[1], 12, 31)
    except ValueError as err:
        if isinstance(err, PeriodError):
            raise
        raise PeriodError(f"«{text}» không phải là một ngày hoặc tháng có thật.",
                          f"“{text}” is not a real month or date.",
                          "Kiểm tra tháng (01–12) và ngày.", "Check the month (01–12) and the day.") from None
    for y in {start.year, end.year}:
        if not FIRST_PLAUSIBLE_YEAR <= y <= today.year:
            raise PeriodError(f"Năm {y} không hợp lý cho một số liệu đã báo cáo.",
                              f"The year {y} is implausible for a reported figure.",
                              f"Dùng một năm từ {FIRST_PLAUSIBLE_YEAR} đến {today.year}.",
                              f"Use a year from {FIRST_PLAUSIBLE_YEAR} to {today.year}.")
    if kind in ("date", "reported") and end > today:
        raise PeriodError(f"Ngày {text} nằm trong tương lai.", f"The date {text} is in the future.",
                          "Ghi ngày mà số liệu được tính đến.", "Write the date the figure stands at.")
    return Period(end=end, start=start, code=code if kind != "approx_year" else f"~{year}", kind=kind)
