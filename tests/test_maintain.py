"""The maintainers' tool, used as department staff would: template → filled in Excel → import.

Test data lives here and in a private copy of data/; nothing of it is published.
"""
from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scripts.maintain import main
from tracker.formatting import t
from tracker.model import build_model
from tracker.observations import STATUS_WORDS
from tracker.spreadsheet import SHEET
from tracker.typed import Unreadable, read_number

SOURCE = "vietnam-vn-bhxh-2025"   # any known source id; the figures below are test data


@pytest.mark.parametrize("typed, percent_cell, expected", [
    ("99,5", False, 99.5), ("1.500", False, 1500), ("99.5", False, 99.5), (0.995, True, 99.5),
    (" 2,8 ", False, 2.8), ("1.234,5", False, 1234.5), ("1,234.5", False, 1234.5), ("0.995", False, 0.995),
    ("87,52 %", False, 87.52), (36, False, 36), ("75\u00a0,5", False, 75.5)])
def test_numbers_are_read_as_staff_type_them(typed, percent_cell, expected):
    assert read_number(typed, percent_cell) == pytest.approx(expected)


@pytest.mark.parametrize("typed", ["1,500", "khoảng 96", "", "9,5,1", True])
def test_numbers_that_need_a_guess_are_refused(typed):
    with pytest.raises(Unreadable) as err:
        read_number(typed)
    assert err.value.vi and err.value.en


def _template(data: Path, tmp_path: Path, dept: str = "so-y-te") -> Path:
    out = tmp_path / f"{dept}.xlsx"
    assert main(["--data", str(data), "template", dept, "-o", str(out)]) == 0
    return out


def _row_of(sheet, row_id: str) -> int:
    return next(c.row for c in sheet["A"] if c.value == row_id)


