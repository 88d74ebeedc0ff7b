"""When each published figure changed, from what to what: the site's change log.

Where the log comes from (decided here, documented in data/observations/README.md):
1. git history of data/observations/, when the repository has its full history. Each commit on the
   first-parent line (the main branch, merges included as one step) is compared with the one before;
   a figure is a (value, qualifier, status) of one target row and period.
2. data/changes.yaml, kept beside the data, when git history is missing or shallow (CI often clones
   with depth 1, which would date every figure to the last commit). `python -m scripts.changelog`
   rewrites it from git; commit it with the data.
Uncommitted edits are not in the log: a change is dated by the commit that published it.
"""
from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import date, datetime
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from .problems import Problems
from .schema import validate
from .yamlfile import load_yaml

LOG_FILE = "changes.yaml"
# The plan's lead department reports to the Provincial People's Committee before 15 November each year.
REPORT_DAY = (11, 15)
FIRST_REPORT_YEAR = 2024  # the plan is dated 8 July 2024: its first annual report falls in 2024


class Figure(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    value: str
    qualifier: str = ""
    status: str = ""


class Change(BaseModel):
    """One figure added, changed or removed by one commit."""
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str
    period: str
    before: Figure | None = None
    after: Figure | None = None
    when: datetime
    commit: str = ""

    @property
    def kind(self) -> str:
        return "added" if self.before is None else "removed" if self.after is None else "changed"


def read_figures(text: str) -> dict[str, Figure]:
    """The figures of one observation file, by period code. Tolerant: old versions of a file may use
    older columns, and a line that was invalid then is simply not a figure."""
    figures: dict[str, Figure] = {}
    for row in csv.DictReader(io.StringIO(text)):
        period, value = (row.get("period") or "").strip().upper(), (row.get("value") or "").strip()
        if period and value:
            figures[period] = Figure(value=value, qualifier=(row.get("qualifier") or "").strip(),
                                     status=(row.get("status") or "").strip())
    return figures


def diff(indicator: str, before: dict[str, Figure], after: dict[str, Figure], when: datetime,
         commit: str = "") -> list[Change]:
    out = []
    for period in sorted(set(before) | set(after)):
        old, new = before.get(period), after.get(period)
        if old != new:
            out.append(Change(id=indicator, period=period, before=old, after=new, when=when, commit=commit))
    return out


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          encoding="utf-8").stdout


def has_full_history(folder: Path) -> bool:
    try:
        return _git(folder, "rev-parse", "--is-shallow-repository").strip() == "false"
    except (subprocess.CalledProcessError, FileNotFoundError):
        return False


CACHE = Path("build") / "changelog-cache.json"   # under the work tree's top folder, beside the build's other caches


def from_git(observations: Path) -> list[Change]:
    """The change log of every file in `observations` (a folder inside a git work tree), oldest first. It takes a
    few git commands per commit, so it is kept in build/ and read again until a new commit touches the folder."""
    top = Path(_git(observations, "rev-parse", "--show-toplevel").strip())
    rel = observations.resolve().relative_to(top.resolve()).as_posix()
    key = f"{_git(top, 'log', '-1', '--first-parent', '--format=%H', '--', rel).strip()} {rel}"
    cache = top / CACHE
    try:
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored.get("key") == key:
            return [Change.model_validate(item) for item in stored["changes"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    changes = _history(top, rel)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps({"key": key, "changes": [c.model_dump(mode="json") for c in changes]},
                                    ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass   # a read-only checkout: no cache, same result
    return changes


def _history(top: Path, rel: str) -> list[Change]:
    commits = _git(top, "log", "--first-parent", "--reverse", "--format=%H %cI", "--", rel).split("\n")
    seen: dict[str, dict[str, Figure]] = {}
    changes: list[Change] = []
    previous = None
    for line in filter(None, commits):
        sha, stamp = line.split(" ", 1)
        when = datetime.fromisoformat(stamp)
        listed = (_git(top, "diff", "--name-only", "--no-renames", previous, sha, "--", rel) if previous
                  else _git(top, "ls-tree", "-r", "--name-only", sha, "--", rel))
        for path in sorted(filter(None, listed.split("\n"))):
            name = Path(path)
            if name.suffix != ".csv":
                continue
            try:
                text = _git(top, "show", f"{sha}:{path}")
            except subprocess.CalledProcessError:  # deleted in this commit
                text = ""
            now = read_figures(text)
            changes += diff(name.stem, seen.get(name.stem, {}), now, when, sha[:12])
            seen[name.stem] = now
        previous = sha
    return changes


def load_log(path: Path, problems: Problems) -> list[Change]:
    """data/changes.yaml: a list of changes as `dump_log` writes them."""
    if not path.is_file():
        return []
    located = load_yaml(path, problems)
    if located is None or not isinstance(located.data, list):
        return []
    found = [validate(Change, item, file=path, problems=problems, line_of=located.line_of, base=(i,))
             for i, item in enumerate(located.data)]
    return [c for c in found if c is not None]


def dump_log(changes: list[Change]) -> str:
    head = ("# Changes to the figures in data/observations/, oldest first. Written from git history by\n"
            "# `python -m scripts.changelog`; the build reads it only when git history is missing or shallow.\n")
    body = [c.model_dump(mode="json", exclude_defaults=True) for c in changes]
    return head + (yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=1000) if body else "[]\n")


def load_changes(data_dir: Path, problems: Problems) -> list[Change]:
    """git history when complete, else the committed log; problems in the log are reported as data errors."""
    observations = data_dir / "observations"
    if observations.is_dir() and has_full_history(observations):
        return from_git(observations)
    return load_log(data_dir / LOG_FILE, problems)


def last_changed(changes: list[Change], indicator: str) -> datetime | None:
    return max((c.when for c in changes if c.id == indicator), default=None)


def next_report_due(today: date) -> date:
    """The next annual report of the plan (due before 15 November), from `today`."""
    due = date(today.year, *REPORT_DAY)
    return due if today < due else date(today.year + 1, *REPORT_DAY)


def report_years(today: date) -> list[int]:
    """The years with an annual report page: from the plan's first to the current one."""
    return list(range(FIRST_REPORT_YEAR, today.year + 1))
