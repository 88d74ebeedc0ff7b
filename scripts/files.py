"""Writing files whole: the build's one way of writing a file it may have written before (docs/ stubs and downloads,
drawn charts, the finished site in build/mkdocs/).

Above all, never writing into a published file.

site/ shares its files with build/mkdocs/ (hard links: scripts/incremental.publish), so a file there is never rewritten
in place: the new content is written beside it and renamed over it, which gives it a new inode and leaves the
published file as it was until the finished build is published. MkDocs' own writes get the same treatment in
macros/hooks.py (on_files). tests/test_incremental.py checks that no build writes into a published file.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path


def _fresh(path: Path) -> Path:
    return path.with_name(path.name + ".plan219-new")


def replace_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = _fresh(path)
    fresh.write_bytes(data)
    os.replace(fresh, path)


def write_if_changed(path: Path, data: bytes | str) -> bool:
    """Replace the file if its content differs (text is written as UTF-8); True if it was written. Also what the
    build writes into docs/: an unchanged file keeps its time, so MkDocs does not copy or render it again."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    replace_bytes(path, data)
    return True


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """A hard link, or a copy with its time (for unchanged()) where the two are on different file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def link_replacing(source: Path, target: Path) -> None:
    """target becomes a hard link to source (or a copy), replacing what was there."""
    fresh = _fresh(target)
    fresh.unlink(missing_ok=True)
    link_or_copy(source, fresh)
    os.replace(fresh, target)


def unchanged(source: Path, target: Path) -> bool:
    """target is source (a hard link), or a copy of it made by link_replacing (same size and time, as rsync checks)."""
    try:
        made, kept = source.stat(), target.stat()
    except FileNotFoundError:
        return False
    return kept.st_ino == made.st_ino or (kept.st_size, kept.st_mtime_ns) == (made.st_size, made.st_mtime_ns)
