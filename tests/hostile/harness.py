"""The hostile-data harness: apply one case to a copy of data/, run the real build command against the
one good site of the session, and check what a contributor and the site see.

Every refused case must: exit 1; print each expected problem as a block "file:line" with its [vi] and
[en] lines; print no Python traceback; leave the last good site byte-identical. Validation fails before
MkDocs runs, so a case costs one validation, not one site build.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import re
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from scripts import build as build_module
from tracker.observations import COLUMNS

from ..conftest import DATA

SOURCE = next(iter(yaml.safe_load((DATA / "sources.yaml").read_text(encoding="utf-8"))))
HANG_GUARD_S = 10   # not a benchmark: a case that expands or recurses without bound would take minutes


@dataclass(frozen=True)
class Expect:
    file: str
    line: int | None
    says_en: str | tuple[str, ...]
    says_vi: str | tuple[str, ...]


@dataclass(frozen=True)
class Case:
    name: str
    apply: Callable[[Path], None]
    expect: list[Expect] = field(default_factory=list)
    count: int | None = None        # when set: exactly this many problems (nothing false beside the real one)

    def __str__(self) -> str:
        return self.name


# --- building blocks for cases -------------------------------------------------------------------
def row(period: str = "2023", value: str = "3.5", status: str = "official", source: str = SOURCE, **more) -> dict:
    return {"period": period, "value": value, "status": status, "source": source, **more}


def csv_text(*rows: dict, columns: tuple[str, ...] = COLUMNS, sep: str = ",", end: str = "\n",
             quote: bool = True) -> str:
    def cell(value: str) -> str:
        needs = quote and any(c in value for c in (sep, '"', "\n"))
        return f'"{value.replace(chr(34), chr(34) * 2)}"' if needs else value
    return end.join([sep.join(columns), *(sep.join(cell(r.get(c, "")) for c in columns) for r in rows)]) + end


def write(rel: str, content: str | bytes) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        path = data.parent / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return apply


def append(rel: str, text: str) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        with (data.parent / rel).open("a", encoding="utf-8", newline="") as out:
            out.write("\n" + text)
    return apply


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        path = data.parent / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is no longer in {rel}: update the case"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def set_field(rel: str, anchor: str, name: str, value: str) -> Callable[[Path], None]:
    """Set `name:` of the YAML entry that starts at the line holding `anchor` (e.g. 'id: "2.1"'), whatever
    its current text: maintainers keep rewording the real data."""
    def apply(data: Path) -> None:
        path = data.parent / rel
        lines = path.read_text(encoding="utf-8").split("\n")
        start = next(n for n, text in enumerate(lines) if anchor in text)
        at = next(n for n in range(start, len(lines)) if lines[n].strip().startswith(f"{name}:"))
        indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
        lines[at] = f'{indent}{name}: "{value.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"'
        path.write_text("\n".join(lines), encoding="utf-8")
    return apply


def line_of(rel: str, needle: str, after: int = 0) -> int:
    """The line where `needle` first appears in the real data file (cases do not hard-code lines of
    files that maintainers keep editing)."""
    lines = (DATA.parent / rel).read_text(encoding="utf-8").split("\n")
    return next(n for n, text in enumerate(lines, start=1) if n > after and needle in text)


def lines_in(rel: str) -> int:
    return len((DATA.parent / rel).read_text(encoding="utf-8").rstrip("\n").split("\n"))


# --- running and checking ------------------------------------------------------------------------
def fingerprint(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def run_build(data: Path, site: Path) -> tuple[int, str, float]:
    """The real build command, in this process; an exception becomes a printed traceback and exit 99."""
    out = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            code = build_module.main(["--data", str(data), "--site", str(site)])
        except BaseException:   # noqa: BLE001 — the point is to see it
            traceback.print_exc()
            code = 99
    return code, out.getvalue(), time.perf_counter() - started


def _blocks(output: str) -> list[str]:
    return [b for b in output.split("\n\n") if b.strip()]


def _has(text: str, wanted: str | tuple[str, ...]) -> bool:
    return any(w in text for w in ((wanted,) if isinstance(wanted, str) else wanted))


def check_refused(case: Case, data: Path, site: Path, before: dict[str, str]) -> str:
    case.apply(data)
    code, output, took = run_build(data, site)
    assert "Traceback" not in output, output
    assert code == 1, output
    assert took < HANG_GUARD_S, f"{case} took {took:.1f} s"
    assert "nothing was published" in output and "không xuất bản gì" in output, output
    for want in case.expect:
        where = want.file + (f":{want.line}" if want.line is not None else "")
        found = [b for b in _blocks(output) if re.match(re.escape(where) + r"(:|\b)", b)
                 and _has(b.split("[en]")[-1], want.says_en) and _has(b.split("[en]")[0].split("[vi]")[-1], want.says_vi)]
        assert found, f"expected at {where}: {want.says_en!r} / {want.says_vi!r} in:\n{output}"
        assert "  [vi] " in found[0] and "  [en] " in found[0]
    if case.count is not None:
        assert len(_blocks(output)) - 1 == case.count, output
    assert fingerprint(site) == before, "the last good site changed"
    assert not site.with_name(site.name + ".staging").exists()
    return output
