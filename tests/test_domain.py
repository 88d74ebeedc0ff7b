"""The domain rules on their own: periods, targets, plan numbers, locale formatting."""
from __future__ import annotations

from datetime import date

import pytest

from tracker import formatting as fmt
from tracker.numbers import parse_plan_number, plain
from tracker.periods import PeriodError, parse_period
from tracker.targets import parse_target

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize("text,number", [("99,5", 99.5), ("1.500", 1500), ("31.7", 31.7), ("36,4", 36.4),
                                          ("80", 80), ("12.345.678", 12345678)])
def test_plan_numbers_are_read_the_vietnamese_way(text, number):
    assert parse_plan_number(text) == number


@pytest.mark.parametrize("text,unit,operator,value", [
    ("< 3", "%", "<", 3), ("> 95", "%", ">", 95), (">80", "%", ">", 80), ("80", "%", ">=", 80),
    ("99,5", "%", ">=", 99.5), ("1.500", "Căn hộ", ">=", 1500), ("2", "Mức độ", "level", 2),
    ("Xoá bỏ hoàn toàn", "Mức độ", "text", None), ("Giải quyết cơ bản", "Mức độ", "text", None)])
def test_targets(text, unit, operator, value):
    target = parse_target(text, unit)
    assert (target.operator, target.value, target.text) == (operator, value, text)


def test_periods_sort_by_their_end_and_know_their_kind():
    codes = ["2025-9M", "2016-2020", "2025-05-31", "~2024", "2022-H1", "2020-10", "2025-Q1", "2023", "@2024-10-10"]
    ordered = [p.code for p in sorted(parse_period(c, TODAY) for c in codes)]
    assert ordered == ["2020-10", "2016-2020", "2022-H1", "2023", "@2024-10-10", "~2024", "2025-Q1", "2025-05-31",
                       "2025-9M"]
    assert parse_period("@2024-10-10", TODAY).approximate and not parse_period("2023", TODAY).approximate
    assert parse_period("2022-h1", TODAY).code == "2022-H1"


@pytest.mark.parametrize("code", ["1999", "2027", "2026-12-01", "2022-H3", "2020-2016", "2023-02-30", "22", "2023/24"])
def test_bad_periods_are_refused_with_both_languages(code):
    with pytest.raises(PeriodError) as err:
        parse_period(code, TODAY)
    assert err.value.vi and err.value.en


def test_locale_numbers_and_periods():
    assert fmt.value_text(99.5, "%", "vi") == "99,5\u00a0%"
    assert fmt.value_text(99.5, "%", "en") == "99.5%"
    assert fmt.value_text(1500, "Căn hộ", "vi") == "1.500" and fmt.value_text(1500, "Căn hộ", "en") == "1,500"
    assert fmt.value_text(72, "%", "vi", ">") == "trên 72\u00a0%"
    assert fmt.number(93.35, "vi", 1) == "93,4" and fmt.number(93.25, "en", 1) == "93.3"  # half-up, once
    assert fmt.period_text(parse_period("2020", TODAY), "vi") == "2020"  # never "2.020"
    assert fmt.period_text(parse_period("2022-H1", TODAY), "vi") == "6 tháng đầu năm 2022"
    assert fmt.period_text(parse_period("2025-9M", TODAY), "en") == "first nine months of 2025"
    assert fmt.target_meaning(parse_target("< 3", "%"), "%", "vi") == "dưới 3\u00a0%"
    assert fmt.period_text(parse_period("@2024-10-10", TODAY), "vi") == "không rõ kỳ (công bố ngày 10/10/2024)"
    assert plain(99.5) == "99.5" and plain(1500.0) == "1500" and plain(None) == ""


def test_headline_figure_is_the_provinces_own_with_a_newer_merged_figure_beside_it():
    from tracker.model import build_model

    from .conftest import DATA
    model = build_model(DATA)
    cat = model.catalogue
    main, elsewhere = model.headline(cat.indicator("4.4"))
    assert (main.period.code, main.value) == ("2025-05-31", 87.52)
    assert (elsewhere.period.code, elsewhere.value, elsewhere.series_break) == ("2025-9M", 88, "merger-an-giang-2025")
    main, elsewhere = model.headline(cat.indicator("5.2"))
    assert (main.period.code, main.value, elsewhere) == ("@2024-10-10", 1.28, None)
    assert model.headline(cat.indicator("7.5")) == (None, None)
    main, _ = model.headline(cat.indicator("7.3"))
    assert (main.period.code, main.value) == ("~2016", 24.4)


def test_every_unit_reads_right_in_both_languages():
    """Each row's unit as printed: no words glued together, English units in English, 7.3/7.4 per 10,000."""
    import re

    from tracker.model import build_model

    from .conftest import DATA

    cat = build_model(DATA).catalogue
    vietnamese_letters = re.compile(r"[ăâđêôơưàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]", re.I)
    for ind in cat.indicators:
        vi, en = cat.unit_text(ind, "vi"), cat.unit_text(ind, "en")
        assert vi and en, ind.id
        assert not vietnamese_letters.search(en), (ind.id, en)
        assert "  " not in en and "  " not in vi, (ind.id, en, vi)
        assert not re.search(r"[a-z]per\b", en), (ind.id, en)
    assert cat.unit_text(cat.indicator("7.3"), "en") == "beds per 10,000 people"
    assert cat.unit_text(cat.indicator("7.4"), "en") == "doctors per 10,000 people"
    assert cat.unit_text(cat.indicator("7.3"), "vi") == "Giường/10.000 dân"
    assert cat.unit_text(cat.indicator("7.4"), "vi") == "người/10.000 dân"


def test_the_merged_model_written_for_mkdocs_reads_back_the_same(tmp_path):
    """build/model.yaml (for a plain `mkdocs serve`) leaves out fields at their defaults; load() gives them back."""
    from tests.conftest import DATA
    from tracker.model import Model, build_model

    model = build_model(DATA)
    model.save(tmp_path / "model.yaml")
    assert Model.load(tmp_path / "model.yaml") == model
