"""Class 8 — published files are safe to open: a text cell of a published CSV that begins with =, +, -, @,
tab or CR is neutralised with a leading apostrophe (formula injection); numbers stay numbers. The tests
open the files that the build writes, as a spreadsheet's CSV import reads them."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from scripts.build import prepare
from tracker.model import build_model
from tracker.publish import FORMULA_START

from .harness import append, csv_text, row, set_field, write

OBS = "data/observations/2.1.csv"
SRC = "data/sources.yaml"
CAT = "data/catalogue/indicators.yaml"
DEPT = "data/catalogue/departments.yaml"

CASES = {
    "note-hyperlink": (write(OBS, csv_text(row(note_vi='=HYPERLINK("http://example.org/x","Bấm")'))),
                       '=HYPERLINK("http://example.org/x","Bấm")'),
    "note-dde-command": (write(OBS, csv_text(row(note_vi="+cmd|' /C calc'!A0"))), "+cmd|' /C calc'!A0"),
    "source-publisher-at-sign": (lambda d: (append(SRC, "at-source:\n  publisher: \"@SUM(1+1)*cmd\"\n  title: x\n")(d),
                                            write(OBS, csv_text(row(source="at-source")))(d)), "@SUM(1+1)*cmd"),
    "indicator-name-minus": (set_field(CAT, 'id: "2.1"', "name_en", "-2+3+cmd|calc"), "-2+3+cmd|calc"),
    "department-name-equals": (set_field(DEPT, "- id: cuc-thong-ke", "name_en", "=1+1"), "=1+1"),
}


def _published(data: Path, root: Path) -> dict[str, list[list[str]]]:
    (root / "docs").mkdir(parents=True)
    prepare(build_model(data), root)
    return {name: list(csv.reader(io.StringIO((root / "docs" / "data" / name).read_text(encoding="utf-8"))))
            for name in ("indicators.csv", "observations.csv")}


@pytest.mark.parametrize("case", CASES)
def test_formula_text_is_neutralised_in_the_published_csv(case: str, data_copy: Path, tmp_path: Path):
    apply, hostile = CASES[case]
    apply(data_copy)
    tables = _published(data_copy, tmp_path / "root")
    cells = [cell for table in tables.values() for line in table[1:] for cell in line]
    assert any(hostile in cell for cell in cells), "the hostile text is published (as text)"
    for cell in cells:
        if cell.startswith(FORMULA_START):
            float(cell)   # only a number may begin with "-" (or "+")
    assert any(cell.startswith("'" + hostile[0]) for cell in cells)


def test_negative_numbers_are_not_altered():
    from tracker.publish import neutralise
    assert neutralise("-3.5") == "-3.5" and neutralise("-x") == "'-x" and neutralise(4) == 4


XLSX_CASES = {
    "indicator-name": (set_field(CAT, 'id: "2.1"', "name_vi", "=2+3+cmd|calc"), "=2+3+cmd|calc"),
    "source-publisher": (append(SRC, 'eq-source:\n  publisher: "=HYPERLINK(\\"http://example.org\\")"\n  title: x\n'),
                         '=HYPERLINK("http://example.org")'),
    "source-title": (append(SRC, 'eq-title:\n  publisher: Báo\n  title: "=1+1"\n'), "=1+1"),
}


@pytest.mark.parametrize("case", XLSX_CASES)
def test_formula_text_stays_text_in_the_department_excel_template(case: str, data_copy: Path, tmp_path: Path):
    from openpyxl import load_workbook

    from tracker.spreadsheet import write_template

    apply, hostile = XLSX_CASES[case]
    apply(data_copy)
    write_template(build_model(data_copy), "cuc-thong-ke", tmp_path / "template.xlsx")
    book = load_workbook(tmp_path / "template.xlsx")
    cells = [cell for sheet in book.worksheets for line in sheet.iter_rows() for cell in line if cell.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a cell from data became a formula"
    assert any(c.value == hostile and c.data_type == "s" for c in cells), "the text is kept, as text"
