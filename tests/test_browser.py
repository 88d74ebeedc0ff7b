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
expect = playwright.expect
# A loaded CI machine (2 cores) can take seconds to draw what a test waits for; the default of 5 s is tight.
expect.set_options(timeout=20_000)

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


def goto(page, url: str):
    """Opens url and returns its response once the page's own scripts have run and the network is quiet.

    "networkidle" alone is not enough: it fires after 500 ms with nothing on the network, which a starved
    renderer reaches while still running a script (readyState "loading", Material's bundle not yet run,
    the search box still hidden by .no-js, cite.js's buttons not shown). "load" comes after every script."""
    response = page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return response


def settle(page) -> None:
    """After a click that loads another page: wait as goto() does (the click returns once it is committed)."""
    page.wait_for_load_state("load")
    page.wait_for_load_state("networkidle")


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
    response = goto(watch.page, url)
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
    goto(watch.page, site_url + "indicators/4-4/")
    watch.page.hover(".md-header .md-select")
    watch.page.click('.md-header a[hreflang="en"]')
    settle(watch.page)
    expect(watch.page).to_have_url(site_url + "en/indicators/4-4/")
    expect(watch.page.locator("h1")).to_contain_text("Share of the population with health insurance")
    watch.page.hover(".md-header .md-select")
    watch.page.click('.md-header a[hreflang="vi"]')
    settle(watch.page)
    expect(watch.page).to_have_url(site_url + "indicators/4-4/")
    expect(watch.page.locator("h1")).to_contain_text("Tỉ lệ dân số tham gia bảo hiểm y tế")
    assert watch.errors == [] and watch.foreign == []
    watch.close()


@pytest.mark.browser
def test_search_finds_a_vietnamese_page(browser, site_url: str):
    watch = PageWatch(browser, site_url)
    goto(watch.page, site_url)
    watch.page.keyboard.press("/")
    watch.page.keyboard.type("thất nghiệp", delay=20)
    # results follow the keystrokes: wait for those of the whole query, not of "thất ngh"
    expect(watch.page.locator('#site-search-results[data-query="thất nghiệp"] a').first).to_be_visible()
    assert "thất nghiệp" in watch.page.inner_text("#site-search-results").lower()
    assert watch.errors == [] and watch.foreign == []
    watch.close()
