"""The catalogue: the plan's groups, departments, sections and its 61 target rows.

Loaded from data/catalogue/*.yaml and data/plan/*.yaml; every reference between them (a row's
department, family, plan sections, unit) is checked here, with the line to fix.
"""
from __future__ import annotations

import datetime as dt
import difflib
from functools import cached_property
import math
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from .problems import Problems
from .schema import ID, Strict, bilingual, validate
from .targets import Target, misread_comparator, parse_target
from .textfile import nfc
from .yamlfile import LocatedYaml, load_yaml

ROW_ID = re.compile(r"(\d+)\.(\d+)")


class Section(Strict):
    key: str
    page: str
    title_vi: str
    title_en: str

    @property
    def page_path(self) -> str:
        return self.page.split("#")[0]

    @property
    def anchor(self) -> str:
        return self.page.partition("#")[2]


class Group(Strict):
    id: int = Field(ge=1)
    name_vi: str
    name_en: str
    sections: list[str]


class Since2025(Strict):
    """What a source says became of a department in the 2025 reorganisation; only sourced facts."""

    vi: str
    en: str
    source: str
    successor_vi: str | None = None      # the body that answers for the department's duties now
    successor_en: str | None = None
    announced: dt.date | None = None     # the date the source gives for the change
    duties_vi: str | None = None         # how the duties were shared out, where a source says so
    duties_en: str | None = None
    duties_source: str | None = None


class Department(Strict):
    id: str
    abbreviation_vi: str
    name_vi: str
    name_en: str
    abbreviation_en: str | None = None
    since_2025: Since2025 | None = None

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not ID.fullmatch(value):
            raise bilingual(f"Mã đơn vị «{value}» không đúng dạng.", f"The department id “{value}” is not well formed.",
                            "Chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ «so-y-te».",
                            "Use only lower-case letters a–z, digits and hyphens, e.g. “so-y-te”.")
        return value


class Family(Strict):
    heading_vi: str
    heading_en: str
    # The heading's "per 10,000 people" belongs to each row's unit. Written without leading spaces (data
    # files are stripped); unit_text joins a suffix that starts with a letter with a space.
    unit_suffix_vi: str = ""   # "/10.000 dân"
    unit_suffix_en: str = ""   # "per 10,000 people"


class Indicator(Strict):
    id: str
    name_vi: str
    name_en: str
    unit: str
    unit_en: str | None = None  # when the row's unit needs its own English (the plan's "người" for doctors)
    target: str
    target_en: str | None = None
    direction: Literal["higher", "lower"] | None = None
    department: str
    sections: list[str] = []
    family: str | None = None
    note_vi: str | None = None
    note_en: str | None = None
    note_sources: list[str] = []  # sources of the facts an editors' note states (cited like figures)
    figures_are_vi: str | None = None  # what the reported figures measure, when the row's wording differs (4.3)
    figures_are_en: str | None = None

    @field_validator("id")
    @classmethod
    def _row_id(cls, value: str) -> str:
        if not ROW_ID.fullmatch(value):
            raise bilingual(f"Mã chỉ tiêu «{value}» không đúng dạng nhóm.dòng.",
                            f"The id “{value}” is not of the form group.row.",
                            "Ví dụ: \"2.1\" (đặt trong ngoặc kép).", "For example: \"2.1\" (in double quotes).")
        return value

    @property
    def group_id(self) -> int:
        return int(self.id.split(".")[0])

    @property
    def row(self) -> int:
        return int(self.id.split(".")[1])

    @property
    def slug(self) -> str:
        """The page name: "2.1" → "2-1" (a dot would be taken for a language suffix)."""
        return self.id.replace(".", "-")

    @property
    def parsed_target(self) -> Target:
        return parse_target(self.target, self.unit)

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"


