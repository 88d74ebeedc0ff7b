"""Class 3 — every refusal is a plain, bilingual error with file, line and what to write instead, never a
traceback; and the dialects that spreadsheets really write (";", tab, CR-only, CR LF) are read correctly."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tracker.model import build_model

from .harness import SOURCE, Case, Expect, append, check_refused, csv_text, lines_in, row, write

SRC = "data/sources.yaml"
OBS = "data/observations/2.1.csv"
END = lines_in(SRC) + 2


def _source(key: str, url: str) -> str:
    return f"{key}:\n  publisher: Báo Kiên Giang\n  url: {url}\n"


CASES = [
    Case("yaml-impossible-date", append(SRC, "baddate:\n  publisher: X\n  title: Y\n  date: 2024-02-30\n"),
         [Expect(SRC, END + 3, "a date that does not exist", "ngày không có thật")]),
    Case("yaml-tab-indentation", append(SRC, "tabbed:\n\tpublisher: X\n"),
         [Expect(SRC, END + 1, "not tabs", "không dùng tab")]),
    Case("semicolons-with-a-decimal-comma", write(OBS, csv_text(row(value="3,95"), sep=";")),
         [Expect(OBS, 2, "Write 3.95", "Viết 3.95")]),
    Case("unquoted-decimal-comma", write(OBS, csv_text(row(value="99,5"), quote=False)),
         [Expect(OBS, 2, "Write 99.5", "Viết 99.5")], count=1),
    Case("tab-separated-not-a-number", write(OBS, csv_text(row(value="ba phẩy năm"), sep="\t")),
         [Expect(OBS, 2, "is not a number", "không phải là một con số")]),
    Case("cr-only-line-ends-keep-line-numbers", write(OBS, csv_text(row("2022"), row("2023"), row("2022"), end="\r")),
         [Expect(OBS, 4, "already on line 2", "đã có ở dòng 2")]),
    Case("javascript-url-is-one-error",
         lambda d: (append(SRC, _source("bad-url", "javascript:alert(1)"))(d),
                    write(OBS, csv_text(row(source="bad-url")))(d)),
         [Expect(SRC, END, "https://", "https://")], count=1),
    Case("ftp-url-names-the-allowed-schemes", append(SRC, _source("ftp-source", "ftp://example.org/report.pdf")),
         [Expect(SRC, END, "Only web addresses starting with https:// (or http://)", "bắt đầu bằng https:// (hoặc http://)")],
         count=1),
    Case("url-without-a-host", append(SRC, _source("no-host", "https:///report.pdf")),
         [Expect(SRC, END, "cannot be used", "không dùng được")], count=1),
    Case("department-missing-a-field-is-one-error",
         lambda d: (d / "catalogue" / "departments.yaml").write_text(re.sub(
             r"(- id: cuc-thong-ke\n(?:  (?!name_en).*\n)*)  name_en: .*\n", r"\1",
             (d / "catalogue" / "departments.yaml").read_text(encoding="utf-8"), count=1), encoding="utf-8"),
         [Expect("data/catalogue/departments.yaml", None, "The field “name_en” is missing", "Thiếu trường «name_en»")],
         count=1),
    Case("status-hint-lists-vietnamese-words", write(OBS, csv_text(row(status="chinh thuc"))),
         [Expect(OBS, 2, "«chính thức» (official)", "«chính thức» (official)")]),
    Case("qualifier-hint-lists-vietnamese-words", write(OBS, csv_text(row(qualifier="hơn"))),
         [Expect(OBS, 2, "«trên» (>)", "«trên» (>)")]),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_refused_with_a_plain_located_message(case: Case, data_copy: Path, good_site):
    site, before = good_site
    check_refused(case, data_copy, site, before)


READ_AS_MEANT = {
    "semicolons": csv_text(row("2022", "3.95"), row("2023", "2.5", note_vi="Có dấu, phẩy"), sep=";"),
    "tabs": csv_text(row("2022", "3.95"), row("2023", "2.5", note_vi="Có dấu, phẩy"), sep="\t"),
    "cr-only": csv_text(row("2022", "3.95"), row("2023", "2.5", note_vi="Có dấu, phẩy"), end="\r"),
    "crlf-with-bom": "\ufeff" + csv_text(row("2022", "3.95"), row("2023", "2.5", note_vi="Có dấu, phẩy"), end="\r\n"),
}


@pytest.mark.parametrize("dialect", READ_AS_MEANT)
def test_spreadsheet_dialects_are_read_as_meant(dialect: str, data_copy: Path):
    write(OBS, READ_AS_MEANT[dialect])(data_copy)
    found = build_model(data_copy).observations["2.1"]
    assert [(o.period.code, o.value, o.source) for o in found] == [("2022", 3.95, SOURCE), ("2023", 2.5, SOURCE)]
    assert found[1].note_vi == "Có dấu, phẩy"
