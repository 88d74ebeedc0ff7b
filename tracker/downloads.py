"""The downloads beside the published CSV contract: one CSV per target, an Excel workbook, JSON and a
Frictionless Data Package describing every file.

All of them are made from the two contract CSV files (tracker/publish.py), so they carry the same
rows and columns and cannot drift from them: the XLSX and JSON only give the cells their types
(numbers as numbers; ids such as "7.10" and periods such as "2020-10" as text, which Excel would
otherwise turn into a number and a date).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from datetime import datetime
from typing import TYPE_CHECKING

from .model import Model
from .publish import CODE_COLUMNS, indicators_csv, neutralise, observations_csv

if TYPE_CHECKING:
    from openpyxl import Workbook

NUMBER_COLUMNS = {"value", "target_value"}
# What each published column holds: (Vietnamese header, Vietnamese description, English description, type).
COLUMNS_DOC: dict[str, tuple[str, str, str, str]] = {
    "id": ("Mã chỉ tiêu", "Mã dòng chỉ tiêu trong phụ lục (nhóm.dòng), ví dụ 7.10; là chữ, không phải số.",
           "The target row's id in the appendix (group.row), e.g. 7.10; text, not a number.", "string"),
    "group": ("Nhóm", "Số thứ tự nhóm chỉ tiêu trong phụ lục.", "The number of the appendix group.", "string"),
    "name_vi": ("Tên chỉ tiêu (tiếng Việt)", "Tên chỉ tiêu như phụ lục ghi.", "The target's name as the appendix writes it.", "string"),
    "name_en": ("Tên chỉ tiêu (tiếng Anh)", "Tên chỉ tiêu bằng tiếng Anh (bản dịch không chính thức).",
                "The target's name in English (unofficial translation).", "string"),
    "unit": ("Đơn vị tính", "Đơn vị tính như phụ lục ghi.", "The unit as the appendix writes it.", "string"),
    "target_text": ("Mục tiêu 2030 (nguyên văn)", "Mục tiêu 2030 như phụ lục ghi.", "The 2030 target as the appendix writes it.", "string"),
    "target_operator": ("Loại mục tiêu", "<, <=, >, >=, =, level (mức độ) hoặc text (định tính).",
                        "<, <=, >, >=, =, level or text (qualitative).", "string"),
    "target_value": ("Giá trị mục tiêu", "Con số của mục tiêu; trống với mục tiêu định tính.",
                     "The target's number; empty for a qualitative target.", "number"),
    "agency_vi": ("Đơn vị phụ trách", "Đơn vị theo dõi, đánh giá chỉ tiêu (tiếng Việt).", "The responsible department, in Vietnamese.", "string"),
    "agency_en": ("Đơn vị phụ trách (tiếng Anh)", "Đơn vị phụ trách, tên tiếng Anh.", "The responsible department, in English.", "string"),
    "period": ("Kỳ", "Kỳ báo cáo: 2023, 2022-H1, 2025-9M, 2020-10 (tháng), 2025-05-31 (tính đến ngày), 2016-2020, ~2024, @2024-10-10; là chữ, không phải ngày.",
               "The reporting period: 2023, 2022-H1, 2025-9M, 2020-10 (a month), 2025-05-31 (as of a date), 2016-2020, ~2024, @2024-10-10; text, not a date.", "string"),
    "value": ("Giá trị", "Con số đã công bố.", "The published number.", "number"),
    "qualifier": ("Ghi kèm", "> (trên), < (dưới), ~ (khoảng) hoặc trống.", "> (more than), < (less than), ~ (about) or empty.", "string"),
    "status": ("Tình trạng số liệu", "official (chính thức), preliminary (sơ bộ), estimate (ước tính), reported (theo nguồn tin).",
               "official, preliminary, estimate or reported (the source does not say whether it is official).", "string"),
    "source": ("Nguồn", "Nguồn: đơn vị công bố; tiêu đề; ngày; địa chỉ.", "The source: publisher; title; date; address.", "string"),
    "note": ("Ghi chú", "Ghi chú bằng tiếng Việt; tên chỗ gián đoạn chuỗi trong ngoặc vuông.",
             "A note in Vietnamese; a series break named in square brackets.", "string"),
    "note_en": ("Ghi chú (tiếng Anh)", "Ghi chú bằng tiếng Anh.", "The note in English.", "string"),
    "break": ("Gián đoạn chuỗi", "Mã chỗ gián đoạn chuỗi (phương pháp hoặc địa giới) nếu có.",
              "The id of a series break (method or territory), if any.", "string"),
    "quote": ("Nguyên văn nguồn", "Câu nguyên văn của nguồn.", "The source's own sentence.", "string"),
    "source_url": ("Địa chỉ nguồn", "Địa chỉ trang web của nguồn.", "The address of the source.", "string"),
}
# Columns whose meaning depends on the table: in indicators.csv, "status" is the target's progress.
TABLE_DOC: dict[str, dict[str, tuple[str, str, str, str]]] = {"indicators": {
    "status": ("Tiến độ", "Tình trạng tiến độ: met, on_track, needs_acceleration, off_track, trend_unknown, undetermined, "
               "not_comparable, no_data, not_assessed (xem «Cách đánh giá tiến độ»).",
               "Progress status: met, on_track, needs_acceleration, off_track, trend_unknown, undetermined, not_comparable, "
               "no_data, not_assessed (see how progress is assessed).", "string"),
    "status_basis": ("Căn cứ đánh giá", "Các kỳ số liệu dùng để đánh giá, ví dụ 2018..2022-H1; recorded:<mã nguồn> khi là đánh giá của sở.",
                     "The periods of the comparable run used, e.g. 2018..2022-H1; recorded:<source id> for a department's assessment.",
                     "string"),
    "status_working_vi": ("Cách tính (tiếng Việt)", "Cách tính tình trạng tiến độ, bằng lời.", "The working, in Vietnamese.", "string"),
    "status_working_en": ("Cách tính (tiếng Anh)", "Cách tính tình trạng tiến độ, bằng tiếng Anh.", "The working, in English.", "string"),
}}


def column_doc(table: str, column: str) -> tuple[str, str, str, str]:
    """(Vietnamese header, Vietnamese description, English description, type) of one published column; a
    column added to the contract without a description here keeps its name (a test asks for the description)."""
    return TABLE_DOC.get(table, {}).get(column) or COLUMNS_DOC.get(column) or (column, "", "", "string")


SHEETS = {"indicators": ("chi_tieu", "Các chỉ tiêu", "The targets"),
          "observations": ("so_lieu", "Các số liệu", "The figures")}
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


_TABLES: dict[int, tuple[Model, dict]] = {}


def tables(model: Model) -> dict[str, tuple[list[str], list[dict[str, str]]]]:
    """The contract's two tables, parsed back from the published CSV text; made once per model, because every
    download (and each of the 61 target files) reads them: a per-target cost must not grow with the targets."""
    cached = _TABLES.get(id(model))
    if cached is None or cached[0] is not model:
        _TABLES.clear()
        cached = _TABLES[id(model)] = (model, {"indicators": _rows(indicators_csv(model)),
                                               "observations": _rows(observations_csv(model))})
    return cached[1]


def target_csvs(model: Model) -> dict[str, str]:
    """Each target's observations.csv rows (by the target's slug), written by the same CSV writer settings (same
    header); one pass over the rows, so that the cost stays linear in the number of figures."""
    columns, rows = tables(model)["observations"]
    by_id: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_id.setdefault(row["id"], []).append(row)
    found = {}
    for ind in model.catalogue.indicators:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(by_id.get(ind.id, []))
        found[ind.slug] = out.getvalue()
    return found


def typed(column: str, text: str) -> object:
    """A cell's value with its type: numbers as numbers, everything else as the text it is."""
    if column in NUMBER_COLUMNS:
        return float(text) if text != "" else None
    return text


