"""YAML with line numbers, so that every error can point at the line a maintainer must fix.

PyYAML's safe_load forgets where values came from; composing the node tree keeps each node's
start mark, which we record per key path (the same tuples that pydantic uses as error locations).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .limits import MAX_FIELD_CHARS, MAX_YAML_DEPTH, YAML_ALLOWED_TAGS
from .problems import Problems
from .textfile import read_text

Path_ = tuple[Any, ...]
# libyaml (C) reads and composes ~10× faster than pure Python, with the same marks and the same safe subset
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCT = yaml.constructor.SafeConstructor()


class LocatedYaml:
    def __init__(self, data: Any, lines: dict[Path_, int]):
        self.data = data
        self.lines = lines

    def line_of(self, path: Path_) -> int | None:
        """The line of the deepest known node on this path."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)


class _Refused(Exception):
    """A YAML feature or size that data files never need; carries the line and what to write instead."""

    def __init__(self, node_or_event, value: object, vi: str, en: str, hint_vi: str, hint_en: str):
        super().__init__(en)
        self.line = node_or_event.start_mark.line + 1
        self.column = node_or_event.start_mark.column + 1
        self.value, self.vi, self.en, self.hint_vi, self.hint_en = value, vi, en, hint_vi, hint_en


def _screen(text: str) -> None:
    """Walk the event stream once (no recursion, no expansion) before building anything: refuse
    anchors/aliases, tags, deep nesting and huge values, so a hostile file costs no more than reading it."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(event, "&/*", "Không dùng neo và tham chiếu YAML (&, *).",
                           "YAML anchors and aliases (&, *) are not allowed.",
                           "Viết đầy đủ nội dung ở mỗi chỗ.", "Write the content out in full at each place.")
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in YAML_ALLOWED_TAGS and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            raise _Refused(event, tag, f"Không dùng thẻ YAML «{tag}».", f"The YAML tag “{tag}” is not allowed.",
                           "Xóa thẻ; đặt văn bản trong ngoặc kép nếu cần.", "Remove the tag; quote the text if needed.")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise _Refused(event, None, f"Lồng quá sâu: tối đa {MAX_YAML_DEPTH} cấp.",
                               f"Nested too deeply: at most {MAX_YAML_DEPTH} levels.",
                               "Theo mẫu của tệp: các mục chỉ lồng vài cấp.", "Follow the file's pattern: entries nest a few levels only.")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_FIELD_CHARS:
            raise _Refused(event, f"{len(event.value):,} ký tự / characters",
                           f"Giá trị quá dài: tối đa {MAX_FIELD_CHARS} ký tự.",
                           f"The value is too long: at most {MAX_FIELD_CHARS} characters.",
                           "Rút gọn văn bản.", "Shorten the text.")


def _scalar(node: yaml.Node) -> Any:
    try:  # the safe constructor on the node itself (its tag is already resolved): no second parse
        return _CONSTRUCT.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.YAMLError):   # 2024-02-30 matches the date pattern, then fails
        raise _Refused(node, node.value, f"«{node.value}» không phải là giá trị hợp lệ (ngày không có thật?).",
                       f"“{node.value}” is not a valid value (a date that does not exist?).",
                       "Ngày viết NĂM-THÁNG-NGÀY có thật, ví dụ 2024-02-29; văn bản khác đặt trong ngoặc kép.",
                       "Write a real date as YEAR-MONTH-DAY, e.g. 2024-02-29; quote other text.") from None


def _convert(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(key_node, "<<", "Không dùng khóa gộp YAML «<<».", "YAML merge keys (“<<”) are not allowed.",
                               "Viết đầy đủ các trường.", "Write every field out in full.")
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(key_node, None, "Khóa phải là một chữ hoặc số.", "A key must be a word or a number.",
                               "Ví dụ: «name_vi: …».", "For example: “name_vi: …”.")
            key = _scalar(key_node)
            if key in out:
                first = lines[path + (key,)]
                raise _Refused(key_node, key, f"Khóa «{key}» bị trùng (đã có ở dòng {first}).",
                               f"The key “{key}” is used twice (first on line {first}).",
                               "Gộp hai mục thành một, hoặc đổi một khóa.", "Merge the two entries, or rename one.")
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _convert(value_node, path + (key,), lines)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), lines) for i, item in enumerate(node.value)]
    return _scalar(node)


def load_yaml(path: Path, problems: Problems) -> LocatedYaml | None:
    """Read a YAML data file safely and boundedly (see tracker/limits.py), keeping each value's line."""
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        _screen(text)
        node = yaml.compose(text, Loader=_LOADER)
        if node is None:
            problems.add(path, None, None, "Tệp rỗng.", "The file is empty.")
            return None
        lines: dict[Path_, int] = {}
        return LocatedYaml(_convert(node, (), lines), lines)
    except _Refused as err:
        problems.add(path, err.line, err.value, err.vi, err.en, err.hint_vi, err.hint_en, column=err.column)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problems.add(path, mark.line + 1 if mark else None, getattr(err, "problem", None),
                     "Không đọc được YAML.", "This is not valid YAML.",
                     "Kiểm tra thụt lề và dấu hai chấm; đặt văn bản có dấu «:» trong ngoặc kép; "
                     "thụt lề bằng dấu cách, không dùng tab.",
                     "Check the indentation and colons; put text containing “:” in double quotes; "
                     "indent with spaces, not tabs.",
                     column=mark.column + 1 if mark else None)
    return None
