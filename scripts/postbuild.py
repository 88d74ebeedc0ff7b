"""Steps after MkDocs, on its output folder (build/mkdocs/), before the site is published.

- `source_date_epoch`: the build's date comes from the last commit (SOURCE_DATE_EPOCH), so that two builds of one
  commit on different days give byte-identical sites (MkDocs dates the sitemap and its gzip header with it).
- `remove_source_maps` and `remove_unused_lunr_languages`: Material copies 1.3 MB of source maps and every lunr
  language (0.9 MB) into assets/; readers never need them. Both are generic: they look at what the built site
  references, so they keep working whatever search engine the site uses.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from .files import replace_bytes

SOURCE_MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=\S+\.map|/\*# sourceMappingURL=\S+\.map \*/)\s*$")


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


def remove_source_maps(site: Path) -> int:
    """Delete *.map files and the comments that point at them (a browser's developer tools would request them)."""
    removed = 0
    for path in site.rglob("*.map"):
        path.unlink()
        removed += 1
    for path in [*site.rglob("*.js"), *site.rglob("*.css")]:
        content = path.read_bytes()
        stripped = SOURCE_MAP_COMMENT.sub(b"", content)
        if stripped != content:
            replace_bytes(path, stripped)
    return removed


def _lunr_files_needed(langs: list[str]) -> set[str]:
    """The files Material's search worker imports for these languages (search worker, Material 9.x)."""
    needed = {"min/lunr.stemmer.support.min.js"} if langs else set()
    needed |= {f"min/lunr.{lang}.min.js" for lang in langs if lang != "en"}
    if len(langs) > 1:
        needed.add("min/lunr.multi.min.js")
    if "ja" in langs:
        needed.add("tinyseg.js")
    if {"hi", "th"} & set(langs):
        needed.add("wordcut.js")
    return needed


def remove_unused_lunr_languages(site: Path) -> int:
    """Keep only the lunr files the search index's languages need; none (nor Material's search worker) when no
    lunr index is published."""
    removed = 0
    for lunr in site.rglob("assets/javascripts/lunr"):
        indexes = list(site.rglob("search_index.json"))
        if not indexes:  # no lunr index anywhere: nothing loads lunr or Material's search worker
            shutil.rmtree(lunr)
            for worker in lunr.parent.glob("workers/search.*.js"):
                worker.unlink()
            continue
        langs: set[str] = set()
        for index in indexes:
            langs |= set(json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", []))
        needed = _lunr_files_needed(sorted(langs))
        for path in sorted(p for p in lunr.rglob("*") if p.is_file()):
            if path.relative_to(lunr).as_posix() not in needed:
                path.unlink()
                removed += 1
    return removed


def clean(site: Path) -> None:
    remove_source_maps(site)
    remove_unused_lunr_languages(site)