def _sheet(book: Workbook, title: str, headers: list[str], columns: list[str], rows: list[dict]) -> None:
    from openpyxl.styles import Font

    sheet = book.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, column in enumerate(columns, start=1):
            value = typed(column, row[column])
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, str):
                # the CSV files' own guard (tracker/publish.py); validated codes stay exact
                cell.value = value if column in CODE_COLUMNS else neutralise(value)
                cell.data_type = "s"  # text, never a formula
                cell.number_format = "@"
            else:
                cell.value = value
    sheet.freeze_panes = "A2"


def xlsx(model: Model, stamp: datetime) -> bytes:
    """The workbook: each table twice (English contract headers; Vietnamese headers) and a sheet that
    describes every column. `stamp` is written as the file's date so equal data gives equal bytes."""
    from openpyxl import Workbook, styles   # imported when a workbook is made (~0.25 s), not by every build

    Font = styles.Font
    book = Workbook()
    book.remove(book.active)
    parsed = tables(model)
    for name, (columns, rows) in parsed.items():
        _sheet(book, name, columns, columns, rows)
        _sheet(book, SHEETS[name][0], [column_doc(name, c)[0] for c in columns], columns, rows)
    about = book.create_sheet("columns")
    about.append(["sheet", "column", "tên cột", "mô tả", "description", "type"])
    for name, (columns, _rows_) in parsed.items():
        for column in columns:
            header_vi, vi, en, kind = column_doc(name, column)
            about.append([f"{name} / {SHEETS[name][0]}", column, header_vi, vi, en, kind])
    for cell in about[1]:
        cell.font = Font(bold=True)
    book.properties.created = book.properties.modified = stamp.replace(tzinfo=None, microsecond=0)
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_zip(raw.getvalue(), stamp)


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _fixed_zip(data: bytes, stamp: datetime) -> bytes:
    """openpyxl stamps each zip entry, and the file's "modified" property, with the current time (it sets the
    property inside save()); fix both so that rebuilding equal data on another day gives equal bytes."""
    modified = stamp.replace(tzinfo=None, microsecond=0).isoformat().encode() + b"Z"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _MODIFIED.sub(rb"\g<1>" + modified + rb"\g<2>", body)
            dst.writestr(fixed, body)
    return out.getvalue()


