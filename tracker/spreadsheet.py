"""The department's Excel template: written from the model, read back as checked new figures.

Staff report in Excel. The template has one row per target the department follows (id, name, unit,
target and latest figure filled in and locked) and empty cells for the new figure; reading it back
checks every cell with the build's own Observation model and names the cell (C7) of each problem.
A filled template saved as CSV (semicolons and decimal commas under Vietnamese regional settings,
Windows-1258 text) is read the same way.
"""
from __future__ import annotations

import csv
import difflib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import formatting as fmt
from .model import Model
from .observations import STATUS_WORDS, Observation
from .problems import Problems
from .publish import FORMULA_START
from .schema import validate
from .typed import Unreadable, clean_text, read_number, read_period

# (key, Vietnamese header, width). The first five are filled in and locked; the rest are for staff.
COLUMNS = (("id", "Mã", 7), ("name", "Chỉ tiêu", 48), ("unit", "Đơn vị tính", 14), ("target", "Mục tiêu 2030", 16),
           ("latest", "Số liệu mới nhất", 26), ("period", "Kỳ báo cáo", 12), ("value", "Giá trị", 10),
           ("source", "Nguồn (mã)", 28), ("status", "Tình trạng", 14), ("note", "Ghi chú", 40))
LOCKED = 5
HEADER_ROW = 3
EXTRA_ROWS = 10          # unlocked rows for a second period of a target
SHEET, SOURCES_SHEET = "Số liệu", "Nguon"
_HEADER_KEYS = {clean_text(vi).lower(): key for key, vi, _ in COLUMNS}


def status_words() -> list[str]:
    """The Vietnamese words of the status drop-down, as the data loader accepts them."""
    return list(STATUS_WORDS)


