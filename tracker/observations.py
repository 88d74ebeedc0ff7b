"""Observations: what was reported for one target row, one file per row, one line per period.

data/observations/2.1.csv — a CSV file a department can keep in a spreadsheet and that diffs line
by line in git. The file's name is the row id of the catalogue.
"""
from __future__ import annotations

import difflib
import math
import re
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import field_serializer, field_validator, model_validator

from .catalogue import Catalogue
from .periods import Period, PeriodError, parse_period
from .problems import Problems
from .schema import Strict, bilingual, validate
from .csvfile import read_csv
from .limits import MAX_NUMBER_DIGITS, plausible_range
from .targets import LEVEL_UNIT

COLUMNS = ("period", "value", "qualifier", "status", "status_basis", "source", "quote", "quote_en", "note_vi", "note_en",
           "break")
REQUIRED = ("period", "value", "status", "source")

# Maintainers may write the Vietnamese word; the data keeps one code.
STATUS_WORDS = {"chính thức": "official", "sơ bộ": "preliminary", "ước tính": "estimate", "theo nguồn tin": "reported"}
# Why a status was chosen. The status says what the source says, nothing more: "official" only for an official
# statistic, decision or report of a public body; "preliminary"/"estimate" only where the source says "sơ bộ" /
# "ước", "ước tính", "ước đạt"; otherwise "reported" (the source does not say whether it is official).
STATUS_BASES = {
    "official-statistic": "official", "official-decision": "official", "official-report": "official",
    "source-says-preliminary": "preliminary", "source-says-estimate": "estimate", "source-does-not-say": "reported",
}
QUALIFIER_WORDS = {"trên": ">", "dưới": "<", "khoảng": "~", "từ": ">=", "tối đa": "<="}
_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")
# "1.500" or "1,500": a Vietnamese or English thousands separator, or a decimal? Never guess.
_GROUPED = re.compile(r"-?\d{1,3}([.,])\d{3}")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


