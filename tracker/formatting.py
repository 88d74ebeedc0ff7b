"""Numbers, dates, periods and targets as a reader of each language expects them.

Babel does the locale work (99,5 and 1.500 in Vietnamese; 99.5 and 1,500 in English). Years are
never grouped ("2020", not "2.020"), and a value is rounded once here, before any page or chart sees it.
"""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

import yaml
from babel.dates import format_date
from babel.numbers import format_decimal

from .periods import Period
from .targets import Target

LANGUAGES = ("vi", "en")
NBSP = "\u00a0"
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@lru_cache(maxsize=1)
def _labels() -> dict[str, dict[str, str]]:
    return yaml.safe_load((Path(__file__).parent / "labels.yaml").read_text(encoding="utf-8"))


def t(key: str, lang: str) -> str:
    return _labels()[key][lang]


def rounded(value: float, digits: int = 2) -> Decimal:
    """Round half-up once (Babel alone would round half-to-even, a chart would round the binary float)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP).normalize()


@lru_cache(maxsize=8192)   # Babel's formatting is slow (~40 µs) and a build formats the same figures on many pages
def number(value: float, lang: str, digits: int = 2) -> str:
    return format_decimal(rounded(value, digits), locale=lang, format="#,##0.###")


def with_unit(text: str, unit: str, lang: str) -> str:
    """Percent: "99,5 %" in Vietnamese (a no-break space), "99.5%" in English; other units follow."""
    if unit == "%":
        return f"{text}{NBSP}%" if lang == "vi" else f"{text}%"
    return text


def value_text(value: float, unit: str, lang: str, qualifier: str = "") -> str:
    body = with_unit(number(value, lang), unit, lang)
    return f"{t('qualifier.' + qualifier, lang)} {body}" if qualifier else body


def target_text(target: Target, unit: str, lang: str, text_en: str | None = None) -> str:
    if target.operator == "text":
        return target.text if lang == "vi" else (text_en or target.text)
    if target.operator == "level":
        return f"{t('level', lang)} {number(target.value, lang)}"
    symbol = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "="}[target.operator]
    return f"{symbol}{NBSP}{with_unit(number(target.value, lang), unit, lang)}"


def target_meaning(target: Target, unit: str, lang: str) -> str:
    """In words, how the site reads the target: "< 3" is "below 3 %", "80" is "at least 80 %"."""
    if target.operator in ("text", "level"):
        return target_text(target, unit, lang)
    return f"{t('operator.' + target.operator, lang)} {with_unit(number(target.value, lang), unit, lang)}"


def date_text(day: date, lang: str) -> str:
    return f"{day.day}/{day.month}/{day.year}" if lang == "vi" else format_date(day, "d MMMM y", locale="en")


def period_text(period: Period, lang: str) -> str:
    vi = lang == "vi"
    year = str(period.year)
    if period.kind == "year":
        return year
    if period.kind == "approx_year":
        return f"khoảng năm {year}" if vi else f"around {year}"
    if period.kind == "half":
        first = period.start.month == 1
        if vi:
            return f"6 tháng {'đầu' if first else 'cuối'} năm {year}"
        return f"{'first' if first else 'second'} half of {year}"
    if period.kind == "quarter":
        quarter = (period.end.month) // 3
        return f"quý {_ROMAN[quarter]}/{year}" if vi else f"Q{quarter} {year}"
    if period.kind == "nine_months":
        return f"9 tháng đầu năm {year}" if vi else f"first nine months of {year}"
    if period.kind == "month":
        return f"tháng {period.end.month}/{year}" if vi else format_date(period.end, "MMMM y", locale="en")
    if period.kind == "reported":
        if vi:
            return f"không rõ kỳ (công bố ngày {date_text(period.end, lang)})"
        return f"period not stated (published {date_text(period.end, lang)})"
    if period.kind == "date":
        return f"tính đến {date_text(period.end, lang)}" if vi else f"as of {date_text(period.end, lang)}"
    return f"giai đoạn {period.start.year}–{year}" if vi else f"{period.start.year}–{year}"
