"""Shared fixtures. Test data lives here under tests/ and is never published."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# The plan as received (OCR), kept in the repository so that a clone with nothing beside it passes its tests.
SOURCE = ROOT / "data" / "plan" / "received" / "ke-hoach-trien-khai-nq68-kien-giang.md"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the real data/, for a test to break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session by the real build command."""
    site = tmp_path_factory.mktemp("published") / "site"
    result = subprocess.run([sys.executable, "-m", "scripts.build", "--site", str(site)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return site