class Observation(Strict):
    indicator: str
    period: Period
    value: float
    qualifier: Literal["", ">", ">=", "<", "<=", "~"] = ""
    status: Literal["official", "preliminary", "estimate", "reported"]
    status_basis: str = ""
    source: str
    quote: str = ""
    quote_en: str = ""
    note_vi: str = ""
    note_en: str = ""
    series_break: str = ""

    @field_serializer("period")
    def _period_code(self, period: Period) -> str:
        return period.code

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, value: object, info) -> Period:
        if isinstance(value, Period):
            return value
        text = str(value or "").strip()
        if not text:
            raise bilingual("Thiếu kỳ báo cáo.", "The period is missing.", "Ví dụ: 2023 hoặc 2022-H1.",
                            "For example: 2023 or 2022-H1.")
        today = (info.context or {}).get("today")
        try:
            return parse_period(text, today)
        except PeriodError as err:
            raise bilingual(err.vi, err.en, err.hint_vi, err.hint_en) from None

    @field_validator("value", mode="before")
    @classmethod
    def _value(cls, value: object) -> float:
        if isinstance(value, (int, float)):
            return float(value)
        text = str(value or "").strip()
        if not text:
            raise bilingual("Thiếu giá trị.", "The value is missing.",
                            "Ghi con số, ví dụ 87.52.", "Write the number, e.g. 87.52.")
        grouped = _GROUPED.fullmatch(text)
        if grouped and text.lstrip("-").startswith("0"):   # 0.125 or 0,125: no thousands start with 0
            grouped = None
        if grouped:
            whole, fraction = text.replace(",", ".").split(".")
            raise bilingual(f"«{text}» có thể là {whole}{fraction} hoặc {whole},{fraction.rstrip('0') or '0'}: không rõ.",
                            f"“{text}” could be {whole}{fraction} or {whole}.{fraction.rstrip('0') or '0'}: it is ambiguous.",
                            f"Không dùng dấu phân cách hàng nghìn: viết {whole}{fraction} (nếu là số nghìn) "
                            f"hoặc {whole}.{fraction.rstrip('0') or '0'} (nếu là số thập phân).",
                            f"Write no thousands separator: {whole}{fraction} (thousands) "
                            f"or {whole}.{fraction.rstrip('0') or '0'} (a decimal).")
        if _DECIMAL_COMMA.fullmatch(text):
            fixed = text.replace(",", ".")
            raise bilingual(f"Dùng dấu chấm thập phân trong tệp dữ liệu: «{text}».",
                            f"Use a decimal point in data files: “{text}”.",
                            f"Viết {fixed} (trang web sẽ hiển thị {text}).", f"Write {fixed}.")
        if not _NUMBER.fullmatch(text):
            raise bilingual(f"«{text}» không phải là một con số.", f"“{text}” is not a number.",
                            "Chỉ ghi con số (không ghi %, chữ hay dấu phân cách hàng nghìn); ghi «trên», «khoảng» ở cột qualifier.",
                            "Write the number alone (no %, words or thousands separators); put “more than” etc. in the qualifier column.")
        digits = sum(c.isdigit() for c in text)
        number = float(text)
        if digits > MAX_NUMBER_DIGITS or not math.isfinite(number):
            raise bilingual(f"Số có {digits} chữ số: quá dài để chính xác.", f"The number has {digits} digits: too long to be exact.",
                            f"Ghi tối đa {MAX_NUMBER_DIGITS} chữ số, làm tròn như nguồn.",
                            f"Write at most {MAX_NUMBER_DIGITS} digits, rounded as the source rounds.")
        return number

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: object) -> str:
        text = str(value or "").strip()
        code = STATUS_WORDS.get(text.lower(), text.lower())
        if code not in STATUS_WORDS.values():
            raise _choice(text, STATUS_WORDS, "tình trạng", "status")
        return code

    @model_validator(mode="after")
    def _basis(self) -> "Observation":
        if not self.status_basis:
            return self
        if self.status_basis not in STATUS_BASES:
            raise bilingual(f"Căn cứ tình trạng «{self.status_basis}» không có trong danh sách.",
                            f"Unknown status basis “{self.status_basis}”.",
                            "Viết một trong: " + ", ".join(STATUS_BASES), "Write one of: " + ", ".join(STATUS_BASES),
                            value=self.status_basis)
        expected = STATUS_BASES[self.status_basis]
        if expected != self.status:
            fits = ", ".join(k for k, v in STATUS_BASES.items() if v == self.status)
            raise bilingual(f"Căn cứ «{self.status_basis}» không khớp với tình trạng «{self.status}».",
                            f"The basis “{self.status_basis}” does not fit the status “{self.status}”.",
                            f"Với tình trạng «{self.status}», viết: {fits}; hoặc đổi tình trạng thành «{expected}».",
                            f"With the status “{self.status}”, write: {fits}; or change the status to “{expected}”.",
                            value=self.status_basis)
        return self

    @field_validator("qualifier", mode="before")
    @classmethod
    def _qualifier(cls, value: object) -> str:
        text = str(value or "").strip()
        code = QUALIFIER_WORDS.get(text.lower(), text)
        if code not in ("", *QUALIFIER_WORDS.values()):
            raise _choice(text, QUALIFIER_WORDS, "từ định tính", "qualifier")
        return code

    @field_validator("source")
    @classmethod
    def _source(cls, value: str) -> str:
        if not value:
            raise bilingual("Thiếu nguồn. Mỗi số liệu phải có nguồn.", "The source is missing. Every figure needs one.",
                            "Ghi mã nguồn trong data/sources.yaml, hoặc thêm nguồn mới vào tệp đó.",
                            "Write a source id from data/sources.yaml, or add the source there first.")
        return value

    @model_validator(mode="after")
    def _range(self, info) -> "Observation":
        context = info.context or {}
        if context.get("percent") and not 0 <= self.value <= 100:
            raise bilingual(f"Tỉ lệ {self.value:g}% nằm ngoài khoảng 0–100.",
                            f"The percentage {self.value:g} is outside 0–100.",
                            "Ghi tỉ lệ phần trăm, ví dụ 87.52 cho 87,52%.", "Write a percentage, e.g. 87.52 for 87.52%.",
                            value=f"{self.value:g}")
        if context.get("range"):
            low, high, what_vi, what_en = context["range"]
            if not low <= self.value <= high:
                raise bilingual(f"{self.value:g} không hợp lý cho một {what_vi} (từ {low:g} đến {high:g}).",
                                f"{self.value:g} is implausible for a {what_en} (from {low:g} to {high:g}).",
                                "Kiểm tra đơn vị và dấu thập phân so với nguồn.",
                                "Check the unit and the decimal point against the source.", value=f"{self.value:g}")
        today = context.get("today") or date.today()
        if self.period.start > today:
            raise bilingual(f"Kỳ {self.period.code} chưa bắt đầu (hôm nay là {today.isoformat()}).",
                            f"The period {self.period.code} has not begun (today is {today.isoformat()}).",
                            "Chỉ ghi số liệu của kỳ đã bắt đầu; kiểm tra năm.",
                            "Only record figures for periods that have begun; check the year.",
                            value=self.period.code)
        return self


