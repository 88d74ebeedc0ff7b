"""Validation problems, collected rather than raised one at a time.

A maintainer fixing data wants every mistake of a run in one list, each naming the file, the line
(and column), the value, and what to write instead, in Vietnamese and in English.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: int | None
    value: str | None
    message_vi: str
    message_en: str
    hint_vi: str = ""
    hint_en: str = ""

    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def render(self) -> str:
        value = "" if self.value is None else f" «{self.value}»"
        lines = [f"{self.location()}:{value}",
                 f"  [vi] {self.message_vi}" + (f" → {self.hint_vi}" if self.hint_vi else ""),
                 f"  [en] {self.message_en}" + (f" → {self.hint_en}" if self.hint_en else "")]
        return "\n".join(lines)


@dataclass
class Problems:
    """A collector that every loader appends to; the build fails if it is not empty."""

    root: Path | None = None
    items: list[Problem] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)   # ids of entries refused with their own error

    def add(self, file: str | Path, line: int | None, value: object, message_vi: str, message_en: str,
            hint_vi: str = "", hint_en: str = "", column: int | None = None) -> None:
        problem = Problem(self._name(file), line, column, None if value is None else str(value),
                          message_vi, message_en, hint_vi, hint_en)
        if problem not in self.items:   # two checks may meet the same fault (a link: the scan and the reader)
            self.items.append(problem)

    def _name(self, file: str | Path) -> str:
        path = Path(file)
        if self.root is not None:
            # the name as written (a link is named, not followed), then as resolved
            for own, root in ((Path(os.path.abspath(path)), Path(os.path.abspath(self.root))),
                              (path.resolve(), self.root.resolve())):
                try:
                    return own.relative_to(root.parent).as_posix()
                except ValueError:
                    pass
        return path.as_posix()

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def render(self) -> str:
        head = (f"Dữ liệu có {len(self.items)} lỗi; không xuất bản gì. / "
                f"The data has {len(self.items)} error(s); nothing was published.")
        return "\n\n".join([head, *(p.render() for p in self.items)])


class ValidationFailed(Exception):
    """Raised once, at the end of loading, carrying every problem found."""

    def __init__(self, problems: Problems):
        super().__init__(problems.render())
        self.problems = problems
