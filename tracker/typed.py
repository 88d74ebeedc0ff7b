"""Values as department staff type them into a spreadsheet, read into the data files' plain form.

Data files take only "99.5" (tracker/numbers.py, tracker/observations.py); people type "99,5",
"1.500", "99.5", "1.234,5" or " 2,8 ", and Excel stores "99,5 %" as 0.995 in a percent cell. This
module reads those habits and refuses what cannot be read without a guess, saying why in both languages.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_PLAIN = re.compile(r"-?\d+")
_DOT_DECIMAL = re.compile(r"-?\d+\.\d+")
_COMMA_DECIMAL = re.compile(r"-?\d+,\d+")
_VI_GROUPED = re.compile(r"-?[1-9]\d{0,2}(\.\d{3})+(,\d+)?")     # 1.500 / 1.234,5 (Vietnamese habit)
_EN_GROUPED = re.compile(r"-?[1-9]\d{0,2}(,\d{3})+(\.\d+)?")     # 1,234.5 (English habit)


@dataclass(frozen=True)
class Unreadable(Exception):
    """Why a typed value cannot be used, and what to type instead, in Vietnamese and English."""

    vi: str
    en: str
    hint_vi: str = ""
    hint_en: str = ""


def clean_text(value: object) -> str:
    """Text from a cell: NFC, no leading/trailing or doubled spaces (stray spaces are common)."""
    if value is None:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(value))).strip()


def read_number(value: object, percent_cell: bool = False) -> float:
    """A number as typed. `percent_cell`: Excel stored "99,5 %" as 0.995 (the cell's format has %)."""
    if isinstance(value, bool):
        raise Unreadable("Ô này phải là một con số.", "This cell must hold a number.")
    if isinstance(value, (int, float)):
        return float(value) * 100 if percent_cell else float(value)
    text = clean_text(value).replace(" ", "")
    if text.endswith("%"):
        text = text[:-1]
    if not text:
        raise Unreadable("Thiếu giá trị.", "The value is missing.", "Ghi con số, ví dụ 99,5.", "Write the number, e.g. 99,5.")
    if _PLAIN.fullmatch(text):
        return float(text)
    if _VI_GROUPED.fullmatch(text):
        return float(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"-?[1-9]\d{0,2},\d{3}", text):
        # "1,500": 1.5 written with a comma, or 1500 written the English way. Never guess.
        whole, fraction = text.split(",")
        raise Unreadable(f"«{text}» có thể là {whole}.{fraction} (một nghìn năm trăm) hoặc {whole},{fraction.rstrip('0')}: không rõ.",
                         f"“{text}” could be {whole}{fraction} or {whole}.{fraction.rstrip('0')}: it is ambiguous.",
                         f"Viết {whole}.{fraction} nếu là số nghìn, hoặc {whole},{fraction.rstrip('0')} nếu là số thập phân.",
                         f"Type {whole}.{fraction} for thousands (Vietnamese style) or {whole},{fraction.rstrip('0')} "
                         "for a decimal.")
    if _EN_GROUPED.fullmatch(text) and "." in text:
        return float(text.replace(",", ""))
    if _COMMA_DECIMAL.fullmatch(text) or _DOT_DECIMAL.fullmatch(text):
        return float(text.replace(",", "."))
    raise Unreadable(f"«{clean_text(value)}» không phải là một con số.", f"“{clean_text(value)}” is not a number.",
                     "Chỉ ghi con số, ví dụ 99,5 hoặc 1.500 (không ghi chữ); ghi «khoảng», «trên» vào cột Ghi chú.",
                     "Type the number alone, e.g. 99,5 or 1.500 (no words); put “about”, “more than” in the Notes column.")


def read_period(value: object) -> str:
    """A period cell: Excel turns 2023 into the number 2023.0; the data files want "2023"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if hasattr(value, "year") and hasattr(value, "month") and hasattr(value, "day"):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"   # a date cell: "as of" that day
    return clean_text(value).replace(" ", "")
