"""Every field a maintainer can write, and every column the site publishes, is documented where they will look
(after Datasette, which tests that every setting has its documentation)."""
from __future__ import annotations

from tracker.catalogue import Indicator
from tracker.observations import COLUMNS, QUALIFIER_WORDS, STATUS_BASES, STATUS_WORDS
from tracker.periods import FORMS_EN
from tracker.publish import INDICATOR_COLUMNS, OBSERVATION_COLUMNS
from tracker.sources import SeriesBreak, Source

from .conftest import DATA, ROOT


def test_observation_columns_statuses_and_periods_are_documented_for_maintainers():
    readme = (DATA / "observations" / "README.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"`{column}`" in readme, column
    for code, word in ((v, k) for k, v in STATUS_WORDS.items()):
        assert f"`{code}`" in readme and word in readme, code
    for basis in STATUS_BASES:
        assert f"`{basis}`" in readme, basis
    for symbol in ("`>`", "`<`", "`~`"):
        assert symbol in readme
    for form in FORMS_EN.replace(" or ", ", ").split(", "):
        assert f"`{form}`" in readme, form
    assert set(QUALIFIER_WORDS.values()) <= {">", "<", "~", ">=", "<="}


def test_catalogue_and_source_fields_are_documented_in_their_files():
    header = (DATA / "catalogue" / "indicators.yaml").read_text(encoding="utf-8").split("\nunits:")[0]
    for field in Indicator.model_fields:
        assert field in header, field
    sources = (DATA / "sources.yaml").read_text(encoding="utf-8").split("\n\n")[0]
    for field in Source.model_fields:
        assert field.removesuffix("_en") in sources, field
    breaks = (DATA / "breaks.yaml").read_text(encoding="utf-8")
    assert "kind:" in breaks and all(f in breaks for f in SeriesBreak.model_fields)


def test_published_columns_are_documented_in_both_languages():
    for lang in ("vi", "en"):
        page = (ROOT / "docs" / "about" / f"data.{lang}.md").read_text(encoding="utf-8")
        for column in INDICATOR_COLUMNS + OBSERVATION_COLUMNS:
            assert f"`{column}`" in page, (lang, column)
