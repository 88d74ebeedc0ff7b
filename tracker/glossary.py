"""The glossary: the plan's abbreviations and terms in both languages, kept as data (data/glossary.yaml).

One list serves the glossary page, the abbreviation tooltips, search (an abbreviation finds its words)
and the English pages' choice of terms, so that they cannot drift apart.
"""
from __future__ import annotations

from pathlib import Path

from pydantic import Field

from .problems import Problems
from .schema import Strict, validate
from .yamlfile import load_yaml


class Abbreviation(Strict):
    abbr: str = Field(min_length=1)
    vi: str = Field(min_length=1)
    en: str = Field(min_length=1)
    abbr_en: str | None = None


class Term(Strict):
    vi: str = Field(min_length=1)
    en: str = Field(min_length=1)
    note_vi: str | None = None
    note_en: str | None = None


class Glossary(Strict):
    abbreviations: list[Abbreviation] = []
    terms: list[Term] = []


def load_glossary(data_dir: Path, problems: Problems) -> Glossary:
    """An absent file is an empty glossary; a broken one is a located, bilingual problem."""
    path = data_dir / "glossary.yaml"
    if not path.is_file():
        return Glossary()
    located = load_yaml(path, problems)
    if located is None:
        return Glossary()
    glossary = validate(Glossary, located.data, file=path, problems=problems, line_of=located.line_of)
    if glossary is None:
        return Glossary()
    seen: dict[str, int | None] = {}
    for index, item in enumerate(glossary.abbreviations):
        line = located.line_of(("abbreviations", index))
        key = item.abbr.casefold()
        if key in seen:
            problems.add(path, line, item.abbr, f"Chữ viết tắt «{item.abbr}» bị trùng (đã có ở dòng {seen[key]}).",
                         f"The abbreviation “{item.abbr}” is listed twice (first on line {seen[key]}).",
                         "Giữ một mục, xóa mục kia.", "Keep one entry and delete the other.")
        seen.setdefault(key, line)
    seen = {}
    for index, item in enumerate(glossary.terms):
        line = located.line_of(("terms", index))
        key = item.vi.casefold()
        if key in seen:
            problems.add(path, line, item.vi, f"Thuật ngữ «{item.vi}» bị trùng (đã có ở dòng {seen[key]}).",
                         f"The term “{item.vi}” is listed twice (first on line {seen[key]}).",
                         "Giữ một mục, xóa mục kia.", "Keep one entry and delete the other.")
        seen.setdefault(key, line)
    return glossary
