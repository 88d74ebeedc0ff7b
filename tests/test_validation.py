"""Bad input is rejected: each deliberately broken fixture under tests/fixtures/broken/ must fail,
with every expected error (file, line, value, a message in both languages), all in one run."""
from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest
import yaml

from tracker.model import build_model
from tracker.problems import ValidationFailed

from .conftest import FIXTURES

CASES = sorted(p.name for p in (FIXTURES / "broken").iterdir() if p.is_dir())


def _overlay(case: Path, data: Path) -> None:
    for file in case.rglob("*"):
        if file.is_file() and file.name != "expect.yaml":
            target = data / file.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, target)


def _problems(data: Path):
    with pytest.raises(ValidationFailed) as failed:
        build_model(data)
    return failed.value.problems.items


@pytest.mark.parametrize("case", CASES)
def test_broken_fixture_is_rejected_with_located_bilingual_errors(case: str, data_copy: Path):
    _overlay(FIXTURES / "broken" / case, data_copy)
    expected = yaml.safe_load((FIXTURES / "broken" / case / "expect.yaml").read_text(encoding="utf-8"))
    found = _problems(data_copy)
    assert len(found) == len(expected), "\n".join(p.render() for p in found)
    for want in expected:
        matches = [p for p in found if p.file == want["file"] and want["says_en"] in p.message_en + " " + p.hint_en
                   and want["says_vi"] in p.message_vi + " " + p.hint_vi and p.line == want.get("line", p.line)]
        assert matches, f"{want} not in:\n" + "\n".join(p.render() for p in found)
        problem = matches[0]
        if "line" in want:
            assert problem.line == want["line"], problem.render()
        if "column" in want:
            assert problem.column == want["column"], problem.render()
        if "value" in want:
            assert problem.value == want["value"], problem.render()


def test_the_real_data_is_valid():
    model = build_model(Path(__file__).parent.parent / "data")
    assert len(model.catalogue.indicators) == 61


def test_all_errors_of_all_files_are_reported_in_one_run(data_copy: Path):
    for case in ("duplicate-period", "decimal-comma", "unknown-indicator", "catalogue-errors"):
        _overlay(FIXTURES / "broken" / case, data_copy)
    found = _problems(data_copy)
    files = {p.file for p in found}
    # the catalogue error stops observation checks against a catalogue that is not valid
    assert "data/catalogue/indicators.yaml" in files and len(found) >= 3


def test_observation_errors_across_files_are_reported_together(data_copy: Path):
    for case in ("duplicate-period", "decimal-comma", "unknown-indicator", "percent-out-of-range"):
        _overlay(FIXTURES / "broken" / case, data_copy)
    found = _problems(data_copy)
    assert {p.file for p in found} == {"data/observations/2.1.csv", "data/observations/4.4.csv",
                                       "data/observations/9.10.csv"}


def test_a_file_that_is_not_utf8_is_rejected_with_its_line(data_copy: Path):
    # "Sơ bộ" as Windows-1258 writes it (ô followed by a combining dot below): a common legacy export
    data = b"period,value,qualifier,status,source,quote,note_vi,note_en,break\n" \
           b"2022-H1,3.95,,preliminary,congdoan-kg-2022-06-29,,S\xf5 b\xf4\xf2,,\n"
    (data_copy / "observations" / "2.1.csv").write_bytes(data)
    found = _problems(data_copy)
    assert len(found) == 1 and found[0].line == 2 and "UTF-8" in found[0].message_en
    assert "UTF-8" in found[0].message_vi and found[0].file == "data/observations/2.1.csv"


def test_a_byte_order_mark_and_decomposed_unicode_are_accepted_and_normalised(data_copy: Path):
    import unicodedata
    note = unicodedata.normalize("NFD", "Số liệu sơ bộ")
    text = "period,value,qualifier,status,source,quote,note_vi,note_en,break\n" \
           f"2022-H1,3.95,,sơ bộ,congdoan-kg-2022-06-29,,{note},,\n"
    (data_copy / "observations" / "2.1.csv").write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    model = build_model(data_copy)
    observation = model.observations["2.1"][0]
    assert observation.note_vi == unicodedata.normalize("NFC", "Số liệu sơ bộ") != note
    assert observation.status == "preliminary"
