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


def _refuse_twice(items: list, key: str, text_of, what: tuple[str, str], path: Path, located, problems: Problems) -> None:
    """An entry listed twice (case aside) is an error naming both lines: the second would silently win."""
    seen: dict[str, int | None] = {}
    for index, item in enumerate(items):
        line, text = located.line_of((key, index)), text_of(item)
        first = seen.setdefault(text.casefold(), line)
        if first != line:
            problems.add(path, line, text, f"{what[0]} «{text}» bị trùng (đã có ở dòng {first}).",
                         f"The {what[1]} “{text}” is listed twice (first on line {first}).",
                         "Giữ một mục, xóa mục kia.", "Keep one entry and delete the other.")


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
    _refuse_twice(glossary.abbreviations, "abbreviations", lambda a: a.abbr, ("Chữ viết tắt", "abbreviation"),
                  path, located, problems)
    _refuse_twice(glossary.terms, "terms", lambda t: t.vi, ("Thuật ngữ", "term"), path, located, problems)
    return glossary
