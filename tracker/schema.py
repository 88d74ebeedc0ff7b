"""Pydantic does the checking; this module turns its errors into bilingual, located problems.

Validators raise `bilingual(...)` for rules of our own; generic pydantic errors (missing field,
unknown field, wrong choice, not a number) get a translated message here.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, Callable, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import PydanticCustomError

from .problems import Problems

M = TypeVar("M", bound=BaseModel)

# Ids that reach file names, page addresses and macro calls (departments, sources, breaks): nothing else.
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class Strict(BaseModel):
    """Base for maintainers' records: unknown (often misspelled) fields are errors, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def bilingual(vi: str, en: str, hint_vi: str = "", hint_en: str = "", value: object = None) -> PydanticCustomError:
    """An error of our own rules; `value` names the offending value when the error is about a whole record."""
    return PydanticCustomError("tracker", en, {"vi": vi, "en": en, "hint_vi": hint_vi, "hint_en": hint_en,
                                               "value": value})


def _generic(error: dict[str, Any], fields: list[str]) -> tuple[str, str, str, str]:
    kind = error["type"]
    name = str(error["loc"][-1]) if error["loc"] else ""
    if kind == "tracker":
        ctx = error["ctx"]
        return ctx["vi"], ctx["en"], ctx["hint_vi"], ctx["hint_en"]
    if kind == "missing":
        return (f"Thiếu trường «{name}».", f"The field “{name}” is missing.",
                f"Thêm «{name}: …».", f"Add “{name}: …”.")
    if kind == "extra_forbidden":
        near = difflib.get_close_matches(name, fields, n=1)
        hint_vi = f"Có phải ý bạn là «{near[0]}»?" if near else "Các trường được dùng: " + ", ".join(fields)
        hint_en = f"Did you mean “{near[0]}”?" if near else "The fields are: " + ", ".join(fields)
        return f"Trường «{name}» không có trong mẫu.", f"Unknown field “{name}”.", hint_vi, hint_en
    if kind in ("literal_error", "enum"):
        expected = error.get("ctx", {}).get("expected", "")
        return ("Giá trị không nằm trong danh sách cho phép.", "This value is not one of the allowed values.",
                f"Viết một trong: {expected}.", f"Write one of: {expected}.")
    if kind.startswith(("float", "int", "decimal")):
        return ("Phải là một số.", "This must be a number.",
                "Dùng dấu chấm cho phần thập phân, ví dụ 99.5.", "Use a dot for decimals, e.g. 99.5.")
    if kind.startswith("date"):
        return ("Ngày không hợp lệ.", "This is not a valid date.",
                "Viết theo dạng NĂM-THÁNG-NGÀY, ví dụ 2024-10-10.", "Write it as YEAR-MONTH-DAY, e.g. 2024-10-10.")
    if kind.startswith("string") or kind == "list_type" or kind.startswith("dict") or kind.startswith("model"):
        return (f"Kiểu dữ liệu không đúng ({error['msg']}).", f"Wrong kind of value ({error['msg']}).", "", "")
    return error["msg"], error["msg"], "", ""


def validate(model: type[M], data: Any, *, file: Path, problems: Problems,
             line_of: Callable[[tuple], int | None], base: tuple = (), context: dict | None = None,
             column_of: Callable[[tuple], int | None] = lambda _loc: None) -> M | None:
    """Validate one record; on failure add one problem per error and return None."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as err:
        fields = list(model.model_fields)
        for error in err.errors(include_url=False):
            loc = tuple(error["loc"])
            vi, en, hint_vi, hint_en = _generic(error, fields)
            value = error.get("input") if error["type"] != "missing" else None
            if error["type"] == "tracker" and error["ctx"].get("value") is not None:
                value = error["ctx"]["value"]
            if isinstance(value, (dict, list)):
                value = None
            problems.add(file, line_of(base + loc), value, vi, en, hint_vi, hint_en, column=column_of(loc))
        return None