def write_template(model: Model, department_id: str, path: Path) -> int:
    """Write the department's template; returns the number of target rows."""
    cat = model.catalogue
    dept = cat.department(department_id)
    rows = cat.of_department(department_id)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet["A1"] = f"Mẫu cập nhật số liệu — {dept.name_vi} ({dept.abbreviation_vi}) — Kế hoạch 219/KH-UBND"
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = ("Điền các ô trắng: Kỳ báo cáo (2024, 2025-H1, 2025-9M…), Giá trị (99,5 hoặc 1.500), Nguồn (chọn mã; "
                   "danh sách ở trang «Nguon»), Tình trạng (chọn). Các ô xám đã khóa. Kỳ thứ hai: dùng các dòng trống cuối bảng.")
    sheet["A2"].alignment = Alignment(wrap_text=False)
    grey = PatternFill("solid", fgColor="DDDDDD")
    for col, (_key, header, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(HEADER_ROW, col, header)
        cell.font = Font(bold=True)
        cell.fill = grey
        sheet.column_dimensions[get_column_letter(col)].width = width
    first = HEADER_ROW + 1
    for offset, ind in enumerate(rows):
        values = [ind.id, cat.display_name(ind, "vi"), cat.unit_text(ind, "vi"),
                  fmt.target_text(ind.parsed_target, ind.unit, "vi", ind.target_en), _latest(model, ind)]
        for col, value in enumerate(values, start=1):
            _as_text(sheet.cell(first + offset, col, value)).fill = grey
    last = first + len(rows) + EXTRA_ROWS - 1
    for row in range(first, last + 1):
        for col in range(LOCKED + 1, len(COLUMNS) + 1):
            cell = sheet.cell(row, col)
            cell.protection = Protection(locked=False)
            if COLUMNS[col - 1][0] in ("period", "value"):
                cell.number_format = "@"   # text: Excel must not turn "2022-H1" into a date or "1.500" into 1.5
    for row in range(first + len(rows), last + 1):
        sheet.cell(row, 1).protection = Protection(locked=False)
        sheet.cell(row, 1).number_format = "@"   # "10.10" must stay text, not become 10.1
    _validations(book, sheet, model, [i.id for i in rows], first, last, first + len(rows))
    sheet.freeze_panes = sheet.cell(first, 3)
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False   # staff may widen columns
    book.save(path)
    return len(rows)


def _as_text(cell):
    """Text from data stays text: openpyxl stores a string that begins with "=" as a formula, which Excel
    would run (formula injection); such a cell is stored as a string, shown with a hidden quote prefix."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _latest(model: Model, ind) -> str:
    """The last figure on record, with its period and, across a series break, the break's short name."""
    latest = model.latest(ind)
    if latest is None:
        return fmt.t("no_data", "vi")
    details = [fmt.period_text(latest.period, "vi")]
    if latest.series_break:
        details.append(model.breaks[latest.series_break].short_vi)
    return f"{fmt.value_text(latest.value, ind.unit, 'vi', latest.qualifier)} ({'; '.join(details)})"


def _validations(book: Workbook, sheet, model: Model, ids: list[str], first: int, last: int, extra: int) -> None:
    sources = book.create_sheet(SOURCES_SHEET)
    sources.append(["Mã nguồn", "Nơi công bố", "Tiêu đề hoặc địa chỉ", "Ngày"])
    for key, src in model.sources.items():
        sources.append([key, src.publisher, src.title or src.url or src.reference or "",
                        src.date.isoformat() if src.date else ""])
        for cell in sources[sources.max_row]:
            _as_text(cell)
    sources.column_dimensions["A"].width = 34
    sources.column_dimensions["B"].width = 40
    sources.protection.sheet = True
    col = {key: get_column_letter(i) for i, (key, _, _) in enumerate(COLUMNS, start=1)}
    rules = [
        (DataValidation(type="list", formula1=f"={SOURCES_SHEET}!$A$2:$A${len(model.sources) + 1}"), "source", first),
        (DataValidation(type="list", formula1='"' + ",".join(status_words()) + '"'), "status", first),
        (DataValidation(type="list", formula1='"' + ",".join(ids) + '"'), "id", extra),
    ]
    for rule, key, start in rules:
        rule.error = "Chọn một giá trị trong danh sách. / Choose a value from the list."
        rule.showErrorMessage = True
        sheet.add_data_validation(rule)
        if ids or key != "id":
            rule.add(f"{col[key]}{start}:{col[key]}{last}")


# --- reading a filled template ---------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """One new or corrected figure read from the template, checked by the build's Observation model."""

    row: int
    observation: Observation


def _csv_rows(path: Path) -> list[list[tuple[object, bool]]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1258", errors="replace")   # Excel's "CSV" under Vietnamese Windows is Windows-1258
    first = text.splitlines()[0] if text else ""
    delimiter = max((";", ",", "\t"), key=first.count)
    return [[(cell, False) for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_rows(path: Path) -> list[list[tuple[object, bool]]]:
    book = load_workbook(path, data_only=True)
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    return [[(c.value, "%" in (c.number_format or "")) for c in row] for row in sheet.iter_rows()]


def read_rows(path: Path) -> list[list[tuple[object, bool]]]:
    """Every row of the file as (value, is a percent cell) pairs, row 1 first."""
    return _csv_rows(path) if path.suffix.lower() in (".csv", ".txt") else _xlsx_rows(path)


def read_filled(path: Path, model: Model, problems: Problems) -> list[Entry]:
    """The figures staff filled in; every unreadable cell is a problem naming its cell."""
    try:
        rows = read_rows(path)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        problems.add(path, None, None, "Không mở được tệp (không phải .xlsx hoặc .csv, hoặc tệp hỏng).",
                     "The file cannot be opened (not .xlsx or .csv, or damaged).",
                     "Lưu lại từ Excel dạng «Sổ làm việc Excel (.xlsx)» hoặc «CSV UTF-8».",
                     "Save it again from Excel as “Excel Workbook (.xlsx)” or “CSV UTF-8”.")
        return []
    header_at = next((i for i, row in enumerate(rows[:15]) if row and clean_text(row[0][0]).lower() == "mã"), None)
    if header_at is None:
        problems.add(path, None, None, "Không thấy dòng tiêu đề «Mã | Chỉ tiêu | …» của mẫu.",
                     "The template's header row (“Mã | Chỉ tiêu | …”) was not found.",
                     "Dùng tệp do lệnh «template» tạo ra, không xóa dòng tiêu đề.",
                     "Use a file made by the “template” command and keep its header row.")
        return []
    columns = {_HEADER_KEYS.get(clean_text(v).lower()): i for i, (v, _) in enumerate(rows[header_at])}
    missing = [vi for key, vi, _ in COLUMNS[LOCKED:] if key not in columns] + (["Mã"] if "id" not in columns else [])
    if missing:
        problems.add(path, header_at + 1, None, "Thiếu cột: " + ", ".join(missing) + ".",
                     "Missing column(s): " + ", ".join(missing) + ".",
                     "Tạo lại mẫu bằng lệnh «template».", "Make the template again with the “template” command.")
        return []
    entries = []
    for number, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        cells = {key: row[i] if i < len(row) else (None, False) for key, i in columns.items() if key}
        entry = _read_row(path, number, cells, columns, model, problems)
        if entry is not None:
            entries.append(entry)
    return entries


def _read_row(path: Path, number: int, cells: dict, columns: dict, model: Model, problems: Problems) -> Entry | None:
    typed = {key: cells[key][0] for key in ("period", "value", "source", "status", "note")}
    if all(clean_text(v) == "" for v in typed.values()):
        return None   # a target with no new figure this time

    def add(key: str, value: object, vi: str, en: str, hint_vi: str = "", hint_en: str = "") -> None:
        problems.add(path, number, None if value is None else clean_text(value), vi, en, hint_vi, hint_en,
                     column=columns[key] + 1)

    ids = [i.id for i in model.catalogue.indicators]
    indicator_id = clean_text(cells["id"][0])
    if indicator_id not in ids:
        near = difflib.get_close_matches(indicator_id, ids, n=1)
        add("id", indicator_id, f"Không có chỉ tiêu mã «{indicator_id}».", f"There is no target “{indicator_id}”.",
            f"Có phải «{near[0]}»?" if near else "Chọn mã trong danh sách.",
            f"Did you mean “{near[0]}”?" if near else "Choose an id from the list.")
        return None
    indicator = model.catalogue.indicator(indicator_id)
    ok = True
    try:
        value = read_number(*cells["value"])
    except Unreadable as err:
        add("value", cells["value"][0], err.vi, err.en, err.hint_vi, err.hint_en)
        value, ok = 0.0, False
    status = clean_text(typed["status"]).lower()
    if status not in STATUS_WORDS:
        add("status", typed["status"], f"Tình trạng «{clean_text(typed['status'])}» không có trong danh sách.",
            f"The status “{clean_text(typed['status'])}” is not one of the list.",
            "Chọn: " + ", ".join(STATUS_WORDS), "Choose: " + ", ".join(STATUS_WORDS))
        ok = False
    source = clean_text(typed["source"])
    if source and source not in model.sources:
        near = difflib.get_close_matches(source, list(model.sources), n=1)
        add("source", source, f"Nguồn «{source}» chưa có trong danh sách nguồn.", f"The source “{source}” is not known.",
            (f"Có phải «{near[0]}»? " if near else "") + "Nguồn mới: thêm bằng lệnh «add-source» trước.",
            (f"Did you mean “{near[0]}”? " if near else "") + "A new source: add it with “add-source” first.")
        ok = False
    record = {"indicator": indicator_id, "period": read_period(typed["period"]), "value": value,
              "status": status if status in STATUS_WORDS else "official", "source": source,
              "note_vi": clean_text(typed["note"])}
    field_key = {"period": "period", "value": "value", "source": "source", "status": "status", "note_vi": "note"}
    checked = validate(Observation, record, file=path, problems=problems, line_of=lambda _loc: number,
                       context={"percent": indicator.is_percent},
                       column_of=lambda loc: columns[field_key.get(loc[0] if loc else "", "value")] + 1)
    return Entry(number, checked) if ok and checked is not None else None


def render_problems(problems: Problems) -> str:
    """Problems of a template named by cell (C7), as staff see it in Excel, in both languages."""
    out = [f"Tệp có {len(problems)} ô không đọc được; chưa ghi gì. / "
           f"The file has {len(problems)} cell(s) that cannot be read; nothing was written."]
    for p in problems.items:
        where = p.file + (f", ô / cell {get_column_letter(p.column)}{p.line}" if p.column and p.line else
                          f", dòng / row {p.line}" if p.line else "")
        value = f" «{p.value}»" if p.value else ""
        out.append(f"{where}:{value}\n  [vi] {p.message_vi}" + (f" → {p.hint_vi}" if p.hint_vi else "")
                   + f"\n  [en] {p.message_en}" + (f" → {p.hint_en}" if p.hint_en else ""))
    return "\n\n".join(out)
