"""The build's date: it comes from the last commit (SOURCE_DATE_EPOCH), so that two builds of one commit on
different days give byte-identical sites (MkDocs dates the sitemap and its gzip header with it).

(Material's source maps and unused lunr files are never copied: macros/hooks.py on_files.)
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path


def source_date_epoch(root: Path) -> str | None:
    """SOURCE_DATE_EPOCH when the caller gives it, else the last commit's time; None outside a git checkout."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given:
        return given
    try:
        found = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True,
                               timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    epoch = found.stdout.strip()
    return epoch if found.returncode == 0 and epoch.isdigit() else None
