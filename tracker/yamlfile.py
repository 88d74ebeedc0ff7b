"""YAML with line numbers, so that every error can point at the line a maintainer must fix.

PyYAML's safe_load forgets where values came from; composing the node tree keeps each node's
start mark, which we record per key path (the same tuples that pydantic uses as error locations).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .problems import Problems
from .textfile import read_text

Path_ = tuple[Any, ...]


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


def _convert(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = yaml.safe_load(yaml.serialize(key_node))
            out[key] = _convert(value_node, path + (key,), lines)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), lines) for i, item in enumerate(node.value)]
    return yaml.safe_load(yaml.serialize(node))


def load_yaml(path: Path, problems: Problems) -> LocatedYaml | None:
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problems.add(path, mark.line + 1 if mark else None, getattr(err, "problem", None),
                     "Không đọc được YAML.", "This is not valid YAML.",
                     "Kiểm tra thụt lề và dấu hai chấm; đặt văn bản có dấu «:» trong ngoặc kép.",
                     "Check the indentation and colons; put text containing “:” in double quotes.",
                     column=mark.column + 1 if mark else None)
        return None
    if node is None:
        problems.add(path, None, None, "Tệp rỗng.", "The file is empty.")
        return None
    lines: dict[Path_, int] = {}
    return LocatedYaml(_convert(node, (), lines), lines)
