"""Context figures: numbers that help a reader judge a target row but are not values of it.

A national comparison line, a figure for one population group only (ethnic-minority areas), the
province's own higher target, a figure measured on another definition, the progress of a programme,
or a figure whose period no source states. They are shown on the row's page, labelled as what they
are, and never enter the row's series, its status or its chart line.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import field_serializer, field_validator, model_validator

from .catalogue import Catalogue
from .periods import Period, PeriodError, parse_period
from .problems import Problems
from .sources import cited_source_is_known
from .schema import Strict, bilingual, validate
from .yamlfile import load_yaml

KINDS = ("national", "sub-population", "province-target", "other-definition", "programme", "period-unknown")


class ContextFigure(Strict):
    row: str                       # a row id ("5.2") or a family id ("clean-water")
    kind: Literal["national", "sub-population", "province-target", "other-definition", "programme",
                  "period-unknown"]
    label_vi: str                  # what the figure is, in words: "Cả nước: tỉ lệ hộ nghèo"
    label_en: str
    period: Period | None = None
    value: float | None = None
    qualifier: Literal["", ">", ">=", "<", "<=", "~"] = ""
    unit_vi: str | None = None     # when the figure's unit is not the row's own
    unit_en: str | None = None
    source: str
    quote: str = ""
    quote_en: str = ""
    note_vi: str = ""
    note_en: str = ""

    @field_serializer("period")
    def _period_code(self, period: Period | None) -> str | None:
        return period.code if period else None

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, value: object, info) -> Period | None:
        if value is None or isinstance(value, Period):
            return value
        try:
            return parse_period(str(value), (info.context or {}).get("today"))
        except PeriodError as err:
            raise bilingual(err.vi, err.en, err.hint_vi, err.hint_en) from None

    @model_validator(mode="after")
    def _unit_pair(self) -> "ContextFigure":
        if (self.unit_vi is None) != (self.unit_en is None):
            raise bilingual("Ghi đơn vị bằng cả hai thứ tiếng (unit_vi và unit_en), hoặc bỏ cả hai.",
                            "Give the unit in both languages (unit_vi and unit_en), or neither.")
        return self


def load_context(data_dir: Path, catalogue: Catalogue, sources: dict, problems: Problems,
                 today: date | None = None) -> dict[str, list[ContextFigure]]:
    """data/context.yaml: a list of context figures; each names its row (or family) and a known source."""
    path = data_dir / "context.yaml"
    if not path.is_file():
        return {}
    located = load_yaml(path, problems)
    if located is None:
        return {}
    if not isinstance(located.data, list):
        problems.add(path, 1, None, "Tệp phải là một danh sách (mỗi mục bắt đầu bằng «- row: …»).",
                     "The file must be a list (each entry starting “- row: …”).")
        return {}
    rows = {i.id for i in catalogue.indicators} | set(catalogue.families)
    out: dict[str, list[ContextFigure]] = {}
    for index, item in enumerate(located.data):
        figure = validate(ContextFigure, item, file=path, problems=problems, line_of=located.line_of,
                          base=(index,), context={"today": today})
        if figure is None:
            continue
        if figure.row not in rows:
            problems.add(path, located.line_of((index, "row")), figure.row,
                         f"Không có dòng chỉ tiêu hay nhóm dòng «{figure.row}».",
                         f"There is no target row or family “{figure.row}”.",
                         "Ghi mã dòng (ví dụ \"5.2\") hoặc mã nhóm dòng (ví dụ clean-water).",
                         "Write a row id (e.g. \"5.2\") or a family id (e.g. clean-water).")
            continue
        if not cited_source_is_known(figure.source, sources, problems, path, located.line_of((index, "source"))):
            continue
        out.setdefault(figure.row, []).append(figure)
    for figures in out.values():
        figures.sort(key=lambda f: (f.period is None, f.period.end if f.period else date.min))
    return out