class Catalogue(Strict):
    sections: list[Section]
    groups: list[Group]
    departments: list[Department]
    units: dict[str, str]
    families: dict[str, Family]
    indicators: list[Indicator]

    def indicator(self, id: str) -> Indicator:
        return self._by_id[id]

    @cached_property
    def _by_id(self) -> dict[str, Indicator]:
        """Built once: a lookup per row must not rescan every row (10× the targets would cost 100×)."""
        return {i.id: i for i in self.indicators}

    def department(self, id: str) -> Department:
        return next(d for d in self.departments if d.id == id)

    def group(self, id: int) -> Group:
        return next(g for g in self.groups if g.id == id)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def in_group(self, group_id: int) -> list[Indicator]:
        return [i for i in self.indicators if i.group_id == group_id]

    def of_department(self, department_id: str) -> list[Indicator]:
        return [i for i in self.indicators if i.department == department_id]

    def sections_of(self, indicator: Indicator) -> list[Section]:
        keys = self.group(indicator.group_id).sections + indicator.sections
        return [s for s in self.sections if s.key in keys]

    def unit_text(self, indicator: Indicator, lang: str) -> str:
        unit = indicator.unit if lang == "vi" else (indicator.unit_en or self.units[indicator.unit])
        if indicator.family:
            family = self.families[indicator.family]
            suffix = family.unit_suffix_vi if lang == "vi" else family.unit_suffix_en
            if suffix:
                unit += suffix if suffix.startswith("/") else f" {suffix}"
        return unit

    def is_per_10000(self, indicator: Indicator) -> bool:
        """A row of a "per 10,000 people" family is a rate, whatever its unit (beds, doctors)."""
        family = self.families.get(indicator.family) if indicator.family else None
        return family is not None and "10,000" in family.unit_suffix_en

    def display_name(self, indicator: Indicator, lang: str) -> str:
        """A breakdown row's own name ("Thành thị") only makes sense after its family's heading."""
        name = indicator.name_vi if lang == "vi" else indicator.name_en
        if indicator.family is None:
            return name
        family = self.families[indicator.family]
        heading = family.heading_vi if lang == "vi" else family.heading_en
        return name if name == heading else f"{heading} — {name}"


def _list(located: LocatedYaml | None, file: Path, key: str | None, problems: Problems) -> list:
    if located is None:
        return []
    data = located.data if key is None else (located.data or {}).get(key) if isinstance(located.data, dict) else None
    if not isinstance(data, (list, dict)):
        problems.add(file, 1, None, f"Tệp phải chứa danh sách «{key or 'các mục'}».",
                     f"The file must hold the list “{key or 'items'}”.")
        return []
    return data


def _unknown(problems: Problems, file: Path, line: int | None, what_vi: str, what_en: str, value: str,
             known: list[str]) -> None:
    near = difflib.get_close_matches(value, known, n=1)
    problems.add(file, line, value, f"{what_vi} «{value}» không có.", f"Unknown {what_en} “{value}”.",
                 (f"Có phải ý bạn là «{near[0]}»? " if near else "") + "Dùng một trong: " + ", ".join(known),
                 (f"Did you mean “{near[0]}”? " if near else "") + "Use one of: " + ", ".join(known))


