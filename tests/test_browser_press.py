"""Issue 10 in a real browser: the share tags of a target page and the image they name, the copy
button of the citation, the short permanent link with a figure's anchor, and the printed page."""
from __future__ import annotations

import struct
from urllib.parse import urlparse

import pytest

from .test_browser import PageWatch, browser, expect, goto, site_url  # noqa: F401  (fixtures)

pytest.importorskip("playwright.sync_api")


def _meta(page, key: str) -> str | None:
    return page.evaluate("""k => { const m = document.querySelector(`meta[property="${k}"], meta[name="${k}"]`);
                                   return m && m.getAttribute("content"); }""", key)


@pytest.mark.browser
@pytest.mark.parametrize("lang, words", [("vi", ["87,52\u00a0%", "Mục tiêu 2030"]), ("en", ["87.52%", "2030 target"])])
def test_open_graph_tags_of_a_target_page_and_the_image_they_point_to(browser, site_url: str, lang: str, words):
    watch = PageWatch(browser, site_url)
    requested: list[str] = []
    watch.page.on("request", lambda r: requested.append(r.url))
    prefix = "" if lang == "vi" else "en/"
    goto(watch.page, site_url + prefix + "indicators/4-4/")
    assert not [u for u in requested if u.endswith("sitemap.xml")]  # no rel=alternate link makes Material fetch it
    title = _meta(watch.page, "og:title")
    assert title and title.startswith("4.4. ") and title == _meta(watch.page, "twitter:title")
    description = _meta(watch.page, "og:description")
    assert all(w in description for w in words) and description == _meta(watch.page, "twitter:description")
    assert _meta(watch.page, "og:url").endswith(f"/{prefix}indicators/4-4/")
    assert _meta(watch.page, "twitter:card") == "summary_large_image"
    image = _meta(watch.page, "og:image")
    assert image == _meta(watch.page, "twitter:image") and urlparse(image).scheme in ("http", "https")
    assert urlparse(image).path == f"/charts/4-4.{lang}.png"  # the target's chart (scripts/charts.py)
    # the tags name the public address; load the same path from the test server
    response = watch.page.request.get(site_url + urlparse(image).path.lstrip("/"))
    assert response.status == 200 and response.headers["content-type"] == "image/png"
    body = response.body()
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", body[16:24])
    assert width >= 600 and height >= 315  # large enough for Zalo's and Facebook's preview
    assert watch.errors == [] and watch.foreign == []
    watch.close()


@pytest.mark.browser
def test_citation_copy_button_copies_the_citation(browser, site_url: str):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    goto(page, site_url + "en/indicators/3-1/")
    button = page.locator('button.cite-copy[data-copy="cite-long"]')
    expect(button).to_be_visible()
    # "Copied" shows for 2 s only: record the button's words as they change, so a slow poll cannot miss them
    button.evaluate("""b => { window.__labels = [];
        new MutationObserver(() => window.__labels.push(b.textContent)).observe(b, {childList: true}); }""")
    button.click()
    page.wait_for_function("() => window.__labels.includes('Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Share of workers who have had training (target 3.1") and "more than 72%" in copied
    assert copied.endswith("/en/t/3-1/")
    context.close()


@pytest.mark.browser
def test_without_javascript_the_citation_is_plain_text_and_no_button_shows(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "indicators/2-2/")
    assert "Chưa có số liệu" in page.inner_text("#cite-long")
    assert not page.locator("button.cite-copy").first.is_visible()
    context.close()


@pytest.mark.browser
def test_short_link_keeps_the_figure_anchor(browser, site_url: str):
    watch = PageWatch(browser, site_url)
    goto(watch.page, site_url + "en/t/4-4/#2025-9m")
    # the short link's script replaces the address; the page it leads to may still be on its way
    expect(watch.page).to_have_url(site_url + "en/indicators/4-4/#2025-9m")
    watch.page.wait_for_load_state("load")
    expect(watch.page.locator('[id="2025-9m"]')).to_have_count(1)
    assert watch.errors == [] and watch.foreign == []
    watch.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["indicators/4-4/", "indicators/group-4/", "report/2025/", ""])
def test_printed_pages_keep_content_and_permanent_link_without_navigation(browser, site_url: str, path: str):
    context = browser.new_context()
    page = context.new_page()
    goto(page, site_url + path)
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        expect(page.locator(selector).first, selector).to_be_hidden()
    expect(page.locator("article")).to_be_visible()
    if path:
        expect(page.locator("article table, article #cite-long").first).to_be_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('article h2') || document.querySelector('article h1')).breakAfter") in ("avoid-page", "avoid")
    if path.startswith("indicators/4-4"):
        expect(page.locator("a.permalink")).to_be_visible()
        assert "/t/4-4/" in page.inner_text("a.permalink")
    pdf = page.pdf(format="A4")
    assert pdf[:5] == b"%PDF-" and len(pdf) > 10_000
    context.close()


@pytest.mark.browser
def test_a_phone_reader_sees_each_figure_anchor_without_hovering(browser, site_url: str):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    goto(page, site_url + "indicators/4-4/")
    assert page.evaluate("matchMedia('(hover: none)').matches")
    heading_link = page.locator('[id="2025-9m"] .headerlink')
    expect(heading_link).to_have_css("opacity", "1")
    figure_link = page.locator('a.figure-link[href="#2025-9m"]')
    expect(figure_link).to_be_visible()
    assert figure_link.inner_text() == "#2025-9m"
    context.close()
