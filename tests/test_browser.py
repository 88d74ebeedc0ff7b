"""The built site in a real browser (Playwright driving Debian's Chromium): the main pages of both
languages load, show the right words and numbers, request nothing from another host, log no
console error and no failed request, and the language switch keeps the reader on the same page."""
from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]

PAGES = {
    # path: (words the Vietnamese page must show, words the English page must show)
    "": ("Theo dõi Kế hoạch 219/KH-UBND", "Tracking Plan 219/KH-UBND"),
    "plan/3-4-labour-market/": ("Phát triển thị trường lao động", "Unofficial translation"),
    "plan/corrections/": ("nâng suất lao động", "năng suất lao động"),
    # the latest Kiên Giang figure, then the newer one for the merged province, labelled
    "indicators/group-4/": ("87,52\u00a0% (tính đến 31/5/2025) — 88\u00a0% (9 tháng đầu năm 2025; theo nguồn tin; An Giang (mới))",
                            "87.52% (as of 31 May 2025) — 88% (first nine months of 2025; as reported; merged An Giang)"),
    "indicators/4-4/": ("tính đến 31/5/2025", "as of 31 May 2025"),
    "indicators/9-1/": ("≥\u00a01.500", "≥\u00a01,500"),
    "indicators/6-3/": ("99,5\u00a0%", "99.5%"),
    "indicators/7-5/": ("Chưa có số liệu", "No data yet"),
    "indicators/7-3/": ("24,4 Giường/10.000 dân", "24.4 beds per 10,000 people"),
    "departments/so-y-te/": ("Sở Y tế", "Department of Health"),
    "about/privacy/": ("không dùng cookie", "no cookies"),
}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(built_site: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it.")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


class PageWatch:
    """Opens a page and records what leaves the site, console errors and failed requests."""

    def __init__(self, browser, base: str):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.base = urlparse(base)
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", self._request)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    def _request(self, request) -> None:
        url = urlparse(request.url)
        if url.scheme not in ("data", "blob") and url.netloc != self.base.netloc:
            self.foreign.append(request.url)

    def close(self) -> None:
        self.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("path", list(PAGES))
def test_page_loads_cleanly_and_shows_its_content(browser, site_url: str, path: str, lang: str):
    watch = PageWatch(browser, site_url)
    url = site_url + ("en/" if lang == "en" else "") + path
    response = watch.page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200
    text = watch.page.inner_text("article")
    expected = PAGES[path][0 if lang == "vi" else 1]
    assert expected in text
    assert watch.page.get_attribute("html", "lang") == lang
    assert watch.foreign == [], watch.foreign
    assert watch.errors == [], watch.errors
    assert watch.page.evaluate("document.cookie") == ""
    # the privacy page promises that local storage holds the colour scheme and nothing else
    assert set(watch.page.evaluate("Object.keys(localStorage)")) <= {"/.__palette"}
    watch.close()


@pytest.mark.browser
def test_language_switch_keeps_the_reader_on_the_same_page(browser, site_url: str):
    watch = PageWatch(browser, site_url)
    watch.page.goto(site_url + "indicators/4-4/", wait_until="networkidle")
    watch.page.hover(".md-header .md-select")
    watch.page.click('.md-header a[hreflang="en"]')
    watch.page.wait_for_load_state("networkidle")
    assert watch.page.url.endswith("/en/indicators/4-4/")
    assert "Share of the population with health insurance" in watch.page.inner_text("h1")
    watch.page.hover(".md-header .md-select")
    watch.page.click('.md-header a[hreflang="vi"]')
    watch.page.wait_for_load_state("networkidle")
    assert watch.page.url.endswith("/indicators/4-4/") and "/en/" not in watch.page.url
    assert "Tỉ lệ dân số tham gia bảo hiểm y tế" in watch.page.inner_text("h1")
    assert watch.errors == [] and watch.foreign == []
    watch.close()


@pytest.mark.browser
def test_search_finds_a_vietnamese_page(browser, site_url: str):
    watch = PageWatch(browser, site_url)
    watch.page.goto(site_url, wait_until="networkidle")
    watch.page.keyboard.press("/")
    watch.page.keyboard.type("thất nghiệp", delay=20)
    watch.page.wait_for_selector("#site-search-results a", timeout=10000)
    assert "thất nghiệp" in watch.page.inner_text("#site-search-results").lower()
    assert watch.errors == [] and watch.foreign == []
    watch.close()
