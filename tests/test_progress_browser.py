"""The progress dashboard and filters in a real browser: on a phone-sized window, in both languages, the
home page's counts are those of the published data/indicators.csv, they are on the first screen, and
the filter links narrow the target list with JavaScript switched off."""
from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from tracker.progress import STATUSES

from .test_browser import PageWatch, browser, expect, goto, site_url  # noqa: F401  (shared fixtures)

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def _published(site: Path) -> tuple[list[dict], list[dict]]:
    with (site / "data" / "indicators.csv").open(encoding="utf-8") as f:
        indicators = list(csv.DictReader(f))
    with (site / "data" / "observations.csv").open(encoding="utf-8") as f:
        observations = list(csv.DictReader(f))
    return indicators, observations


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_home_page_dashboard_on_a_phone_matches_the_published_csv(browser, site_url, built_site, lang):  # noqa: F811
    indicators, observations = _published(built_site)
    expected = Counter(r["status"] for r in indicators)
    rows = {r["id"] for r in indicators}
    with_figures = len({o["id"] for o in observations} & rows)

    watch = PageWatch(browser, site_url)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    goto(page, site_url + ("en/" if lang == "en" else ""))

    shown = {}
    for item in page.locator(".status-counts li").all():
        badge = item.locator(".progress")
        status = re.search(r"progress--(\w+)", badge.get_attribute("class")).group(1)
        shown[status] = int(badge.locator("strong").inner_text())
        assert badge.inner_text().strip() != badge.locator("strong").inner_text()  # words, not a number alone
    assert list(shown) == list(STATUSES)
    assert shown == {s: expected.get(s, 0) for s in STATUSES}
    assert sum(shown.values()) == len(indicators) == 61

    lead = page.inner_text(".dashboard-lead")
    assert f"{len(indicators)} " in lead and f"{with_figures} " in lead
    assert ("số liệu mới nhất" if lang == "vi" else "newest figure") in lead
    # the counts are on the first screen of a phone, and nothing is wider than the phone
    assert page.locator(".status-counts").bounding_box()["y"] + page.locator(".status-counts").bounding_box()["height"] <= 844
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # one tile per group, and the targets with figures listed by status
    assert page.locator(".group-tile").count() == 10
    listed = page.locator("#co-so-lieu ~ .target-table tbody tr").count()
    assert listed == with_figures
    assert watch.errors == []
    context.close()
    watch.close()
    # the same dashboard, read with JavaScript switched off
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(site_url + ("en/" if lang == "en" else ""), wait_until="load")
    numbers = [int(n) for n in page.locator(".status-counts li strong").all_inner_texts()]
    assert numbers == [expected.get(s, 0) for s in STATUSES]
    assert page.locator(".group-tile").count() == 10
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_filter_links_narrow_the_target_list_without_javascript(browser, site_url, built_site, lang):  # noqa: F811
    indicators, observations = _published(built_site)
    expected = Counter(r["status"] for r in indicators)
    with_figures = len({o["id"] for o in observations} & {r["id"] for r in indicators})
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(site_url + ("en/" if lang == "en" else "") + "indicators/", wait_until="load")

    visible_rows = page.locator(".target-table tbody tr:visible")
    expect(visible_rows).to_have_count(61)
    page.click('.progress-filter a[href="#with-figures"]')
    expect(page).to_have_url(re.compile("#with-figures$"))
    expect(visible_rows).to_have_count(with_figures)
    for status, n in expected.items():
        anchor = f'#status-{status.replace("_", "-")}'
        page.click(f'.progress-filter a[href="{anchor}"]')
        expect(page).to_have_url(re.compile(anchor + "$"))
        expect(visible_rows, status).to_have_count(n)
        assert all(f"progress--{status}" in (row.locator(".progress").get_attribute("class"))
                   for row in visible_rows.all())
    page.click('.progress-filter a[href="#all"]')
    expect(visible_rows).to_have_count(61)
    context.close()


@pytest.mark.browser
def test_home_page_prints_on_at_most_two_a4_pages(browser, site_url):  # noqa: F811
    for lang in ("vi", "en"):
        page = browser.new_page()
        goto(page, site_url + ("en/" if lang == "en" else ""))
        page.emulate_media(media="print")
        pdf = page.pdf(prefer_css_page_size=True)  # the site's own @page: A4, 1.2 cm margins
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert 1 <= pages <= 2, (lang, pages)
        page.close()
