"""A synthetic data folder N times larger than data/, for the benchmark only (written in a temporary
folder, never published): every target row copied N times (row r becomes r, r+100, r+200, … in its
group, so ids stay group.row in the appendix's order) and each numeric row given one figure a year.
Each copy of a family of rows (urban/rural…) is a family of its own, as in a plan ten times larger: were
the copies one family, every chart of a family would draw 10× the rows, and the data would grow as N², not N.
The figures are made up on purpose; they measure the build, never reach site/ and are never shown."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import yaml

from tracker.targets import parse_target

FIRST_YEAR = 2010


class _NoAliases(yaml.SafeDumper):
    """The copies share lists (sections); data files may not use YAML anchors, so write each out in full."""

    def ignore_aliases(self, data) -> bool:
        return True


def _family_copy(family: str, k: int) -> str:
    return family if k == 0 else f"{family}-copy-{k}"


def _copies(indicators: list[dict], times: int) -> list[dict]:
    rows = []
    for ind in indicators:
        group, row = (int(x) for x in ind["id"].split("."))
        for k in range(times):
            copy = dict(ind, id=f"{group}.{row + 100 * k}")
            if ind.get("family"):
                copy["family"] = _family_copy(ind["family"], k)
            rows.append(copy)
    return sorted(rows, key=lambda i: tuple(int(x) for x in i["id"].split(".")))


def _family_copies(families: dict, times: int) -> dict:
    return {_family_copy(key, k): family for key, family in families.items() for k in range(times)}


def _figures(ind: dict, years: int, source: str) -> str | None:
    """One figure a year moving towards the target; None for a qualitative target."""
    target = parse_target(ind["target"], ind["unit"])
    number = getattr(target, "value", None)
    if number is None:
        return None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["period", "value", "qualifier", "status", "status_basis", "source"])
    for y in range(years):
        value = float(number) * (0.5 + 0.5 * (y + 1) / years)
        if ind["unit"] == "%":
            value = min(value, 100.0)
        writer.writerow([FIRST_YEAR + y, f"{value:.2f}", "", "official", "official-report", source])
    return out.getvalue()


def make(data: Path, out: Path, times: int = 10, years: int = 15) -> int:
    """Write the synthetic data folder to out; returns the number of target rows."""
    shutil.copytree(data, out)
    catalogue = out / "catalogue" / "indicators.yaml"
    content = yaml.safe_load(catalogue.read_text(encoding="utf-8"))
    content["indicators"] = _copies(content["indicators"], times)
    content["families"] = _family_copies(content["families"], times)
    catalogue.write_text(yaml.dump(content, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")
    source = next(iter(yaml.safe_load((out / "sources.yaml").read_text(encoding="utf-8"))))
    observations = out / "observations"
    for family in {ind["family"] for ind in content["indicators"] if ind.get("family")}:
        whole = observations / f"{family.split('-copy-')[0]}.csv"  # figures for a family as a whole
        if whole.is_file() and not (observations / f"{family}.csv").is_file():
            shutil.copyfile(whole, observations / f"{family}.csv")
    for ind in content["indicators"]:
        body = _figures(ind, years, source)
        if body is not None and not (observations / f"{ind['id']}.csv").is_file():
            (observations / f"{ind['id']}.csv").write_text(body, encoding="utf-8")
    return len(content["indicators"])
