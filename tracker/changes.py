"""Changing the data safely, and saying in words what changed.

A change (from a template, the command line or a commit) is written into a copy of data/ first and
checked there by the build's own loader (`build_model`): what the build refuses is never written.
The summary reads like a sentence for a pull request or the update feed:
"2.1 Tỉ lệ thất nghiệp chung: 2023 2,9 → 2,8".
"""
from __future__ import annotations

import csv
import filecmp
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import formatting as fmt
from .catalogue import Catalogue
from .model import Model, build_model
from .numbers import parse_data_number, plain
from .observations import COLUMNS, Observation
from .periods import PeriodError, parse_period


def observation_row(obs: Observation) -> dict[str, str]:
    """An observation in the data file's own form (codes, dot decimals), for every column the files have."""
    row = {"period": obs.period.code, "value": plain(obs.value), "break": obs.series_break}
    for name in COLUMNS:
        row.setdefault(name, str(getattr(obs, name, "") or ""))
    return row


def read_csv_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    return list(reader.fieldnames or COLUMNS), [dict(row) for row in reader]


def put_observation(data_dir: Path, obs: Observation) -> None:
    """Add the figure to its row's file, replacing the line of the same period (a correction)."""
    path = data_dir / "observations" / f"{obs.indicator}.csv"
    header, rows = read_csv_rows(path.read_text(encoding="utf-8")) if path.is_file() else (list(COLUMNS), [])
    new = observation_row(obs)
    for name in new:
        if name not in header and new[name]:
            header.append(name)
    new = {name: new.get(name, "") for name in header}
    for i, row in enumerate(rows):
        if (row.get("period") or "").strip() == new["period"]:
            # Same source: its quote and notes still apply unless given anew. Another source: a new line.
            same = (row.get("source") or "").strip() == new["source"]
            rows[i] = {k: (new[k] or (row.get(k) or "") if same and k not in ("value", "status", "status_basis", "qualifier") else new[k])
                       for k in header}
            break
    else:
        rows.append(new)
        rows.sort(key=_period_key)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore", restval="")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _period_key(row: dict) -> tuple:
    try:
        return (0, parse_period((row.get("period") or "").strip()))
    except PeriodError:
        return (1, row.get("period") or "")


@dataclass
class Staged:
    """A checked copy of data/: `model` is what the build would publish after the change."""

    original: Path
    copy: Path
    model: Model

    def changed_files(self) -> list[Path]:
        """Files of the copy that differ from data/ (relative paths)."""
        out = []
        for path in sorted(self.copy.rglob("*")):
            if path.is_file():
                rel = path.relative_to(self.copy)
                target = self.original / rel
                if not target.is_file() or not filecmp.cmp(path, target, shallow=False):
                    out.append(rel)
        return out

    def write(self) -> list[Path]:
        """Copy the changed files into data/, each through a temporary file so none is left half-written."""
        written = self.changed_files()
        for rel in written:
            target = self.original / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".tmp")
            shutil.copyfile(self.copy / rel, tmp)
            tmp.replace(target)
        return written


def stage(data_dir: Path, workdir: Path, change) -> Staged:
    """Apply `change(copy_dir)` to a copy of data_dir and validate it (raises ValidationFailed)."""
    copy = workdir / "data"
    shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns(".*", "*.tmp"))
    change(copy)
    return Staged(data_dir, copy, build_model(copy))


# --- summaries -----------------------------------------------------------------------------

def _value(row: dict | None, lang: str, with_status: bool = False) -> str:
    """The figure as a reader says it; its status when not official (or when the status changed)."""
    if row is None:
        return "(xóa)" if lang == "vi" else "(removed)"
    number = parse_data_number(row.get("value") or "")
    text = fmt.number(number, lang) if number is not None else (row.get("value") or "")
    status = (row.get("status") or "").strip()
    if status and (status != "official" or with_status):
        try:
            text += f" ({fmt.t('status.' + status, lang)})"
        except KeyError:
            text += f" ({status})"
    return text


def _period(code: str, lang: str) -> str:
    try:
        return fmt.period_text(parse_period(code), lang)
    except PeriodError:
        return code


def describe(catalogue: Catalogue, before: dict[str, list[dict]], after: dict[str, list[dict]],
             lang: str) -> list[str]:
    """One line per added, corrected or removed figure; `before`/`after` map row id → file rows."""
    lines = []
    ids = {i.id: i for i in catalogue.indicators}
    for row_id in sorted(set(before) | set(after), key=_row_order):
        old = {(r.get("period") or "").strip(): _clean(r) for r in before.get(row_id, [])}
        new = {(r.get("period") or "").strip(): _clean(r) for r in after.get(row_id, [])}
        name = catalogue.display_name(ids[row_id], lang) if row_id in ids else ""
        for code in sorted(set(old) | set(new), key=lambda c: _period_key({"period": c})):
            a, b = old.get(code), new.get(code)
            if a == b:
                continue
            head = f"{row_id} {name}: {_period(code, lang)}"
            if a is None:
                lines.append(f"{head} {'(mới)' if lang == 'vi' else '(new)'} {_value(b, lang)}")
            elif b is not None and _value(a, lang) == _value(b, lang):
                fields = [k for k in sorted(set(a) | set(b)) if (a.get(k) or "") != (b.get(k) or "")]
                what = ("sửa " if lang == "vi" else "changed ") + ", ".join(fields)
                lines.append(f"{head} {_value(b, lang)} ({what})")
            else:
                moved = b is not None and a.get("status") != b.get("status")
                lines.append(f"{head} {_value(a, lang, moved)} → {_value(b, lang, moved)}")
    return lines


def _clean(row: dict) -> dict:
    """A file row without empty cells: a column added to a file is not a change of its figures."""
    return {k: v.strip() for k, v in row.items() if k and isinstance(v, str) and v.strip()}


def _row_order(row_id: str) -> tuple:
    parts = row_id.split(".")
    return tuple(int(p) if p.isdigit() else 0 for p in parts), row_id


def rows_of(files: dict[str, str]) -> dict[str, list[dict]]:
    """Observation files' texts (file stem → text) as rows."""
    return {stem: read_csv_rows(text)[1] for stem, text in files.items()}


def model_rows(model: Model) -> dict[str, list[dict]]:
    return {key: [observation_row(o) for o in obs] for key, obs in model.observations.items()}


def summary(catalogue: Catalogue, before: dict[str, list[dict]], after: dict[str, list[dict]],
            sources_before: set[str] = frozenset(), sources_after: set[str] = frozenset()) -> str:
    """The change in Vietnamese, then English; "" when nothing changed."""
    blocks = []
    for lang, title, added_word in (("vi", "Thay đổi số liệu", "Nguồn mới"), ("en", "Data changes", "New sources")):
        lines = describe(catalogue, before, after, lang)
        added = sorted(set(sources_after) - set(sources_before))
        if added:
            lines.append(f"{added_word}: {', '.join(added)}")
        if lines:
            blocks.append(f"{title}:\n" + "\n".join(f"- {line}" for line in lines))
    return "\n\n".join(blocks)
