"""Build the site and serve it at http://127.0.0.1:8000, rebuilding when data or pages change.

It serves site/ exactly as published. When an edit breaks the data, the errors are printed and the
last good site stays online, which is what the public site does too.
"""
from __future__ import annotations

import functools
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .build import ROOT, build
from .pages import GENERATED_NOTE

WATCHED = ("data", "docs", "macros", "tracker", "mkdocs.yml")


def _snapshot() -> dict[str, float]:
    """Modification times of the files a maintainer edits, not of those the build writes."""
    seen = {}
    for name in WATCHED:
        path = ROOT / name
        for file in ([path] if path.is_file() else path.rglob("*")):
            rel = file.relative_to(ROOT).as_posix()
            if not file.is_file() or "__pycache__" in rel or rel.startswith("docs/data/"):
                continue
            if file.suffix == ".md" and file.read_text(encoding="utf-8").startswith(GENERATED_NOTE):
                continue
            seen[rel] = file.stat().st_mtime
    return seen


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the console for build messages
        pass


def main(host: str = "127.0.0.1", port: int = 8000) -> int:
    site = ROOT / "site"
    if build(ROOT / "data", site) != 0 and not site.is_dir():
        return 1
    server = ThreadingHTTPServer((host, port), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving http://{host}:{port}/ (Ctrl+C to stop); watching data/ and docs/ for changes.")
    last = _snapshot()
    try:
        while True:
            time.sleep(1)
            now = _snapshot()
            if now != last:
                last = now
                print("Change seen; rebuilding…")
                build(ROOT / "data", site)
                last = _snapshot()
    except KeyboardInterrupt:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
