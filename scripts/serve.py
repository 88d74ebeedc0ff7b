"""Build the site and serve it at http://127.0.0.1:8000, rebuilding when data or pages change.

It serves site/ exactly as published. When an edit breaks the data, the errors are printed and the
last good site stays online, which is what the public site does too.
"""
from __future__ import annotations

import argparse
import functools
import gc
import gzip
import os
import re
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path

from .build import ROOT, build
from .pages import is_generated

WATCHED = ("data", "docs", "macros", "tracker", "scripts", "mkdocs.yml")
CODE = ("macros/", "tracker/", "scripts/")   # a change here restarts the server: the build runs in this process
POLL_SECONDS = 2.0     # a look even without a file-system event (where inotify is unavailable or missed one)
SETTLE_SECONDS = 0.03  # an editor's save can be several writes (a temporary file, then a rename)
IDLE_SECONDS = 1.0     # this long without a change after a build, the server collects the build's garbage


def _snapshot() -> dict[str, float]:
    """Modification times of the files a maintainer edits, not of those the build writes (is_generated reads a page
    once per version of the file)."""
    seen = {}
    for name in WATCHED:
        path = ROOT / name
        for file in ([path] if path.is_file() else path.rglob("*")):
            rel = file.relative_to(ROOT).as_posix()
            if not file.is_file() or "__pycache__" in rel or rel.startswith("docs/data/"):
                continue
            if not is_generated(file):
                seen[rel] = file.stat().st_mtime
    return seen


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".txt", ".md")
HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")  # Material's fingerprinted assets never change


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves site/ as a host should (see docs/about and README "Deploying"): text compressed with gzip when
    the browser accepts it, fingerprinted assets cached for a year, everything else revalidated, and the
    site's own 404 page. Hand-written because http.server has no compression; the stdlib gzip does it."""

    _cache: dict[str, tuple[float, bytes]] = {}   # path → (modification time, gzip body): one version per file

    def log_message(self, *args) -> None:  # keep the console for build messages
        pass

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if HASHED.search(path)
                         else "no-cache")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # http.server redirects /x to /x/
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return self._not_found()
        if not path.endswith(COMPRESSIBLE) or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        mtime = os.stat(path).st_mtime
        cached = self._cache.get(path)
        if cached is None or cached[0] != mtime:
            with open(path, "rb") as f:
                cached = self._cache[path] = (mtime, gzip.compress(f.read(), mtime=0))
        body = cached[1]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)

    def _not_found(self):
        page = os.path.join(self.directory, "404.html")
        if not os.path.isfile(page):
            return super().send_head()
        with open(page, "rb") as f:
            body = f.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)


def serve_in_background(site: Path, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """Start SiteHandler on a thread; port 0 picks a free port (server.server_address[1])."""
    server = ThreadingHTTPServer((host, port), functools.partial(SiteHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def warm_up(root: Path = ROOT) -> None:
    """What the first rebuild would otherwise do while the maintainer waits, done while the server is idle:
    start the chart renderer, load the Markdown extensions and the workbook writer, compile the page templates,
    load the locales. The build after a change then costs what every later one costs."""
    import markdown
    import openpyxl  # noqa: F401  (tracker/downloads.py imports it when the workbook is written)
    from mkdocs.config import load_config

    from macros.render import compile_templates
    from tracker.formatting import number
    from tracker.model import build_model
    from tracker.problems import ValidationFailed

    from .charts import warm_up as charts_warm_up

    try:
        model = build_model(root / "data")
    except ValidationFailed:   # the data is being fixed: the build says what is wrong; warm up without it
        model = None
    charts_warm_up(model)
    config = load_config(str(root / "mkdocs.yml"))
    markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]).convert(
        "# Tiêu đề\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n!!! note\n    x\n")
    compile_templates()
    for lang in ("vi", "en"):
        number(1500.5, lang)


class Watcher:
    """Wakes the rebuild loop as soon as a file under the watched folders is written (watchdog: inotify on Linux),
    instead of a look four times a second: a saved figure starts its rebuild at once. The loop still compares
    snapshots (_snapshot), so that what the build writes itself (data pages, downloads) starts nothing."""

    def __init__(self, root: Path):
        from watchdog import events
        from watchdog.observers import Observer

        self.changed = threading.Event()
        wake = self.changed.set

        class Handler(events.FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                wake()

        # Only what ends a write, creates, moves or deletes: the kernel then does not report the ~2,500 files each
        # build opens and reads (watchdog handling those cost ~0.1 s a rebuild).
        kinds = [events.FileClosedEvent, events.FileCreatedEvent, events.FileMovedEvent, events.FileDeletedEvent,
                 events.DirCreatedEvent, events.DirMovedEvent, events.DirDeletedEvent]
        self.observer = Observer()
        for name in WATCHED:
            path = root / name
            if path.is_dir():
                self.observer.schedule(Handler(), str(path), recursive=True, event_filter=kinds)
        self.observer.schedule(Handler(), str(root), recursive=False, event_filter=kinds)   # mkdocs.yml
        self.observer.daemon = True
        self.observer.start()

    def wait(self, seconds: float = POLL_SECONDS) -> bool:
        """Until something may have changed (or `seconds` passed), then until the writing has settled. True if a file
        was written."""
        woken = self.changed.wait(seconds)
        while self.changed.is_set():
            self.changed.clear()
            time.sleep(SETTLE_SECONDS)
        return woken

    def stop(self) -> None:
        self.observer.stop()


def settle_memory(after_warm_up: bool = False) -> None:
    """Python's garbage collector, kept off the rebuild's path. After the warm-up, everything loaded so far (MkDocs,
    Material, Altair, the chart renderer, the compiled templates) is moved out of the collector's sight for good
    (gc.freeze): it lives as long as the server, and scanning it again in each rebuild cost ~0.1 s. A second after
    each build, if nothing changed meanwhile, the build's garbage is collected (~0.05 s): not while the browser is
    fetching the rebuilt page, and seldom during the next rebuild."""
    gc.collect()
    if after_warm_up:
        gc.freeze()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    host, port = args.host, args.port
    site = ROOT / "site"
    if build(ROOT / "data", site) != 0 and not site.is_dir():
        return 1
    server = serve_in_background(site, host, port)
    threading.Thread(target=lambda: (warm_up(), settle_memory(after_warm_up=True)), daemon=True).start()
    watcher = Watcher(ROOT)
    print(f"Serving http://{host}:{port}/ (Ctrl+C to stop); watching data/ and docs/ for changes.", flush=True)
    last = _snapshot()
    try:
        garbage = False
        while True:
            if not watcher.wait(IDLE_SECONDS if garbage else POLL_SECONDS) and garbage:
                settle_memory()   # idle since the last build: the reader's browser has the page by now
                garbage = False
            now = _snapshot()
            if now == last:
                continue
            changed = {path for path in now.keys() | last.keys() if now.get(path) != last.get(path)}
            if any(path.startswith(CODE) for path in changed):
                print("Code changed; restarting…", flush=True)
                watcher.stop()
                server.shutdown()
                server.server_close()
                os.execv(sys.executable, [sys.executable, "-m", "scripts.serve", "--host", host, "--port", str(port)])
            print("Change seen; rebuilding…", flush=True)
            last = now   # what this build reads: a file saved while it runs starts the next one
            build(ROOT / "data", site)
            garbage = True
    except KeyboardInterrupt:
        watcher.stop()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
