"""Writing files whole: the build's one way of writing a file it may have written before (docs/ stubs and downloads,
drawn charts, the finished site in build/mkdocs/).

Above all, never writing into a published file.

site/ shares its files with build/mkdocs/ (hard links: scripts/incremental.publish), so a file there is never rewritten
in place: the new content is written beside it and renamed over it, which gives it a new inode and leaves the
published file as it was until the finished build is published. MkDocs' own writes get the same treatment in
macros/hooks.py (on_files). tests/test_incremental.py checks that no build writes into a published file.
"""
from __future__ import annotations

import json
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


def version_of(path: Path) -> tuple[int, int, int]:
    """Which version of a file this is: inode, size and modification time, as make and rsync judge it. What the build
    writes is always a new file (replace_bytes; MkDocs' writes: macros/hooks.py on_files), so a new version has a new
    inode; a file a person edits gets a new time. What is read once per version of a file is keyed by this."""
    stat = path.stat()
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


# The build's own JSON caches (build/, build/mkdocs/), as this process last wrote or read them: `make serve` builds
# again and again, and reading back a cache it has just written (1.8 MB of converted pages) cost ~5 ms each time.
_json_kept: dict[str, tuple[tuple[int, int, int], object]] = {}


def load_json(path: Path) -> object | None:
    """A cache file's value, or None when it is missing or unreadable (the caller starts afresh). A file that is still
    the one this process last wrote or read is not read again."""
    try:
        identity = version_of(path)
        kept = _json_kept.get(str(path))
        if kept is not None and kept[0] == identity:
            return kept[1]
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    _json_kept[str(path)] = (identity, value)
    return value


def save_json(path: Path, value: object) -> None:
    """Write a cache file whole (replace_bytes), and keep its value for load_json."""
    replace_bytes(path, json.dumps(value, ensure_ascii=False).encode())
    _json_kept[str(path)] = (version_of(path), value)
