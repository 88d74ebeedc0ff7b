"""`make serve`'s watcher (scripts/serve.py): a saved file wakes the rebuild loop at once; files the build only
reads do not (each build reads ~2,500 files under the watched folders)."""
from __future__ import annotations

import os
import time
from pathlib import Path

from scripts.serve import Watcher

WAIT = 5.0   # generous: the event comes from another thread; the assertion is about whether, not how fast


def _watched(tmp_path: Path) -> Path:
    for name in ("data", "docs"):
        (tmp_path / name / "observations").mkdir(parents=True)
        (tmp_path / name / "observations" / "4.4.csv").write_text("id,value\n4.4,1\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return tmp_path


def test_a_saved_file_wakes_the_loop_and_a_read_one_does_not(tmp_path: Path):
    root = _watched(tmp_path)
    watcher = Watcher(root)
    try:
        time.sleep(0.2)
        for name in ("data", "docs"):
            (root / name / "observations" / "4.4.csv").read_text(encoding="utf-8")
        (root / "mkdocs.yml").read_text(encoding="utf-8")
        assert not watcher.changed.wait(1.0), "reading a file woke the rebuild loop"

        (root / "data" / "observations" / "4.4.csv").write_text("id,value\n4.4,2\n", encoding="utf-8")
        assert watcher.changed.wait(WAIT), "a saved figure did not wake the rebuild loop"
        watcher.wait()   # returns once the writing has settled, with the flag cleared
        assert not watcher.changed.is_set()

        saved = root / "docs" / "page.md"   # an editor's save: a temporary file renamed over the page
        (root / "docs" / "page.md.tmp").write_text("# x\n", encoding="utf-8")
        watcher.changed.clear()
        os.replace(root / "docs" / "page.md.tmp", saved)
        assert watcher.changed.wait(WAIT)
        watcher.changed.clear()

        (root / "mkdocs.yml").write_text("site_name: y\n", encoding="utf-8")
        assert watcher.changed.wait(WAIT), "a change to mkdocs.yml did not wake the rebuild loop"
    finally:
        watcher.stop()


def test_pages_are_served_compressed_and_fresh_after_a_rebuild(tmp_path: Path):
    import gzip
    import urllib.request

    from scripts.serve import SiteHandler, serve_in_background

    page = tmp_path / "indicators" / "4-4" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<p>98,1 %</p>" * 100, encoding="utf-8")
    server = serve_in_background(tmp_path)
    url = f"http://127.0.0.1:{server.server_address[1]}/indicators/4-4/"

    def fetch() -> tuple[str, bytes]:
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.headers.get("Content-Encoding"), response.read()

    try:
        encoding, body = fetch()
        assert encoding == "gzip" and gzip.decompress(body) == page.read_bytes()
        new = page.with_name("index.html.new")   # as the build publishes: a new file renamed over the old
        new.write_text("<p>98,2 %</p>" * 100, encoding="utf-8")
        os.utime(new, ns=(page.stat().st_mtime_ns + 10**9,) * 2)
        os.replace(new, page)
        encoding, body = fetch()
        assert gzip.decompress(body) == page.read_bytes()
        kept = [key for key in SiteHandler._cache if str(page) in str(key)]
        assert len(kept) == 1, kept   # one version kept per file, not one per rebuild
    finally:
        server.shutdown()
