"""The published catalogue must be the plan's appendix: every row, target, unit and department.

The appendix is read here independently from the received OCR text, the corrections listed on the
site's corrections page are applied to it, and the result must equal data/indicators.csv.
"""
from __future__ import annotations

import csv
import io
import re

import yaml

from tracker.model import build_model
from tracker.publish import indicators_csv

from .conftest import DATA, SOURCE

EXPECTED_COLUMNS = ["id", "group", "name_vi", "name_en", "unit", "target_text", "target_operator", "target_value",
                    "agency_vi", "agency_en"]


def _appendix_rows() -> list[dict]:
    text = SOURCE.read_text(encoding="utf-8")
    text = text[text.index("**Phụ lục**"):]
    fixes = [c for c in yaml.safe_load((DATA / "plan" / "corrections.yaml").read_text(encoding="utf-8"))
             if c["where"] == "Phụ lục" and c["kind"] == "misread"]
    for fix in fixes:
        text = text.replace(fix["received"], fix["corrected"])
    text = re.sub(r"m <sup>2</sup>", "m²", text)
    rows, group, department = [], 0, None
    for line in text.splitlines():
        cells = [re.sub(r"</?[bi]>", "", c).strip() for c in line.split("\t")]
        if len(cells) < 3 or cells[1] in ("Chỉ tiêu", ""):
            continue
        if cells[0].isdigit():
            group, row_number = int(cells[0]), 0
            continue
        name, unit, target = cells[1], cells[2], cells[3] if len(cells) > 3 else ""
        extra = [c for c in cells[4:] if c]
        if extra:
            if extra[0] == "dựng":  # "Sở Xây" / "dựng": the department name split across a page break
                department += " dựng"
            else:
                department = extra[0]
        if not target:
            continue  # a heading over breakdown rows, with no target of its own
        row_number += 1
        rows.append({"id": f"{group}.{row_number}", "name": name, "unit": unit, "target": target,
                     "department": department})
    for row in rows:  # the department split across the page break belongs to the rows before it too
        if row["department"] == "Sở Xây":
            row["department"] = "Sở Xây dựng"
    return rows


def test_appendix_has_61_target_rows_in_10_groups():
    rows = _appendix_rows()
    assert len(rows) == 61
    assert sorted({int(r["id"].split(".")[0]) for r in rows}) == list(range(1, 11))


def test_published_indicators_match_the_appendix():
    model = build_model(DATA)
    published = list(csv.DictReader(io.StringIO(indicators_csv(model))))
    assert list(published[0].keys())[:len(EXPECTED_COLUMNS)] == EXPECTED_COLUMNS  # new columns only at the end
    by_id = {i.id: i for i in model.catalogue.indicators}
    appendix = _appendix_rows()
    assert [r["id"] for r in published] == [r["id"] for r in appendix]
    for row, source in zip(published, appendix):
        indicator = by_id[row["id"]]
        assert indicator.name_vi == source["name"], row["id"]
        assert row["name_vi"].endswith(source["name"]), row["id"]
        assert row["unit"] == source["unit"], row["id"]
        assert row["target_text"] == source["target"], row["id"]
        dept = model.catalogue.department(indicator.department)
        assert dept.abbreviation_vi == source["department"], row["id"]
        assert row["agency_vi"] == dept.name_vi


def test_targets_are_parsed_as_the_plan_means_them():
    published = {r["id"]: r for r in csv.DictReader(io.StringIO(indicators_csv(build_model(DATA))))}
    expect = {
        "2.1": ("<", "3"), "4.4": (">", "95"), "5.2": ("<", "2"), "3.1": (">=", "80"), "6.3": (">=", "99.5"),
        "9.1": (">=", "1500"), "9.4": (">=", "31.7"), "7.1": (">=", "75.5"), "6.6": ("level", "2"),
        "9.2": ("text", ""), "7.9": ("text", ""), "10.7": (">", "80"),
    }
    for row_id, (operator, value) in expect.items():
        assert (published[row_id]["target_operator"], published[row_id]["target_value"]) == (operator, value), row_id
    assert published["9.2"]["target_text"] == "Xoá bỏ hoàn toàn"
    assert published["6.6"]["target_text"] == "2"


def test_every_row_carries_its_own_department_and_breakdowns_belong_together():
    cat = build_model(DATA).catalogue
    assert all(i.department for i in cat.indicators)
    families = {}
    for ind in cat.indicators:
        if ind.family:
            families.setdefault(ind.family, []).append(ind.id)
    assert families["clean-water"] == ["10.1", "10.2"]
    assert families["per-10000"] == ["7.3", "7.4"]
    assert families["broadcast"] == ["8.1", "8.2"]
    assert cat.indicator("10.1").department != cat.indicator("10.2").department
    assert "BHTN" in cat.indicator("4.3").note_vi and cat.indicator("4.3").name_vi.endswith("BHYT")
