"""The glossary data: loaded, validated with located errors, and shared through the one model."""
from __future__ import annotations

from tracker.glossary import load_glossary
from tracker.model import build_model
from tracker.problems import Problems

from .conftest import DATA


def test_the_plan_abbreviations_are_in_the_model():
    model = build_model(DATA)
    abbrs = {a.abbr: a for a in model.glossary.abbreviations}
    for abbr in ("BHXH", "BHYT", "BHTN", "LLLĐ", "GDĐT", "LĐTBXH", "NNPTNT", "TNMT", "TTTT", "UBND", "HĐND"):
        assert abbr in abbrs
    assert abbrs["BHYT"].vi == "bảo hiểm y tế" and abbrs["BHYT"].en == "health insurance"


def test_a_duplicate_abbreviation_is_a_located_error(tmp_path):
    (tmp_path / "glossary.yaml").write_text(
        "abbreviations:\n  - abbr: BHYT\n    vi: bảo hiểm y tế\n    en: health insurance\n"
        "  - abbr: bhyt\n    vi: bảo hiểm y tế\n    en: health insurance\n", encoding="utf-8")
    problems = Problems(root=tmp_path)
    load_glossary(tmp_path, problems)
    assert len(problems) == 1
    problem = problems.items[0]
    assert problem.line == 5 and problem.value == "bhyt"
    assert "trùng" in problem.message_vi and "twice" in problem.message_en


def test_an_unknown_field_is_refused(tmp_path):
    (tmp_path / "glossary.yaml").write_text("terms:\n  - vi: nhà ở xã hội\n    english: social housing\n",
                                            encoding="utf-8")
    problems = Problems(root=tmp_path)
    load_glossary(tmp_path, problems)
    assert problems and any(p.value == "social housing" or "english" in p.message_en for p in problems.items)
