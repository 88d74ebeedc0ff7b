"""The benchmark runs (short mode, so CI exercises it) and prints every measure of its table; its helpers
do what they say: the plain build drops only the macros plugin, the synthetic data is valid and N× larger."""
from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from scripts.benchmark import plain_config
from scripts.synthetic import make
from tracker.model import build_model

from .conftest import DATA, ROOT


def test_plain_config_drops_only_the_macros_plugin(tmp_path: Path):
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    original = [line for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines() if line.strip()]
    plain = [line for line in plain_config(tmp_path).read_text(encoding="utf-8").splitlines() if line.strip()]
    removed = [line.strip().split(":")[0] for line in original if line not in plain]
    assert removed and removed[0] == "- macros" and set(removed[1:]) <= {"module_name", "on_error_fail", "on_undefined"}
    assert [line for line in original if line in plain] == plain  # everything else kept, in order


def test_synthetic_data_is_valid_and_larger(tmp_path: Path):
    real = build_model(DATA)
    targets = make(DATA, tmp_path / "data", times=2, years=3)
    model = build_model(tmp_path / "data")
    assert targets == len(model.catalogue.indicators) == 2 * len(real.catalogue.indicators)
    assert sum(map(len, model.observations.values())) > sum(map(len, real.observations.values()))
    assert len(model.family_observations) == 2 * len(real.family_observations)

    def largest_family(m) -> int:
        sizes = Counter(i.family for i in m.catalogue.indicators if i.family)
        return max(sizes.values())
    assert largest_family(model) == largest_family(real)  # N× the families, not families N× as wide


@pytest.mark.browser
def test_benchmark_short_mode_prints_its_table():
    result = subprocess.run([sys.executable, "-m", "scripts.benchmark", "--short"], cwd=ROOT,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    table = result.stdout
    for measure in ("full build", "plain Material build", "rebuild after changing one figure, in a new process",
                    "… of which any build in a new process costs", "rebuild after changing one figure, in `make serve`",
                    "peak memory", "2× synthetic data", "first visit, home", "first visit, plan page",
                    "first visit, target page", "added by a first search", "2× synthetic data: rebuild"):
        assert re.search(rf"^\| {re.escape(measure)}.*\| \S.* \|", table, re.M), (measure, table)
    assert re.search(r"full build = \d+\.\d\d×", table)
    # the server rebuilt and the page changed (a number, not "not measured")
    assert re.search(r"^\| rebuild after changing one figure, in `make serve`.*\| \d+\.\d\d s \(\d+\.\d\d s\) = "
                     r"\d\.\d\d× full build, median of 1 \|", table, re.M), table
    assert re.search(r"rebuild after changing one figure, in a new process .* = \d\.\d\d× full build", table)
    assert re.search(r"target page .*\| \d+ kB in \d+ requests", table)
