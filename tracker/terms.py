"""Checks that a Vietnamese text and its English counterpart use the glossary's terms: wherever the
Vietnamese names a glossary term, the English must carry that term's one English form.

Longer terms win: "Sở Lao động - Thương binh và Xã hội" is matched before "thương binh", and its span is
then blanked, so the shorter term is not asked for inside it.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .glossary import Glossary

# Old-style tone placement ("hoá", "khoẻ", "thuý") is used by the plan beside the new style ("hóa"):
# both are correct Vietnamese, so matching folds them to one form. Hand-written because no maintained
# library does this one mapping.
_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_TONE_RE = re.compile("|".join(_OLD_TONES))


def fold_vi(text: str) -> str:
    """Vietnamese for matching: NFC, case-folded, one tone placement, one kind of space and dash."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = _OLD_TONE_RE.sub(lambda m: _OLD_TONES[m.group(0)], text)
    text = text.replace("tỷ", "tỉ").replace("–", "-")
    return re.sub(r"\s+", " ", text)


def fold_en(text: str) -> str:
    """English for matching: case-folded; a hyphen is a space ("ethnic-minority households" before a noun
    is the same term as "ethnic minority")."""
    text = unicodedata.normalize("NFC", text).casefold().replace("’", "'")
    return re.sub(r"\s+", " ", re.sub(r"[-‐–—]", " ", text))


@dataclass(frozen=True)
class Entry:
    vi: str
    en: str
    abbreviation: bool = False


def entries(glossary: Glossary) -> list[Entry]:
    """Terms and abbreviations, longest Vietnamese first (the order the matching needs)."""
    found = [Entry(t.vi, t.en) for t in glossary.terms]
    found += [Entry(a.abbr, a.en, abbreviation=True) for a in glossary.abbreviations]
    return sorted(found, key=lambda e: len(e.vi), reverse=True)


def _pattern(entry: Entry) -> re.Pattern:
    word = re.escape(fold_vi(entry.vi))
    # a term is a run of whole words ("hộ nghèo" not inside "thộ nghèo"); an abbreviation inside a
    # document symbol ("219/KH-UBND") is part of the symbol, not the abbreviation
    before = r"(?<![\w/-])" if entry.abbreviation else r"(?<!\w)"
    return re.compile(rf"{before}{word}(?!\w)")


def terms_in(vi_text: str, glossary: Glossary) -> list[Entry]:
    """The glossary entries a Vietnamese text uses, longest match first, each once."""
    text = fold_vi(vi_text)
    used = []
    for entry in entries(glossary):
        pattern = _pattern(entry)
        if pattern.search(text):
            used.append(entry)
            text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return used


def missing_terms(vi_text: str, en_text: str, glossary: Glossary) -> list[Entry]:
    """Entries the Vietnamese uses whose English form the English text lacks."""
    english = fold_en(en_text)
    return [e for e in terms_in(vi_text, glossary) if fold_en(e.en) not in english]


def sort_key_vi(text: str) -> str:
    """An alphabetical key for a glossary list: letters without tone marks, đ as d (close to a
    Vietnamese dictionary's order, without an ICU dependency)."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D").casefold()


_PLAIN_ABBREVIATION = re.compile(r"\w[\w.\- ]*")


def abbreviation_titles(glossary: Glossary, lang: str) -> dict[str, str]:
    """Each abbreviation a page can mark, with its tooltip: the Vietnamese words on Vietnamese pages, the English
    term (with the Vietnamese) on English pages."""
    titles = {}
    for a in glossary.abbreviations:
        if not _PLAIN_ABBREVIATION.fullmatch(a.abbr):
            continue  # "]" or markup would break the definition line; the glossary page still lists it
        titles[a.abbr] = " ".join((a.vi if lang == "vi" else f"{a.en} ({a.vi})").split())
    return titles


def abbreviation_definitions(glossary: Glossary, lang: str, used_in: str | None = None) -> str:
    """Markdown `abbr` definitions for a page. Given the page's Markdown, only those of abbreviations it contains:
    the same tooltips, and Markdown's abbr step has less to look for (a tenth of a data page's conversion)."""
    return "\n".join(f"*[{abbr}]: {title}" for abbr, title in abbreviation_titles(glossary, lang).items()
                     if used_in is None or abbr in used_in)


# Letters only Vietnamese writes (ă â đ ê ô ơ ư and the vowels with a dot below or a hook above, or two marks)
_VIETNAMESE_LETTERS = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)


def looks_vietnamese(text: str) -> bool:
    """Whether a text is written in Vietnamese (a quote from a Vietnamese source), by its letters."""
    return bool(_VIETNAMESE_LETTERS.search(unicodedata.normalize("NFC", text)))
