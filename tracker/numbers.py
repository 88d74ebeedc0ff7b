"""Numbers as the plan writes them, and as maintainers must write them.

The plan writes Vietnamese numbers ("99,5", "1.500") but also "31.7"; data files must use a plain
dot decimal so that every tool reads them the same way. Both rules are here and nowhere else.
"""
from __future__ import annotations

import re

_PLAIN = re.compile(r"-?\d+(\.\d+)?")
_VI_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")


def parse_plan_number(text: str) -> float:
    """Read a number as printed in the plan: comma decimal, dot thousands ("1.500" = 1500).

    A dot followed by other than three digits ("31.7") can only be a decimal point.
    """
    text = text.strip()
    if _VI_THOUSANDS.fullmatch(text):
        return float(text.replace(".", ""))
    return float(text.replace(",", "."))


def parse_data_number(text: str) -> float | None:
    """A number in a data file: digits with an optional dot decimal; anything else is None."""
    text = text.strip()
    return float(text) if _PLAIN.fullmatch(text) else None


def plain(value: float | None) -> str:
    """The machine form used in published CSV files: a dot decimal, no trailing zeros."""
    if value is None:
        return ""
    return format(value, ".10g") if value != int(value) else str(int(value))
