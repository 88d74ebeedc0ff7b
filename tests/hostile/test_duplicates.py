"""Class 5 — nothing is silently dropped or overwritten: a duplicate id in any YAML mapping or list, a
duplicate CSV column, a row with too many or too few cells; each error names both places."""
from __future__ import annotations

from pathlib import Path

import pytest

from .harness import COLUMNS, Case, Expect, append, check_refused, csv_text, line_of, lines_in, row, write

SRC = "data/sources.yaml"
BRK = "data/breaks.yaml"
DEPT = "data/catalogue/departments.yaml"
GRP = "data/catalogue/groups.yaml"
SEC = "data/plan/sections.yaml"
CAT = "data/catalogue/indicators.yaml"
OBS = "data/observations/2.1.csv"


def _first_key(rel: str) -> tuple[str, int]:
    for n, text in enumerate((Path(__file__).parents[2] / rel).read_text(encoding="utf-8").split("\n"), start=1):
        if text and not text.startswith(("#", " ")):
            return text.split(":")[0], n
    raise AssertionError(rel)


SOURCE_KEY, SOURCE_LINE = _first_key(SRC)
BREAK_KEY, BREAK_LINE = _first_key(BRK)
ROW_21 = line_of(CAT, 'id: "2.1"')

CASES = [
    Case("duplicate-source-id", append(SRC, f"{SOURCE_KEY}:\n  publisher: Someone else\n  title: Another article\n"),
         [Expect(SRC, lines_in(SRC) + 2, f"first on line {SOURCE_LINE}", f"đã có ở dòng {SOURCE_LINE}")]),
    Case("duplicate-break-id", append(BRK, f"{BREAK_KEY}:\n  kind: method\n"),
         [Expect(BRK, lines_in(BRK) + 2, f"first on line {BREAK_LINE}", f"đã có ở dòng {BREAK_LINE}")]),
    Case("duplicate-department-id", append(DEPT, "- id: cuc-thong-ke\n  abbreviation_vi: CTK\n  name_vi: Cục khác\n"
                                                 "  name_en: Another office\n"),
         [Expect(DEPT, lines_in(DEPT) + 2, f"first on line {line_of(DEPT, 'id: cuc-thong-ke')}",
                 f"đã có ở dòng {line_of(DEPT, 'id: cuc-thong-ke')}")]),
    Case("duplicate-group-id", append(GRP, "- id: 2\n  name_vi: Nhóm trùng\n  name_en: A duplicate\n  sections: []\n"),
         [Expect(GRP, lines_in(GRP) + 2, f"first on line {line_of(GRP, '- id: 2')}", f"đã có ở dòng {line_of(GRP, '- id: 2')}")]),
    Case("duplicate-section-key", append(SEC, '- key: "I"\n  page: plan/1-purposes\n  title_vi: "I."\n  title_en: "I."\n'),
         [Expect(SEC, lines_in(SEC) + 2, "first on line", "đã có ở dòng")]),
    Case("duplicate-key-inside-an-entry", append(SRC, "twice:\n  publisher: A\n  title: B\n  publisher: C\n"),
         [Expect(SRC, lines_in(SRC) + 5, "“publisher” is used twice", "«publisher» bị trùng")]),
    Case("duplicate-catalogue-row", lambda d: (d / "catalogue" / "indicators.yaml").write_text(
        (d / "catalogue" / "indicators.yaml").read_text(encoding="utf-8").replace(
            '  - id: "2.2"', '  - id: "2.1"', 1), encoding="utf-8"),
         [Expect(CAT, line_of(CAT, 'id: "2.2"'), f"first on line {ROW_21}", f"đã có ở dòng {ROW_21}")]),
    Case("duplicate-csv-column", write(OBS, "period,value,status,source,value\n2023,3.5,official,x,4\n"),
         [Expect(OBS, 1, "appears twice (columns 2 and 5)", "có hai lần (cột 2 và cột 5)")]),
    Case("too-many-cells", write(OBS, csv_text(row()) + ",".join(["2022", "3.1", "x", "y"] + [""] * len(COLUMNS)) + "\n"),
         [Expect(OBS, 3, "the header (line 1) has", "dòng tiêu đề (dòng 1)")]),
    Case("too-few-cells", write(OBS, csv_text(row()) + "2022,3.1\n"),
         [Expect(OBS, 3, "Line 3 has 2 cells; the header (line 1)", "Dòng 3 có 2 ô, dòng tiêu đề (dòng 1)")]),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_duplicate_or_misaligned_is_refused(case: Case, data_copy: Path, good_site):
    site, before = good_site
    check_refused(case, data_copy, site, before)