def test_template_has_the_departments_rows_locked_and_drop_downs(data_copy, tmp_path):
    book = load_workbook(_template(data_copy, tmp_path))
    sheet = book[SHEET]
    headers = [c.value for c in sheet[3]]
    assert headers == ["Mã", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu 2030", "Số liệu mới nhất", "Kỳ báo cáo", "Giá trị",
                       "Nguồn (mã)", "Tình trạng", "Ghi chú"]
    model = build_model(data_copy)
    ids = [i.id for i in model.catalogue.of_department("so-y-te")]
    assert [sheet.cell(r, 1).value for r in range(4, 4 + len(ids))] == ids
    row = _row_of(sheet, "4.4")
    assert sheet.cell(row, 5).value.startswith("88\u00a0%")           # the latest figure, Vietnamese style
    assert sheet.protection.sheet
    assert sheet.cell(row, 1).protection.locked and sheet.cell(row, 5).protection.locked
    assert not any(sheet.cell(row, c).protection.locked for c in range(6, 11))
    lists = {str(v.sqref).split(":")[0][0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists["I"] == '"' + ",".join(STATUS_WORDS) + '"'
    assert all(word in lists["I"] for word in ("chính thức", "sơ bộ", "ước tính", "theo nguồn tin"))
    sources = [c.value for c in book["Nguon"]["A"]][1:]
    assert lists["H"] == f"=Nguon!$A$2:$A${len(sources) + 1}" and sorted(sources) == sorted(model.sources)


def _fill(path: Path, bad: bool) -> dict[str, int]:
    """Fill the template the way staff do; returns the sheet row of each filled target."""
    book = load_workbook(path)
    sheet = book[SHEET]
    rows = {row_id: _row_of(sheet, row_id) for row_id in ("4.4", "7.1", "7.3", "7.6", "7.7")}
    filled = {"4.4": ("2025", "99,5", "sơ bộ", " Số liệu   thử "), "7.1": (" 2024 ", " 75.5 ", "chính thức ", ""),
              "7.3": (2024, "1.500", "ước tính", ""), "7.7": ("2024", 0.995, "Chính thức", ""),
              "7.6": ("2024", "khoảng 96" if bad else "96", "chính thức", "")}
    for row_id, (period, value, status, note) in filled.items():
        row = rows[row_id]
        sheet.cell(row, 6, period)
        sheet.cell(row, 7, value)
        if isinstance(value, float):
            sheet.cell(row, 7).number_format = "0.0%"      # Excel stores "99,5 %" typed in a % cell as 0.995
        sheet.cell(row, 8, SOURCE)
        sheet.cell(row, 9, status)
        sheet.cell(row, 10, note or None)
    book.save(path)
    return rows


def _as_semicolon_csv(xlsx: Path, out: Path) -> Path:
    """What Excel writes under Vietnamese regional settings: semicolons, decimal commas, % as text."""
    sheet = load_workbook(xlsx)[SHEET]
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        for row in sheet.iter_rows():
            cells = []
            for c in row:
                if isinstance(c.value, float) and "%" in c.number_format:
                    cells.append(f"{c.value * 100:.1f}".replace(".", ",") + "%")
                else:
                    cells.append("" if c.value is None else str(c.value))
            writer.writerow(cells)
    return out


def _check_written(data: Path) -> None:
    model = build_model(data)
    got = {row: {o.period.code: (o.value, o.status, o.source) for o in model.observations[row]}
           for row in ("4.4", "7.1", "7.3", "7.6", "7.7")}
    assert got["4.4"]["2025"] == (99.5, "preliminary", SOURCE)
    assert got["4.4"]["2025-9M"][0] == 88.0          # the earlier figures are kept
    assert got["7.1"]["2024"] == (75.5, "official", SOURCE)
    assert got["7.3"]["2024"] == (1500, "estimate", SOURCE)
    assert got["7.6"]["2024"] == (96, "official", SOURCE)
    assert got["7.7"]["2024"][0] == pytest.approx(99.5)
    text = (data / "observations" / "4.4.csv").read_text(encoding="utf-8")
    assert "2025,99.5,,preliminary," in text and "Số liệu thử" in text


def _snapshot(data: Path) -> dict[str, bytes]:
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("export", ["xlsx", "semicolon-csv"])
def test_round_trip_of_a_filled_template(data_copy, tmp_path, capsys, export):
    template = _template(data_copy, tmp_path)
    rows = _fill(template, bad=True)
    filled = template if export == "xlsx" else _as_semicolon_csv(template, tmp_path / "so-y-te.csv")
    before = _snapshot(data_copy)

    assert main(["--data", str(data_copy), "import", str(filled), "--write"]) == 1
    err = capsys.readouterr().err
    cell = f"G{rows['7.6']}"
    assert f"cell {cell}: «khoảng 96»" in err, err
    assert "không phải là một con số" in err and "is not a number" in err
    assert err.count("cell ") == 1                       # only the bad cell is reported
    assert _snapshot(data_copy) == before                # nothing written

    _fill(template, bad=False)
    filled = template if export == "xlsx" else _as_semicolon_csv(template, tmp_path / "so-y-te.csv")
    assert main(["--data", str(data_copy), "import", str(filled)]) == 0
    out = capsys.readouterr().out
    assert "- 4.4 Tỉ lệ dân số tham gia bảo hiểm y tế: 2025 (mới) 99,5 (sơ bộ)" in out
    assert "- 7.3 Chỉ tiêu số lượng trên 10.000 dân — Số giường bệnh: 2024 (mới) 1.500 (ước tính)" in out
    assert "- 7.3 Numbers per 10,000 people — Hospital beds: 2024 (new) 1,500 (estimate)" in out
    assert "- 7.7 Tỉ lệ tiêm chủng mở rộng: 2024 (mới) 99,5" in out
    assert "Nothing written" in out and _snapshot(data_copy) == before

    assert main(["--data", str(data_copy), "import", str(filled), "--write"]) == 0
    assert "Đã ghi / Written: data/observations/4.4.csv" in capsys.readouterr().out
    _check_written(data_copy)


def test_a_correction_replaces_the_figure_of_that_period(data_copy, capsys):
    args = ["--data", str(data_copy), "add-figure", "4.4", "--period", "2025-9M", "--value", "88,5",
            "--status", "chính thức", "--source", "laodong-an-giang-2025-9m"]
    old = next(o for o in build_model(data_copy).observations["4.4"] if o.period.code == "2025-9M")
    assert main(args) == 0
    before = "88" if old.status == "official" else f"88 ({t('status.' + old.status, 'vi')})"
    after = "88,5" if old.status == "official" else "88,5 (chính thức)"
    assert f"4.4 Tỉ lệ dân số tham gia bảo hiểm y tế: 9 tháng đầu năm 2025 {before} → {after}" in capsys.readouterr().out
    assert main(args + ["--write"]) == 0
    series = build_model(data_copy).observations["4.4"]
    assert [o.value for o in series if o.period.code == "2025-9M"] == [88.5]


def test_what_the_build_refuses_is_never_written(data_copy, capsys):
    before = _snapshot(data_copy)
    # 120 % passes the number reader but not the build's percentage rule.
    assert main(["--data", str(data_copy), "add-figure", "4.4", "--period", "2024", "--value", "120",
                 "--status", "chính thức", "--source", SOURCE, "--write"]) == 1
    assert "0–100" in capsys.readouterr().err
    assert main(["--data", str(data_copy), "add-figure", "4.4", "--period", "2024", "--value", "90",
                 "--status", "chính thức", "--source", "no-such-source", "--write"]) == 1
    assert "no-such-source" in capsys.readouterr().err
    assert _snapshot(data_copy) == before


def test_add_a_source_then_cite_it(data_copy, capsys):
    assert main(["--data", str(data_copy), "add-source", "test-source-1", "--publisher", "Báo Thử",
                 "--url", "https://example.org/bai-viet", "--date", "2025-03-01", "--write"]) == 0
    assert "Nguồn mới: test-source-1" in capsys.readouterr().out
    assert build_model(data_copy).sources["test-source-1"].publisher == "Báo Thử"
    assert main(["--data", str(data_copy), "add-source", "test-source-2", "--publisher", "X",
                 "--url", "not an address", "--write"]) == 1
    assert "https://" in capsys.readouterr().err


def test_summary_of_data_changes_between_two_commits(data_copy, tmp_path, capsys):
    repo = data_copy.parent
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(git + ["add", "data"], cwd=repo, check=True)
    subprocess.run(git + ["commit", "-qm", "before"], cwd=repo, check=True)
    shutil.copy(data_copy / "observations" / "2.1.csv", tmp_path / "keep.csv")
    assert main(["--data", str(data_copy), "add-figure", "2.1", "--period", "2023", "--value", "2,9",
                 "--status", "chính thức", "--source", "congdoan-kg-2022-06-29", "--write"]) == 0
    subprocess.run(git + ["commit", "-qam", "after"], cwd=repo, check=True)
    capsys.readouterr()
    assert main(["--data", str(data_copy), "changes", "HEAD~1", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "- 2.1 Tỉ lệ thất nghiệp chung: 2023 (mới) 2,9" in out
    assert "- 2.1 Overall unemployment rate: 2023 (new) 2.9" in out
    assert main(["--data", str(data_copy), "changes", "HEAD", "HEAD"]) == 0
    assert "No data change" in capsys.readouterr().out


def test_help_is_in_both_languages(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())    # argparse wraps lines
    for words in ("nhập mẫu đã điền", "import a filled template", "tóm tắt thay đổi", "summarise data changes"):
        assert words in out
    with pytest.raises(SystemExit):
        main(["nhap", "--help"])                     # Vietnamese aliases of the subcommands
    assert "--write" in capsys.readouterr().out


def test_templates_for_every_department(data_copy, tmp_path, capsys):
    assert main(["--data", str(data_copy), "template", "all", "-o", str(tmp_path / "mau")]) == 0
    model = build_model(data_copy)
    made = sorted(p.stem for p in (tmp_path / "mau").glob("*.xlsx"))
    assert made == sorted(d.id for d in model.catalogue.departments)
    assert main(["--data", str(data_copy), "template", "so-khong-co"]) == 1
    assert "so-ldtbxh" in capsys.readouterr().err      # says which ids exist


def test_a_file_that_is_not_a_template_is_refused(data_copy, tmp_path, capsys):
    bogus = tmp_path / "bang.xlsx"
    bogus.write_text("không phải Excel", encoding="utf-8")
    assert main(["--data", str(data_copy), "import", str(bogus)]) == 1
    assert "cannot be opened" in capsys.readouterr().err
    other = tmp_path / "khac.csv"
    other.write_text("a;b\n1;2\n", encoding="utf-8")
    assert main(["--data", str(data_copy), "import", str(other)]) == 1
    assert "header row" in capsys.readouterr().err