def load_catalogue(data_dir: Path, problems: Problems) -> Catalogue | None:
    files = {
        "sections": data_dir / "plan" / "sections.yaml",
        "groups": data_dir / "catalogue" / "groups.yaml",
        "departments": data_dir / "catalogue" / "departments.yaml",
        "indicators": data_dir / "catalogue" / "indicators.yaml",
    }
    before = len(problems)
    for file in files.values():
        if not file.is_file():
            problems.add(file, None, None, "Thiếu tệp danh mục.", "A catalogue file is missing.",
                         "Khôi phục tệp từ lịch sử git.", "Restore the file from the git history.")
    if len(problems) > before:
        return None
    located = {name: load_yaml(path, problems) for name, path in files.items()}

    def records(name: str, model, key: str | None = None) -> list[tuple]:
        """Validated records of one file, each with `at(field)`: the line of one of its fields."""
        loc, file = located[name], files[name]
        items = _list(loc, file, key, problems)
        out = []
        pairs = items.items() if isinstance(items, dict) else enumerate(items)
        for index, item in pairs:
            base = ((key,) if key else ()) + (index,)
            record = validate(model, item, file=file, problems=problems, line_of=loc.line_of, base=base)
            if record is not None:
                out.append((index, record, loc.line_of(base),
                            lambda field, loc=loc, base=base: loc.line_of(base + (field,))))
            elif isinstance(item, dict) and isinstance(item.get("id"), str):
                problems.refused.add(item["id"])   # its own error is enough: no "unknown" error where it is used
        return out

    sections = records("sections", Section)
    groups = records("groups", Group)
    departments = records("departments", Department)
    families = records("indicators", Family, "families")
    indicators = records("indicators", Indicator, "indicators")
    units_raw = located["indicators"].data.get("units", {}) if located["indicators"] and isinstance(
        located["indicators"].data, dict) else {}
    units = {nfc(str(k)): str(v) for k, v in (units_raw or {}).items()}

    for name, label_vi, label_en, found, key_of in (
            ("sections", "Mục", "section", sections, lambda s: s.key),
            ("groups", "Nhóm", "group", groups, lambda g: g.id),
            ("departments", "Đơn vị", "department", departments, lambda d: d.id)):
        first: dict = {}
        for _, record, line, _ in found:
            key = key_of(record)
            if key in first:
                problems.add(files[name], line, key, f"{label_vi} «{key}» bị trùng (đã có ở dòng {first[key]}).",
                             f"The {label_en} “{key}” is listed twice (first on line {first[key]}).",
                             "Mỗi mục một mã riêng: gộp hoặc xóa một mục.", "Give each entry its own id: merge or delete one.")
            first.setdefault(key, line)
    section_keys = [s.key for _, s, _, _ in sections]
    group_ids = [g.id for _, g, _, _ in groups]
    department_ids = [d.id for _, d, _, _ in departments]
    family_ids = [str(k) for k, _, _, _ in families]
    ind_file = files["indicators"]

    for _, group, line, _ in groups:
        for key in group.sections:
            if key not in section_keys:
                _unknown(problems, files["groups"], line, "Mục kế hoạch", "plan section", key, section_keys)
    seen: dict[str, int | None] = {}
    previous: tuple[int, int] = (0, 0)
    for _, ind, line, at in indicators:
        if ind.id in seen:
            problems.add(ind_file, line, ind.id, f"Mã chỉ tiêu «{ind.id}» bị trùng (đã có ở dòng {seen[ind.id]}).",
                         f"The id “{ind.id}” is used twice (first on line {seen[ind.id]}).",
                         "Mỗi dòng chỉ tiêu có một mã riêng.", "Give each target row its own id.")
        seen[ind.id] = line
        if (ind.group_id, ind.row) <= previous:
            problems.add(ind_file, line, ind.id, "Các chỉ tiêu phải theo thứ tự của phụ lục.",
                         "Target rows must follow the appendix order.",
                         f"Đặt dòng này sau {previous[0]}.{previous[1]}.",
                         f"Put this row after {previous[0]}.{previous[1]}.")
        previous = max(previous, (ind.group_id, ind.row))
        if ind.group_id not in group_ids:
            _unknown(problems, ind_file, line, "Nhóm", "group", str(ind.group_id), [str(g) for g in group_ids])
        if ind.department not in department_ids and ind.department not in problems.refused:
            _unknown(problems, ind_file, at("department"), "Đơn vị phụ trách", "department", ind.department, department_ids)
        if ind.family is not None and ind.family not in family_ids:
            _unknown(problems, ind_file, at("family"), "Nhóm dòng", "family", ind.family, family_ids)
        for key in ind.sections:
            if key not in section_keys:
                _unknown(problems, ind_file, at("sections"), "Mục kế hoạch", "plan section", key, section_keys)
        if ind.unit not in units:
            _unknown(problems, ind_file, at("unit"), "Đơn vị tính", "unit", ind.unit, list(units))
        target = ind.parsed_target
        meant = misread_comparator(ind.target)
        if meant:
            problems.add(ind_file, at("target"), ind.target, f"Mục tiêu «{ind.target}» không rõ: có phải ý bạn là «{meant}»?",
                         f"The target “{ind.target}” is unclear: did you mean “{meant}”?",
                         f"Viết «{meant}» (hoặc ≥, ≤).", f"Write “{meant}” (or ≥, ≤).")
        elif target.value is not None and not math.isfinite(target.value):
            problems.add(ind_file, at("target"), ind.target, "Con số của mục tiêu quá lớn.", "The target's number is too large.",
                         "Ghi con số như trong kế hoạch.", "Write the number as the plan writes it.")
        if target.operator == "text" and not ind.target_en:
            problems.add(ind_file, line, ind.target, "Mục tiêu định tính cần bản tiếng Anh.",
                         "A qualitative target needs its English text.",
                         "Thêm «target_en: …».", "Add “target_en: …”.")
        if target.operator != "text" and ind.direction is None:
            problems.add(ind_file, line, ind.target, "Mục tiêu định lượng cần hướng tiến bộ.",
                         "A numeric target needs the direction of progress.",
                         "Thêm «direction: higher» (càng cao càng tốt) hoặc «direction: lower».",
                         "Add “direction: higher” (higher is better) or “direction: lower”.")
        if ind.is_percent and target.value is not None and not 0 <= target.value <= 100:
            problems.add(ind_file, line, ind.target, "Tỉ lệ phần trăm phải từ 0 đến 100.",
                         "A percentage must be between 0 and 100.")
    if len(problems) > before:
        return None
    return Catalogue(sections=[s for _, s, _, _ in sections], groups=[g for _, g, _, _ in groups],
                     departments=[d for _, d, _, _ in departments], units=units,
                     families={str(k): f for k, f, _, _ in families}, indicators=[i for _, i, _, _ in indicators])
