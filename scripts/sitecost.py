"""What a reader's browser pays for the built site: bytes and requests of a first visit and of a first search
(measured in Debian's Chromium through Playwright, served compressed like a real host), and Lighthouse
scores (npm `lighthouse`, installed by `make lighthouse` into .tools/). Used by scripts/benchmark.py."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from .build import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]
LIGHTHOUSE = ROOT / ".tools" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SEARCH_BOX = "input[type=search], input.md-search__input"


def _transferred(requests: list) -> int:
    total = 0
    for request in requests:
        try:
            sizes = request.sizes()
        except Exception:  # a request that never got a response (aborted) carries no bytes
            continue
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total


def first_visits(base: str, paths: dict[str, str], query: str = "bảo hiểm") -> dict[str, dict[str, int]]:
    """For each page: compressed bytes (bodies and headers, as transferred) and requests of a first visit with
    an empty cache, everything counted; for the last page also what a first search adds."""
    from playwright.sync_api import sync_playwright

    found: dict[str, dict[str, int]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for name, path in paths.items():
            context = browser.new_context()
            page = context.new_page()
            seen: list = []
            page.on("requestfinished", lambda request: seen.append(request))
            page.goto(base + path, wait_until="load")          # the page's scripts have run…
            page.wait_for_load_state("networkidle")             # …and nothing more is on its way
            page.wait_for_timeout(500)
            found[name] = {"bytes": _transferred(seen), "requests": len(seen)}
            before = len(seen)
            page.keyboard.press("/")
            box = page.locator(SEARCH_BOX).first
            box.focus()
            box.type(query, delay=30)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1500)  # results drawn; nothing else is fetched
            found[name]["search_bytes"] = _transferred(seen[before:])
            found[name]["search_requests"] = len(seen) - before
            context.close()
        browser.close()
    return found


def lighthouse_available() -> bool:
    return LIGHTHOUSE.is_file() and shutil.which("node") is not None


def lighthouse(url: str, desktop: bool) -> dict[str, int]:
    """Scores 0–100 of one page, mobile (Lighthouse's default) or desktop."""
    command = ["node", str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
               f"--chrome-path={CHROMIUM}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
               f"--only-categories={','.join(CATEGORIES)}"]
    if desktop:
        command.append("--preset=desktop")
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    return {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
