"""Assessments recorded by a responsible department, for targets that code must not judge.

A level target ("Mức độ 2") or a qualitative one ("Xoá bỏ hoàn toàn") has no number to compare a
figure with; its status comes only from the department's own published assessment, with its source,
kept in data/assessments.yaml. Until one is recorded the site says "not assessed".
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from .catalogue import Catalogue
from .problems import Problems
from .sources import cited_source_is_known
from .schema import Strict, validate
from .yamlfile import load_yaml

RECORDED_STATUSES = ("met", "on_track", "needs_acceleration", "off_track")


class RecordedAssessment(Strict):
    indicator: str
    status: Literal["met", "on_track", "needs_acceleration", "off_track"]
    as_of: dt.date
    source: str
    quote: str = ""
    working_vi: str
    working_en: str


def load_assessments(data_dir: Path, catalogue: Catalogue, sources: dict, problems: Problems
                     ) -> dict[str, RecordedAssessment]:
    """The file is optional (an empty list is the honest state while no department has assessed)."""
    path = data_dir / "assessments.yaml"
    if not path.is_file():
        return {}
    located = load_yaml(path, problems)
    if located is None or located.data is None:
        return {}
    if not isinstance(located.data, list):
        problems.add(path, 1, None, "Tệp phải là một danh sách (mỗi mục bắt đầu bằng «- indicator: …»).",
                     "The file must be a list (each entry starting with “- indicator: …”).")
        return {}
    ids = {i.id: i for i in catalogue.indicators}
    found: dict[str, RecordedAssessment] = {}
    for index, item in enumerate(located.data):
        record = validate(RecordedAssessment, item, file=path, problems=problems, line_of=located.line_of,
                          base=(index,))
        if record is None:
            continue
        line = located.line_of((index, "indicator"))
        indicator = ids.get(record.indicator)
        if indicator is None:
            problems.add(path, line, record.indicator, f"Không có chỉ tiêu mã «{record.indicator}».",
                         f"There is no target row “{record.indicator}”.", "Ví dụ: \"6.6\".", "For example: \"6.6\".")
            continue
        if indicator.parsed_target.is_numeric:
            problems.add(path, line, record.indicator,
                         "Chỉ tiêu này có mục tiêu bằng số: trang tự đánh giá từ số liệu, không ghi đánh giá ở đây.",
                         "This target is numeric: the site assesses it from its figures; record a figure instead.",
                         f"Thêm số liệu vào data/observations/{record.indicator}.csv.",
                         f"Add the figure to data/observations/{record.indicator}.csv.")
            continue
        if not cited_source_is_known(record.source, sources, problems, path, located.line_of((index, "source"))):
            continue
        if record.indicator in found:
            problems.add(path, line, record.indicator, "Chỉ tiêu này đã có một đánh giá trong tệp.",
                         "This target already has an assessment in the file.",
                         "Giữ một đánh giá mới nhất cho mỗi chỉ tiêu.", "Keep one, the newest, per target.")
            continue
        found[record.indicator] = record
    return found
