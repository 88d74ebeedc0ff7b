"""The build command: it publishes the data contract, and a failed build leaves the last good site as it was."""
from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
from pathlib import Path

from scripts import build as build_module

from .conftest import FIXTURES, ROOT


def _fingerprint(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_published_csv_files_follow_the_contract(built_site: Path):
    raw = (built_site / "data" / "indicators.csv").read_bytes()
    raw.decode("utf-8")
    indicators = list(csv.DictReader((built_site / "data" / "indicators.csv").open(encoding="utf-8")))
    assert len(indicators) == 61
    assert list(indicators[0]) == ["id", "group", "name_vi", "name_en", "unit", "target_text", "target_operator",
                                   "target_value", "agency_vi", "agency_en",
                                   "status", "status_basis", "status_working_vi", "status_working_en"]
    from tracker.progress import STATUSES
    assert {r["status"] for r in indicators} <= set(STATUSES) and all(r["status_working_en"] for r in indicators)
    assert {r["target_operator"] for r in indicators} <= {"<", "<=", ">", ">=", "=", "level", "text"}
    for row in indicators:
        if row["target_operator"] == "text":
            assert row["target_value"] == ""
        else:
            float(row["target_value"])
            assert "," not in row["target_value"]
    observations = list(csv.DictReader((built_site / "data" / "observations.csv").open(encoding="utf-8")))
    # The original seven columns first, in order; later columns only ever added at the end.
    assert list(observations[0]) == ["id", "period", "value", "qualifier", "status", "source", "note",
                                     "note_en", "break", "quote", "source_url"]
    ids = {r["id"] for r in indicators}
    assert all(o["id"] in ids and o["source"] for o in observations)
    assert {o["status"] for o in observations} <= {"official", "preliminary", "estimate", "reported"}
    health = [o for o in observations if o["id"] == "4.4"]
    assert [(o["period"], o["value"], o["break"]) for o in health] == [
        ("2019-H1", "84.85", ""), ("2025-05-31", "87.52", ""), ("2025-9M", "88", "merger-an-giang-2025")]
    merged = health[-1]
    assert "merged An Giang" in merged["note_en"] and merged["quote"].startswith("health insurance")
    assert merged["source_url"].startswith("https://")
    # Row 4.3's caveat (its figures are BHTN) is machine-readable, not only in a Vietnamese note.
    assert "unemployment-insurance (BHTN)" in next(o for o in observations if o["id"] == "4.3")["note_en"]
    # Codes are published exactly as the contract defines them (never prefixed like free text).
    assert "@2024-10-10" in [o["period"] for o in observations if o["id"] == "5.2"]
    # A figure for the whole of a split indicator is never published as a breakdown's value.
    assert not [o for o in observations if o["id"] in ("10.1", "10.2")]


def test_a_failed_build_leaves_the_last_good_site_untouched(built_site: Path):
    before = _fingerprint(built_site)
    broken = FIXTURES / "broken" / "duplicate-period"
    data = built_site.parent / "broken-data"
    subprocess.run(["cp", "-r", str(ROOT / "data"), str(data)], check=True)
    subprocess.run(["cp", "-r", f"{broken}/observations/.", str(data / "observations")], check=True)
    result = subprocess.run([sys.executable, "-m", "scripts.build", "--data", str(data), "--site", str(built_site)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "data/observations/2.1.csv:4" in result.stderr and "nothing was published" in result.stderr
    assert "không xuất bản gì" in result.stderr
    assert _fingerprint(built_site) == before
    assert not built_site.with_name("site.staging").exists()


def test_a_failed_mkdocs_step_also_leaves_the_site_untouched(built_site: Path, monkeypatch):
    before = _fingerprint(built_site)

    def failing_mkdocs(model, root: Path, out: Path, dirty: bool = False) -> bool:
        (out / "index.html").parent.mkdir(parents=True, exist_ok=True)
        (out / "index.html").unlink(missing_ok=True)   # as MkDocs writes (macros/hooks.py: on_files)
        (out / "index.html").write_text("half a site")
        return False

    monkeypatch.setattr(build_module, "run_mkdocs", failing_mkdocs)
    assert build_module.build(ROOT / "data", built_site) == 1
    assert _fingerprint(built_site) == before
    assert not built_site.with_name("site.staging").exists()


def test_a_mkdocs_warning_fails_the_build_and_publishes_nothing(tmp_path: Path, capsys):
    """Strict mode, with MkDocs running in the build's process: a broken link in a hand-written page is an error."""
    from scripts.benchmark import project_copy
    root = project_copy(tmp_path / "project")
    site = root / "site"
    assert build_module.build(root / "data", site, root=root) == 0
    before = _fingerprint(site)
    page = root / "docs" / "about" / "licence.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the missing page](no-such-page.md).\n", encoding="utf-8")
    capsys.readouterr()
    assert build_module.build(root / "data", site, root=root) == 1
    err = capsys.readouterr().err
    assert "no-such-page.md" in err and "site/ was left as it was" in err
    assert _fingerprint(site) == before
