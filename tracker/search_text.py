"""Search text for Vietnamese and English: words, keys that ignore tone marks, spelling variants, abbreviations.

Readers type on phones without tone marks, sometimes in decomposed Unicode (NFD), and the plan spells some
words two ways (tỉ/tỷ, sĩ/sỹ, khoẻ/khỏe, xoá/xóa, hoà/hòa). Every word therefore gets two keys:
- `exact_key`: the word with its tone moved to the end and final y after a consonant read as i, so that only
  the spelling variants meet (thất ≠ thật);
- `fold`: no marks at all and đ → d, so that "that nghiep" and "dau tu" find "thất nghiệp" and "đầu tư".
The browser's search (docs/assets/search/search.js) does the same; tests/search_cases.json holds the cases
both must agree on. No library does Vietnamese folding with these variants, hence a few hand-written lines.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
# Words: a number with its decimal or thousands marks ("2.1", "3,95", "10.000") or a run of letters/digits.
WORD = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")
# "tỷ", "sỹ", "kỹ", "lý": final y after an initial consonant is the same syllable as i ("quý", "y tế" keep y).
_FINAL_Y = re.compile(r"^(ngh|ng|ch|gh|kh|nh|ph|th|tr|[bcdđghklmnprstvx])y$")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def words(text: str) -> list[tuple[int, int, str]]:
    """The words of a text (made NFC first) with their start and end offsets in the NFC text."""
    text = nfc(text)
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


def _final_y(base: str) -> str:
    return _FINAL_Y.sub(lambda m: m.group(1) + "i", base)


def exact_key(word: str) -> str:
    """Lower case, tone mark moved to the end, y after a consonant as i: khoẻ = khỏe, tỉ = tỷ, thất ≠ thật."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = "".join(c for c in decomposed if c in TONE_MARKS)
    base = nfc("".join(c for c in decomposed if c not in TONE_MARKS))
    return _final_y(base) + tones


def fold(word: str, lang: str = "vi") -> str:
    """Lower case with no marks at all and đ → d; English words also lose a plural s (beds = bed)."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d").replace("Đ", "d"))
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    if lang == "en":
        return _english_singular(bare)
    return _final_y(bare)


def _english_singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def fold_text(text: str, lang: str = "vi") -> list[str]:
    """The folded keys of every word of a text, in order."""
    return [fold(w, lang) for _, _, w in words(text)]


def abbreviation_pairs(entries: Iterable[tuple[str, str]], lang: str = "vi") -> list[list[object]]:
    """[folded abbreviation, [folded words of what it stands for]] for search to use both ways.

    `entries` are (abbreviation, full form) pairs, e.g. ("BHYT", "bảo hiểm y tế"); an abbreviation
    written "MOLISA / DOLISA" gives one pair per form."""
    pairs: list[list[object]] = []
    for abbr, full in entries:
        full_keys = fold_text(full, lang)
        for form in abbr.split("/"):
            keys = fold_text(form, lang)
            if len(keys) == 1 and full_keys and [keys[0], full_keys] not in pairs:
                pairs.append([keys[0], full_keys])
    return pairs
