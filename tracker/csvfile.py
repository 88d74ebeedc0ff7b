"""Reading a maintainer's CSV file with explicit limits (tracker/limits.py), keeping each row's line.

Spreadsheets save CSV in several dialects: Excel with Vietnamese regional settings separates cells
with ";", some tools with a tab; both are read as they are meant. Line ends (CR, CR LF) are already
normalised by read_text. Every fault is a located problem, never an exception.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .limits import MAX_CSV_ROWS, MAX_FIELD_CHARS
from .problems import Problems
from .textfile import read_text


@dataclass
class CsvRows:
    header_line: int
    header: list[str]
    rows: list[tuple[int, list[str]]]    # (line, cells), blank lines left out


def _delimiter(first_line: str) -> str:
    """"," unless the header line has none and is clearly separated by ";" or a tab."""
    if "," in first_line:
        return ","
    for candidate in (";", "\t"):
        if candidate in first_line:
            return candidate
    return ","


def read_csv(path: Path, problems: Problems) -> CsvRows | None:
    text = read_text(path, problems)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text.split("\n", 1)[0]), strict=True)
    found: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            if any(len(cell) > MAX_FIELD_CHARS for cell in row):
                longest = max(len(cell) for cell in row)
                problems.add(path, line, f"{longest:,} ký tự / characters",
                             f"Một ô quá dài: tối đa {MAX_FIELD_CHARS} ký tự.",
                             f"A cell is too long: at most {MAX_FIELD_CHARS} characters.",
                             "Rút gọn văn bản (ghi chú dài để trong nguồn).", "Shorten the text (keep long notes in the source).")
                return None
            if any(cell.strip() for cell in row):
                found.append((line, row))
            if len(found) > MAX_CSV_ROWS + 1:
                problems.add(path, line, None,
                             f"Tệp có quá nhiều dòng: tối đa {MAX_CSV_ROWS} dòng số liệu (một dòng mỗi kỳ).",
                             f"The file has too many lines: at most {MAX_CSV_ROWS} lines of figures (one per period).",
                             "Giữ một dòng cho mỗi kỳ báo cáo; số liệu chi tiết hơn để trong nguồn.",
                             "Keep one line per reporting period; more detailed figures belong in the source.")
                return None
            line = reader.line_num + 1
    except csv.Error as err:
        problems.add(path, reader.line_num or line, None, f"Không đọc được CSV ({err}).", f"This is not valid CSV ({err}).",
                     "Kiểm tra dấu ngoặc kép: một ô có dấu phẩy phải nằm trọn trong \"…\", và \" bên trong viết thành \"\".",
                     "Check the double quotes: a cell with a comma must be wholly inside \"…\", with \" inside written \"\".")
        return None
    if not found:
        problems.add(path, None, None, "Tệp không có dòng nào.", "The file has no lines.",
                     "Ghi dòng tiêu đề và ít nhất một dòng số liệu, hoặc xóa tệp.",
                     "Write the header line and at least one data line, or delete the file.")
        return None
    header_line, header = found[0]
    header = [h.strip() for h in header]
    seen: dict[str, int] = {}
    for position, name in enumerate(header, start=1):
        if name and name in seen:
            problems.add(path, header_line, name, f"Cột «{name}» có hai lần (cột {seen[name]} và cột {position}).",
                         f"The column “{name}” appears twice (columns {seen[name]} and {position}).",
                         "Xóa một trong hai cột.", "Delete one of the two columns.", column=position)
            return None
        seen[name] = position
    return CsvRows(header_line, header, found[1:])
