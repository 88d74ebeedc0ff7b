"""Build time against the size of the data: a data set N times the real one, and one long file.

    python -m scripts.scale --times 10 --years 15      610 target rows × 15 years of figures
    python -m scripts.scale --rows 20000                the real data plus one file of 20,000 lines

The data is generated in a temporary folder (never in data/) beside a temporary copy of the
project, so the real docs/ and site/ are not touched. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import yaml

from tracker.observations import COLUMNS

from .build import ROOT

PROJECT = ("docs", "macros", "scripts", "tracker", "mkdocs.yml")
HEADER = ",".join(COLUMNS) + "\n"


def _line(period: str, value: str, source: str) -> str:
    cells = {"period": period, "value": value, "status": "official", "source": source}
    return ",".join(cells.get(name, "") for name in COLUMNS)


class _Plain(yaml.SafeDumper):
    """Repeated rows written out in full: data files may not use YAML anchors and aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def _value(unit: str) -> str:
    return {"%": "50.5", "Mức độ": "2", "Tuổi": "74.1", "Năm": "9.5"}.get(unit, "12.5")


def scale_catalogue(data: Path, times: int, years: int) -> int:
    """Repeat every group's rows `times` times (ids 1.1 … 1.n×times) with `years` yearly figures each."""
    path = data / "catalogue" / "indicators.yaml"
    catalogue = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = next(iter(yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8"))))
    rows = []
    for group in sorted({int(i["id"].split(".")[0]) for i in catalogue["indicators"]}):
        own = [i for i in catalogue["indicators"] if int(i["id"].split(".")[0]) == group]
        for copy in range(times):
            for n, ind in enumerate(own, start=1):
                rows.append(dict(ind, id=f"{group}.{copy * len(own) + n}"))
    catalogue["indicators"] = rows
    path.write_text(yaml.dump(catalogue, Dumper=_Plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    folder = data / "observations"
    for old in folder.glob("*.csv"):
        old.unlink()
    last = date.today().year - 1
    for ind in rows:
        lines = [_line(str(year), _value(ind["unit"]), source) for year in range(last - years + 1, last + 1)]
        (folder / f"{ind['id']}.csv").write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return len(rows) * years


def long_file(data: Path, rows: int) -> int:
    """One observations file (row 2.1) of `rows` lines: one per day, then as-published dates."""
    source = next(iter(yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8"))))
    day, periods = date(2000, 1, 1), []
    while len(periods) < rows:
        periods.append(day.isoformat() if day < date.today() else f"@{(day - (date.today() - date(2000, 1, 1))).isoformat()}")
        day += timedelta(days=1)
    lines = [_line(p, f"{3 + (n % 50) / 10:.1f}", source) for n, p in enumerate(periods)]
    (data / "observations" / "2.1.csv").write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--times", type=int, default=1, help="repeat the catalogue this many times")
    parser.add_argument("--years", type=int, default=15, help="yearly figures per row when repeating")
    parser.add_argument("--rows", type=int, default=0, help="write one observations file of this many lines")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print it")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="tracker-scale-"))
    try:
        for name in PROJECT:
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copyfile)(ROOT / name, work / name)
        shutil.copytree(ROOT / "data", work / "data")
        figures = 0
        if args.times > 1:
            figures += scale_catalogue(work / "data", args.times, args.years)
        if args.rows:
            figures += long_file(work / "data", args.rows)
        for step, extra in (("validate", ["--check"]), ("build", [])):
            started = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "scripts.build", *extra], cwd=work,
                                    capture_output=True, text=True)
            took = time.perf_counter() - started
            print(f"{step}: {took:.1f} s, exit {result.returncode}; {figures} generated figures")
            for line in result.stdout.splitlines():
                print(f"  {line}")
            if result.returncode != 0:
                print(result.stderr[-3000:], file=sys.stderr)
                return result.returncode
        print(f"site: {sum(1 for _ in (work / 'site').rglob('*.html'))} HTML pages")
        return 0
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
