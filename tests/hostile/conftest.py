"""One good site for the whole hostile suite, fingerprinted once."""
from __future__ import annotations

from pathlib import Path

import pytest

from .harness import fingerprint


@pytest.fixture(scope="session")
def good_site(built_site: Path) -> tuple[Path, dict[str, str]]:
    return built_site, fingerprint(built_site)
