"""The limits of tracker/limits.py are the ones data/observations/README.md tells maintainers."""
from __future__ import annotations

from babel.numbers import format_decimal

from tracker import limits

from ..conftest import DATA


def test_every_limit_is_documented_in_both_languages():
    readme = (DATA / "observations" / "README.md").read_text(encoding="utf-8")
    assert "tracker/limits.py" in readme
    for value in (limits.MAX_FILE_BYTES, limits.MAX_CSV_ROWS, limits.MAX_FIELD_CHARS):
        assert format_decimal(value, locale="vi") in readme and format_decimal(value, locale="en") in readme
    assert f"{limits.MAX_YAML_DEPTH} cấp / {limits.MAX_YAML_DEPTH} levels" in readme
    assert f"| {limits.MAX_NUMBER_DIGITS} |" in readme
    for unit, (low, high, _, _) in limits.PLAUSIBLE.items():
        assert f"{format_decimal(low, locale='vi')}–{format_decimal(high, locale='vi')}" in readme, unit