def json_table(model: Model, name: str) -> str:
    """One table as a JSON list of records with the contract's keys; numbers as numbers, empty as null."""
    columns, rows = tables(model)[name]
    records = [{c: typed(c, row[c]) for c in columns} for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def _schema(table: str, columns: list[str]) -> dict:
    return {"fields": [{"name": c, "type": column_doc(table, c)[3], "title": column_doc(table, c)[0],
                        "description": column_doc(table, c)[2]} for c in columns],
            "missingValues": [""]}


def _file_facts(data: bytes) -> dict:
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def datapackage(model: Model, files: dict[str, bytes], site_url: str) -> str:
    """datapackage.json for the files written into data/ (relative path → bytes)."""
    parsed = tables(model)
    resources = []
    for path, data in sorted(files.items()):
        stem, _, ext = path.rpartition("/")[2].partition(".")
        if path.startswith("targets/"):
            table, name, title = "observations", f"target-{stem}", f"Target {stem.replace('-', '.')}"
        else:
            table, name, title = stem, f"{stem}-{ext}", SHEETS.get(stem, ("", "", stem))[2]
        resource = {"name": name, "path": path, "title": title, "format": ext,
                    "mediatype": {"csv": "text/csv", "json": "application/json",
                                  "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[ext],
                    "encoding": "utf-8", **_file_facts(data)}
        if ext == "xlsx":
            resource.pop("encoding")
            resource["dialect"] = {"excel": {"sheet": "observations"}}
            table = "observations"
        resource["schema"] = _schema(table, parsed[table][0])
        resources.append(resource)
    package = {
        "name": "plan219-kien-giang",
        "title": "Kế hoạch 219/KH-UBND tỉnh Kiên Giang: chỉ tiêu và số liệu / Plan 219/KH-UBND of Kiên Giang: targets and figures",
        "homepage": site_url,
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "resources": resources,
    }
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"


def published_files(model: Model, stamp: datetime, site_url: str) -> dict[str, bytes]:
    """Every download, by its path under data/ (datapackage.json last, describing the others)."""
    files = {"indicators.csv": indicators_csv(model).encode(), "observations.csv": observations_csv(model).encode(),
             "indicators.json": json_table(model, "indicators").encode(),
             "observations.json": json_table(model, "observations").encode(),
             "plan219.xlsx": xlsx(model, stamp)}
    for slug, text in target_csvs(model).items():
        files[f"targets/{slug}.csv"] = text.encode()
    files["datapackage.json"] = datapackage(model, files, site_url).encode()
    return files