def _choice(text: str, words: dict[str, str], what_vi: str, what_en: str):
    """A wrong status or qualifier: list the Vietnamese words and the codes that are accepted."""
    pairs = ", ".join(f"«{word}» ({code})" for word, code in words.items())
    return bilingual(f"«{text}» không phải là {what_vi} được chấp nhận.", f"“{text}” is not an accepted {what_en}.",
                     f"Viết một trong: {pairs}.", f"Write one of: {pairs}.")


def _plausible(catalogue: Catalogue, indicator) -> tuple:
    """The range of a row's figures; a row in "Mức độ" whose target is a text (9.2, eliminate makeshift
    houses) reports counts, not levels."""
    unit = indicator.unit
    if unit == LEVEL_UNIT and indicator.parsed_target.operator != "level":
        unit = ""
    return plausible_range(unit, catalogue.is_per_10000(indicator))


def _split_decimal(header: list[str], row: list[str]) -> str | None:
    """"99,5" written without quotes: one cell too many, and the value and the next cell make a decimal."""
    if len(row) != len(header) + 1 or "value" not in header:
        return None
    at = header.index("value")
    joined = f"{row[at].strip()},{row[at + 1].strip()}"
    return joined if _DECIMAL_COMMA.fullmatch(joined) else None


def load_file(path: Path, catalogue: Catalogue, known_sources: dict, known_breaks: dict,
              problems: Problems, today: date | None = None) -> list[Observation]:
    indicator_id = path.stem
    ids = [i.id for i in catalogue.indicators]
    # A family's id (e.g. clean-water.csv) holds figures for the whole of a split indicator: shown beside
    # its breakdowns, never counted as one of them.
    if indicator_id not in ids and indicator_id not in catalogue.families:
        near = difflib.get_close_matches(indicator_id, ids + list(catalogue.families), n=1)
        problems.add(path, None, indicator_id,
                     f"Không có chỉ tiêu (hoặc dòng chia nhỏ, nhóm dòng) mã «{indicator_id}» trong danh mục.",
                     f"There is no indicator, breakdown row or family “{indicator_id}” in the catalogue.",
                     (f"Có phải ý bạn là «{near[0]}»? " if near else "") + "Đặt tên tệp theo mã dòng, ví dụ 2.1.csv.",
                     (f"Did you mean “{near[0]}”? " if near else "") + "Name the file after the row id, e.g. 2.1.csv.")
        return []
    members = ([catalogue.indicator(indicator_id)] if indicator_id in ids
               else [i for i in catalogue.indicators if i.family == indicator_id])
    is_percent = bool(members) and all(i.is_percent for i in members)
    table = read_csv(path, problems)
    if table is None:
        return []
    header_line, header, rows = table.header_line, table.header, table.rows
    bad = False
    for position, name in enumerate(header, start=1):
        if name not in COLUMNS:
            near = difflib.get_close_matches(name, COLUMNS, n=1)
            problems.add(path, header_line, name, f"Cột «{name}» không có trong mẫu.", f"Unknown column “{name}”.",
                         f"Có phải ý bạn là «{near[0]}»?" if near else "Các cột: " + ",".join(COLUMNS),
                         f"Did you mean “{near[0]}”?" if near else "The columns are: " + ",".join(COLUMNS),
                         column=position)
            bad = True
    for name in REQUIRED:
        if name not in header:
            problems.add(path, header_line, None, f"Thiếu cột «{name}».", f"The column “{name}” is missing.",
                         "Dòng đầu tiên phải là: " + ",".join(COLUMNS), "The first line must be: " + ",".join(COLUMNS))
            bad = True
    if bad:
        return []
    out: list[Observation] = []
    first_line: dict[str, int] = {}
    context = {"percent": is_percent, "today": today, "range": _plausible(catalogue, members[0]) if members else None}
    for line, row in rows:
        if len(row) != len(header):
            split = _split_decimal(header, row)
            if split:
                problems.add(path, line, split, f"Số «{split}» bị dấu phẩy tách thành hai ô.",
                             f"The number “{split}” was split in two cells by its comma.",
                             f"Viết {split.replace(',', '.')} (dấu chấm thập phân).", f"Write {split.replace(',', '.')}.",
                             column=header.index("value") + 1)
                continue
            problems.add(path, line, ",".join(row),
                         f"Dòng {line} có {len(row)} ô, dòng tiêu đề (dòng {header_line}) có {len(header)} cột.",
                         f"Line {line} has {len(row)} cells; the header (line {header_line}) has {len(header)} columns.",
                         "Đặt văn bản có dấu phẩy trong ngoặc kép \"…\".", "Put text containing commas in double quotes \"…\".")
            continue
        record = {name: cell.strip() for name, cell in zip(header, row)}
        record["series_break"] = record.pop("break", "")
        record["indicator"] = indicator_id
        observation = validate(Observation, record, file=path, problems=problems,
                               line_of=lambda _loc, line=line: line, context=context,
                               column_of=lambda loc: header.index(loc[0]) + 1 if loc and loc[0] in header else None)
        if observation is None:
            continue
        if observation.source in problems.refused:
            continue
        if observation.source not in known_sources:
            near = difflib.get_close_matches(observation.source, list(known_sources), n=1)
            problems.add(path, line, observation.source, f"Nguồn «{observation.source}» chưa có trong data/sources.yaml.",
                         f"The source “{observation.source}” is not in data/sources.yaml.",
                         f"Có phải ý bạn là «{near[0]}»?" if near else "Thêm nguồn vào data/sources.yaml trước.",
                         f"Did you mean “{near[0]}”?" if near else "Add the source to data/sources.yaml first.",
                         column=header.index("source") + 1)
            continue
        if observation.series_break in problems.refused:
            continue
        if observation.series_break and observation.series_break not in known_breaks:
            problems.add(path, line, observation.series_break, "Mã điểm gãy chuỗi không có trong data/breaks.yaml.",
                         "This series break is not in data/breaks.yaml.",
                         "Dùng một trong: " + ", ".join(known_breaks), "Use one of: " + ", ".join(known_breaks),
                         column=header.index("break") + 1)
            continue
        if observation.series_break:
            wrong_side = _wrong_side_of_break(observation, known_breaks[observation.series_break])
            if wrong_side:
                problems.add(path, line, observation.series_break, *wrong_side, column=header.index("break") + 1)
                continue
        code = observation.period.code
        if code in first_line:
            problems.add(path, line, code, f"Kỳ {code} đã có ở dòng {first_line[code]}.",
                         f"The period {code} is already on line {first_line[code]}.",
                         "Mỗi kỳ chỉ một dòng: sửa dòng cũ hoặc xóa một dòng.",
                         "One line per period: correct the earlier line or delete one.",
                         column=header.index("period") + 1)
            continue
        first_line[code] = line
        out.append(observation)
    return sorted(out, key=lambda o: o.period)


