"""Search keys in plain Python (tracker/search_text.py): tone marks, đ, NFD, spelling variants, abbreviations.
The same cases (tests/search_cases.json) are run against the browser's copy in tests/test_search_browser.py."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.search_text import abbreviation_pairs, exact_key, fold, fold_text, words

CASES = json.loads((Path(__file__).parent / "search_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("word, folded, lang", CASES["fold"])
def test_fold(word, folded, lang):
    assert fold(word, lang) == folded


@pytest.mark.parametrize("a, b", CASES["same_exact"])
def test_spelling_variants_share_a_key(a, b):
    assert exact_key(a) == exact_key(b)


@pytest.mark.parametrize("a, b", CASES["different_exact"])
def test_different_words_keep_different_keys(a, b):
    assert exact_key(a) != exact_key(b)
    assert fold(a) == fold(b)   # ...although they fold to the same letters


@pytest.mark.parametrize("text, expected", CASES["words"])
def test_words(text, expected):
    assert [w for _, _, w in words(text)] == expected


def test_word_offsets_point_into_the_nfc_text():
    text = "Tỷ lệ hộ nghèo"
    assert [text[a:b] for a, b, _ in words(text)] == ["Tỷ", "lệ", "hộ", "nghèo"]


def test_whole_syllables_only():
    assert "ho" not in fold_text("Holding Terms")
    assert fold_text("Holding Terms", "en") == ["holding", "term"]


def test_abbreviation_pairs_fold_both_sides():
    pairs = abbreviation_pairs([("BHYT", "bảo hiểm y tế"), ("LĐTBXH", "Lao động - Thương binh và Xã hội")])
    assert pairs == [["bhyt", ["bao", "hiem", "y", "te"]], ["ldtbxh", ["lao", "dong", "thuong", "binh", "va", "xa", "hoi"]]]


def test_abbreviation_with_two_english_forms():
    pairs = abbreviation_pairs([("MOLISA / DOLISA", "Labour, Invalids and Social Affairs")], "en")
    assert [p[0] for p in pairs] == ["molisa", "dolisa"]
    assert pairs[0][1] == ["labour", "invalid", "and", "social", "affair"]


def test_every_glossary_abbreviation_gives_a_pair():
    from tracker.model import build_model
    model = build_model(Path(__file__).resolve().parent.parent / "data")
    abbreviations = model.glossary.abbreviations
    assert {a.abbr for a in abbreviations} >= {"BHXH", "BHYT", "BHTN", "LLLĐ", "GDĐT", "LĐTBXH", "NNPTNT", "TNMT", "TTTT",
                                               "UBND", "HĐND"}
    pairs = abbreviation_pairs([(a.abbr, a.vi) for a in abbreviations])
    assert len(pairs) == len(abbreviations)
