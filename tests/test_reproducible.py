"""Reproducible builds: the same commit built on another day (a fake clock, tests/fakeclock) gives a
byte-identical site, because the build's date comes from the last commit (SOURCE_DATE_EPOCH); no date of
the build machine's clock reaches the site; no source maps or unused search-language files are published."""
from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from scripts.build_date import source_date_epoch
from tests.conftest import ROOT

FAKE_CLOCK = Path(__file__).parent / "fakeclock"
SHIFT = timedelta(days=400, hours=7)  # another year, month, day and hour


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "FAKE_CLOCK_SHIFT")}
    env.update(extra)
    return env


def _build(site: Path, env: dict[str, str]) -> Path:
    result = subprocess.run([sys.executable, "-m", "scripts.build", "--site", str(site)], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return site


def _differences(a: Path, b: Path) -> list[str]:
    """Every file that is missing on one side or differs byte for byte."""
    names_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    found = sorted(names_a ^ names_b)
    found += [n for n in sorted(names_a & names_b) if not filecmp.cmp(a / n, b / n, shallow=False)]
    return found


def _date_strings(day: datetime) -> list[str]:
    return [day.strftime("%Y-%m-%d"), f"{day.day}/{day.month}/{day.year}", day.strftime("%d/%m/%Y"),
            f"{day:%B} {day.day}, {day.year}"]


@pytest.fixture(scope="module")
def later_build(tmp_path_factory) -> Path:
    """The same commit, built with the clock 400 days and 7 hours ahead."""
    env = _env(PYTHONPATH=os.pathsep.join([str(FAKE_CLOCK), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
               FAKE_CLOCK_SHIFT=str(int(SHIFT.total_seconds())))
    return _build(tmp_path_factory.mktemp("later") / "site", env)


def test_the_fake_clock_moves_python_and_mkdocs():
    env = _env(PYTHONPATH=str(FAKE_CLOCK), FAKE_CLOCK_SHIFT=str(int(SHIFT.total_seconds())))
    shown = subprocess.run([sys.executable, "-c", "import mkdocs.utils as u, time, datetime;"
                            "print(u.get_build_date(), time.strftime('%Y-%m-%d'), datetime.date.today())"],
                           env=env, capture_output=True, text=True, check=True).stdout.split()
    expected = (datetime.now(timezone.utc) + SHIFT).date()
    assert all(abs((datetime.fromisoformat(s).date() - expected).days) <= 1 for s in shown), shown


def test_a_build_on_another_day_is_byte_identical(built_site: Path, later_build: Path):
    assert source_date_epoch(ROOT), "the build needs a git checkout to date the site from its last commit"
    assert _differences(built_site, later_build) == []


def test_no_date_from_the_clock_reaches_the_site(later_build: Path):
    faked_today = datetime.now(timezone.utc) + SHIFT
    leaks = []
    for path in later_build.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".js", ".txt", ".svg"):
            text = path.read_text(encoding="utf-8", errors="replace")
            leaks += [f"{path.relative_to(later_build)}: {s}" for s in _date_strings(faked_today) if s in text]
    assert leaks == []


def test_the_date_does_reach_the_site_so_the_comparison_can_fail(built_site: Path, tmp_path: Path):
    """Control: with SOURCE_DATE_EPOCH a year later, the site changes (at least its sitemap's dates)."""
    later = int(source_date_epoch(ROOT)) + 366 * 86400
    other = _build(tmp_path / "site", _env(SOURCE_DATE_EPOCH=str(later)))
    changed = _differences(built_site, other)
    assert "sitemap.xml" in changed and "sitemap.xml.gz" in changed, changed


def test_no_source_maps_or_unused_search_languages(built_site: Path):
    assert list(built_site.rglob("*.map")) == []
    for path in [*built_site.rglob("*.js"), *built_site.rglob("*.css")]:
        assert b"sourceMappingURL" not in path.read_bytes()[-300:], path
    lunr = built_site / "assets" / "javascripts" / "lunr"
    if lunr.is_dir():
        names = {p.name for p in lunr.rglob("*.js")}
        assert "lunr.de.min.js" not in names and "tinyseg.js" not in names, names


def test_theme_files_left_out_are_what_no_search_loads():
    """macros/hooks.py leaves source maps out always, and lunr and Material's search worker out unless the site uses
    Material's search, in which case the files its languages need stay."""
    from macros.hooks import unpublished

    lunr = "assets/javascripts/lunr/"
    assert unpublished("assets/javascripts/bundle.1234abcd.min.js.map", ["vi"])
    assert not unpublished("assets/javascripts/bundle.1234abcd.min.js", None)
    assert unpublished(lunr + "min/lunr.vi.min.js", None)
    assert unpublished("assets/javascripts/workers/search.1234abcd.min.js", None)
    kept = {name for name in ("min/lunr.vi.min.js", "min/lunr.de.min.js", "min/lunr.multi.min.js",
                              "min/lunr.stemmer.support.min.js", "tinyseg.js") if not unpublished(lunr + name, ["vi", "en"])}
    assert kept == {"min/lunr.vi.min.js", "min/lunr.multi.min.js", "min/lunr.stemmer.support.min.js"}
    assert not unpublished("assets/javascripts/workers/search.1234abcd.min.js", ["vi", "en"])


def test_source_map_comments_go_from_the_end_of_scripts_and_stylesheets(tmp_path: Path):
    from macros.hooks import strip_source_map_comments

    assets = tmp_path / "assets" / "javascripts"
    assets.mkdir(parents=True)
    (assets / "app.js").write_bytes(b"code();\n//# sourceMappingURL=app.js.map\n\n")
    (tmp_path / "assets" / "main.css").write_bytes(b"a{}\n/*# sourceMappingURL=main.css.map */")
    kept = b"x = '//# sourceMappingURL=a.js.map';\ncode();\n"
    (assets / "other.js").write_bytes(kept)
    published = tmp_path / "published.js"
    published.hardlink_to(assets / "app.js")   # the site shares the build's files: never written through
    assert strip_source_map_comments(tmp_path) == 2
    assert (assets / "app.js").read_bytes() == b"code();"
    assert (tmp_path / "assets" / "main.css").read_bytes() == b"a{}"
    assert (assets / "other.js").read_bytes() == kept
    assert b"sourceMappingURL" in published.read_bytes()