def _wrong_side_of_break(observation: Observation, series_break) -> tuple[str, str, str, str] | None:
    """A break dated D covers figures on one side of D only: the merged province's figures end on or after
    1/7/2025; a figure for an earlier period cannot carry that break (and the other way round)."""
    if series_break.date is None:
        return None
    end = observation.period.end
    after = series_break.side == "after"
    if (end >= series_break.date) == after:
        return None
    when_vi = "sau" if after else "trước"
    when_en = "after" if after else "before"
    day = series_break.date.isoformat()
    return (f"Kỳ {observation.period.code} nằm {'trước' if after else 'sau'} ngày {day} của điểm gãy chuỗi này.",
            f"The period {observation.period.code} ends {'before' if after else 'after'} this break's date, {day}.",
            f"Điểm gãy này chỉ gắn với số liệu có kỳ kết thúc {when_vi} ngày {day}: xóa mã ở cột break, hoặc sửa kỳ.",
            f"This break only applies to figures whose period ends {when_en} {day}: clear the break column, or "
            "correct the period.")


def load_observations(data_dir: Path, catalogue: Catalogue, sources: dict, breaks: dict,
                      problems: Problems, today: date | None = None) -> dict[str, list[Observation]]:
    folder = data_dir / "observations"
    found: dict[str, list[Observation]] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name == "README.md":
            continue
        if path.suffix != ".csv":
            problems.add(path, None, path.name, "Tệp số liệu phải có đuôi .csv.", "Observation files must end in .csv.",
                         "Đổi tên tệp, ví dụ 2.1.csv.", "Rename the file, e.g. 2.1.csv.")
            continue
        observations = load_file(path, catalogue, sources, breaks, problems, today)
        if observations:
            found[path.stem] = observations
    return found
