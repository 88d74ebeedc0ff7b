"""The 2030 target of a row: the text as the plan writes it, and what it means.

"< 3" is a strict upper bound, "> 95" a strict lower bound; a bare number ("80", "100") is read as
"at least"; a number in the unit "Mức độ" is a level; anything else is a qualitative text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import parse_plan_number

OPERATORS = ("<", "<=", ">", ">=", "=", "level", "text")
_COMPARED = re.compile(r"(<=|>=|<|>|=)?\s*(\d[\d.,]*)")
LEVEL_UNIT = "Mức độ"


@dataclass(frozen=True)
class Target:
    text: str
    operator: str
    value: float | None

    @property
    def is_numeric(self) -> bool:
        return self.operator not in ("level", "text")


_SIGNS = {"≥": ">=", "≤": "<=", "⩾": ">=", "⩽": "<="}
# "=> 100", "=< 3", ">> 5", "≥= 5": a comparator mistyped; read neither as one nor as qualitative text.
_MISTYPED = re.compile(r"(=>|=<|>>|<<|≥=|≤=|>=>|<=<|!=|<>)\s*(\d[\d.,]*)")


def misread_comparator(text: str) -> str | None:
    """"≥ 100" for a target written "=> 100"; None if the text is not such a slip."""
    match = _MISTYPED.fullmatch(text.strip())
    if match is None:
        return None
    sign = {"=>": "≥", ">=>": "≥", "≥=": "≥", ">>": ">", "=<": "≤", "<=<": "≤", "≤=": "≤", "<<": "<"}.get(match[1])
    return f"{sign} {match[2]}" if sign else f"≥ {match[2]} / ≤ {match[2]}"


def parse_target(text: str, unit: str) -> Target:
    text = text.strip()
    match = _COMPARED.fullmatch(_SIGNS.get(text[:1], text[:1]) + text[1:] if text else text)
    if match is None:
        return Target(text, "text", None)
    operator, number = match.groups()
    value = parse_plan_number(number)
    if unit == LEVEL_UNIT:
        return Target(text, "level", value)
    return Target(text, operator or ">=", value)
