"""Measure the build and the published site: prints figures, asserts nothing (timings vary by machine).

    python -m scripts.benchmark
"""
from __future__ import annotations

import gzip
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tracker.model import build_model
from tracker.progress import assess_all

from .build import ROOT, build
from .charts import render_charts


def _page_weight(site: Path, page: Path) -> tuple[int, int, int]:
    """Bytes, gzip bytes and requests of one page with the local assets it loads (not the files it offers
    for download), and the chart font when the page draws a chart."""
    html = page.read_text(encoding="utf-8")
    assets = set(re.findall(r'<(?:link|script|img)\b[^>]*(?:href|src)="([^"#?]+\.(?:css|js|png|svg|ico))"', html))
    files = [page] + [(page.parent / a).resolve() for a in assets if not a.startswith("http")]
    if 'font-family="DejaVu Sans"' in html:
        files += list((site / "assets" / "fonts").glob("*.woff2"))
    files = [f for f in files if f.is_file()]
    raw = sum(f.stat().st_size for f in files)
    packed = sum(len(gzip.compress(f.read_bytes())) for f in files)
    return raw, packed, len(files)


def _chart_timings(model) -> None:
    """Chart rendering alone, into a fresh cache (cold) and again with it (warm)."""
    with tempfile.TemporaryDirectory() as folder:
        for label in ("cold", "warm"):
            stats = render_charts(model, Path(folder))
            print(f"charts ({label}): {stats.charts} charts, {stats.rendered} files rendered, "
                  f"{stats.cached} from the cache, {stats.seconds:.2f} s")


def main() -> int:
    started = time.perf_counter()
    model = build_model(ROOT / "data")
    validate_s = time.perf_counter() - started
    _chart_timings(model)
    started = time.perf_counter()
    assess_all(model)
    assess_s = time.perf_counter() - started
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        if build(ROOT / "data", ROOT / "site") != 0:
            return 1
        timings.append(time.perf_counter() - started)
    site = ROOT / "site"
    pages = list(site.rglob("*.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    print(f"validate data/: {validate_s:.2f} s")
    print(f"assess progress of {len(model.catalogue.indicators)} targets: {assess_s * 1e3:.1f} ms")
    print(f"full build: {statistics.mean(timings):.2f} s (mean of {len(timings)})")
    print(f"pages: {len(pages)} HTML files; site size {size / 1e6:.2f} MB")
    for rel in ("index.html", "indicators/4-4/index.html", "indicators/5-2/index.html", "indicators/index.html", "en/indicators/4-4/index.html"):
        raw, packed, requests = _page_weight(site, site / rel)
        print(f"{rel}: {raw / 1e3:.0f} KB raw, {packed / 1e3:.0f} KB gzip, {requests} requests (without the search index)")
    for lang in ("vi", "en"):
        # what a first search downloads (tests/test_search_browser.py checks that it is exactly these two files)
        files = [site / "assets" / "search" / "search.js", site / "search" / f"index.{lang}.json"]
        raw = sum(f.stat().st_size for f in files)
        packed = sum(len(gzip.compress(f.read_bytes())) for f in files)
        print(f"first search ({lang}): {raw / 1e3:.0f} KB raw, {packed / 1e3:.1f} KB gzip, 2 requests (search.js + index.{lang}.json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
