"""Sources that figures cite, and the breaks in a series that make figures incomparable.

A citation for the press needs publisher, title or address, and date; a source without a date is
allowed (some pages carry none) and is shown as undated rather than given an invented date.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from urllib.parse import urlsplit

from pydantic import model_validator

from .problems import Problems
from .schema import ID, Strict, bilingual, validate
from .yamlfile import load_yaml


class Source(Strict):
    publisher: str
    publisher_en: str | None = None
    title: str | None = None
    title_en: str | None = None
    url: str | None = None
    reference: str | None = None
    reference_en: str | None = None
    date: dt.date | None = None

    @model_validator(mode="after")
    def _findable(self) -> "Source":
        if not (self.title or self.url or self.reference):
            raise bilingual("Nguồn cần tiêu đề, địa chỉ (url) hoặc cách tìm (reference).",
                            "A source needs a title, an address (url) or a reference.",
                            "Thêm «url: https://…».", "Add “url: https://…”.")
        if self.url and not _web_address(self.url):
            raise bilingual(f"Địa chỉ «{self.url}» không dùng được.", f"The address “{self.url}” cannot be used.",
                            "Chỉ chấp nhận địa chỉ web bắt đầu bằng https:// (hoặc http://), có tên miền, "
                            "không có dấu cách, ngoặc kép hay dấu < >.",
                            "Only web addresses starting with https:// (or http://) are accepted, with a host name, "
                            "and without spaces, quotes or < >.", value=self.url)
        return self


def _web_address(url: str) -> bool:
    """https or http only (never javascript:, data:, file:), with a host, and nothing that could end an
    HTML attribute or a Markdown link."""
    if any(c.isspace() or c in '<>"\'`\\' for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("https", "http") and bool(parts.hostname) and url.startswith(parts.scheme + "://")


class SeriesBreak(Strict):
    """A figure across a break is not comparable with the target's basis (Kiên Giang, current method)."""

    kind: Literal["method", "geography"]
    date: dt.date | None = None
    side: Literal["before", "after"] = "after"  # which side of `date` the figures under this break lie on
    short_vi: str
    short_en: str
    title_vi: str
    title_en: str
    description_vi: str
    description_en: str
    source: str | None = None


def _load_mapping(path: Path, model, problems: Problems) -> dict:
    if not path.is_file():
        problems.add(path, None, None, "Thiếu tệp.", "The file is missing.")
        return {}
    located = load_yaml(path, problems)
    if located is None:
        return {}
    if not isinstance(located.data, dict):
        problems.add(path, 1, None, "Tệp phải là một bảng «mã: nội dung».", "The file must map ids to entries.")
        return {}
    out = {}
    for key, item in located.data.items():
        if not isinstance(key, str) or not ID.fullmatch(key):
            problems.add(path, located.line_of((key,)), key, f"Mã «{key}» không đúng dạng.", f"The id “{key}” is not well formed.",
                         "Chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ «so-y-te-2024».",
                         "Use only lower-case letters a–z, digits and hyphens, e.g. “so-y-te-2024”.")
            problems.refused.add(str(key))
            continue
        record = validate(model, item, file=path, problems=problems, line_of=located.line_of, base=(key,))
        if record is not None:
            out[str(key)] = record
        else:   # its own error is enough: citing it is not a second, "unknown" error
            problems.refused.add(str(key))
    return out


def cited_source_is_known(source_id: str, sources: dict, problems: Problems, file: Path, line: int | None,
                          whose_vi: str = "", whose_en: str = "") -> bool:
    """Every place that cites a source checks it here. A source already refused with its own error (say, a bad
    address) is not reported a second time as unknown where it is cited."""
    if source_id in sources:
        return True
    if source_id not in problems.refused:
        problems.add(file, line, source_id, f"Nguồn{whose_vi} không có trong data/sources.yaml.",
                     f"The source{whose_en} is not in data/sources.yaml.",
                     "Thêm nguồn vào data/sources.yaml trước.", "Add the source to data/sources.yaml first.")
    return False


def load_sources(data_dir: Path, problems: Problems) -> dict[str, Source]:
    return _load_mapping(data_dir / "sources.yaml", Source, problems)


def load_breaks(data_dir: Path, problems: Problems) -> dict[str, SeriesBreak]:
    return _load_mapping(data_dir / "breaks.yaml", SeriesBreak, problems)
