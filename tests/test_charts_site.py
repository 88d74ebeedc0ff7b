"""Charts on the built site: inline in the row's page (no JavaScript needed), downloads per chart and
language at the site's root, small multiples on group pages, none for rows without figures; and in a
real browser with JavaScript disabled on a phone-sized window."""
from __future__ import annotations

import posixpath
from html import unescape
import re
from pathlib import Path

import pytest

from tracker import charts
from tracker.model import build_model

from .conftest import DATA
from .test_browser import browser, expect, goto, site_url  # noqa: F401  (the browser tests' fixtures)


def _hrefs(html: str, pattern: str) -> list[str]:
    return re.findall(rf'href="([^"]*{pattern}[^"]*)"', html)


@pytest.mark.parametrize("lang, prefix", [("vi", ""), ("en", "en/")])
def test_indicator_page_has_its_chart_inline_with_downloads(built_site: Path, lang: str, prefix: str):
    page = built_site / prefix / "indicators" / "5-2" / "index.html"
    html = page.read_text(encoding="utf-8")
    figure = re.search(r'<figure class="chart" data-search-exclude>(.*?)</figure>', html, re.S)
    assert figure, "no chart on the 5.2 page"
    assert "<svg" in figure.group(1) and 'role="img" aria-label="' in figure.group(1)
    links = _hrefs(figure.group(1), "charts/")
    assert [posixpath.basename(h) for h in links] == [f"5-2.{lang}.svg", f"5-2.{lang}.png", f"5-2.{lang}.vl.json"]
    for href in links:
        assert (page.parent / href).resolve().is_file(), href
    expected = "mục tiêu 2030 <\u00a02\u00a0%" if lang == "vi" else "2030 target <\u00a02%"
    assert expected in unescape(figure.group(1))


def test_every_row_with_figures_has_its_files_and_no_other_row_has(built_site: Path):
    model = build_model(DATA)
    published = {p.name for p in (built_site / "charts").iterdir()}
    for ind in model.catalogue.indicators:
        for lang in ("vi", "en"):
            names = {f"{ind.slug}.{lang}.{ext}" for ext in ("svg", "png", "vl.json")}
            if charts.has_chart(model, ind):
                assert names <= published, ind.id
            else:
                assert not names & published, ind.id
    bare = next(i for i in model.catalogue.indicators if not model.observations_of(i))
    no_data = (built_site / "indicators" / bare.slug / "index.html").read_text(encoding="utf-8")
    assert 'class="chart' not in no_data


def test_group_page_shows_small_multiples_linking_to_each_target(built_site: Path):
    page = built_site / "en" / "indicators" / "group-4" / "index.html"
    html = page.read_text(encoding="utf-8")
    block = re.search(r'<div class="chart-multiples" data-search-exclude>(.*?)</div>', html, re.S).group(1)
    links = re.findall(r'<a class="chart-small" href="([^"]+)"', block)
    assert [posixpath.basename(h.rstrip("/")) for h in links] == ["4-1", "4-3", "4-4"]
    for href in links:
        assert (page.parent / href / "index.html").resolve().is_file(), href
    assert block.count("<svg") == 3


def test_chart_font_is_served_and_covers_the_page(built_site: Path):
    css = (built_site / "assets" / "charts.css").read_text(encoding="utf-8")
    fonts = re.findall(r'url\("([^"]+\.woff2)"\)', css)
    assert fonts == ["fonts/dejavu-sans-vi.woff2"]
    assert (built_site / "assets" / fonts[0]).is_file()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["indicators/5-2/", "indicators/4-4/", "en/indicators/5-2/", "en/indicators/4-4/"])
def test_chart_shows_without_javascript_on_a_phone(browser, site_url: str, path: str):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    goto(page, site_url + path)
    chart = page.locator("figure.chart svg")
    chart.scroll_into_view_if_needed()
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert 280 <= box["width"] <= 360 and box["height"] > 200, box
    words = page.locator("figure.chart").inner_text()
    assert ("Tải biểu đồ" if not path.startswith("en/") else "Download the chart") in words
    svg_text = page.locator("figure.chart svg text").all_text_contents()
    assert any(t.startswith("Mục tiêu 2030" if not path.startswith("en/") else "2030 target") for t in svg_text)
    assert failed == []
    context.close()
