"""Progress on the pages, without a browser: every table shows each row's status in words with an icon, each
target page shows its working, and every status has its words, icon, filter rule and documentation."""
from __future__ import annotations

import re

import pytest

from macros.progress_view import ICONS
from macros.render import Renderer
from tracker import formatting as fmt
from tracker.model import build_model
from tracker.progress import STATUSES, assess_all

from .conftest import DATA, ROOT


@pytest.fixture(scope="module")
def renderer():
    return Renderer(build_model(DATA))


def _badges(text: str) -> list[tuple[str, str]]:
    """(status, words) of every status badge in a rendered page."""
    return re.findall(r'progress--(\w+)[^"]*" title="[^"]*"><span class="progress__icon" aria-hidden="true">[^<]+</span> '
                      r"([^<]+)</span>", text)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_table_shows_each_rows_status_in_words(renderer, lang):
    assessments = renderer.assessments
    cat = renderer.cat
    pages = [(renderer.appendix(lang, f"indicators/index.{lang}.md"), cat.indicators),
             (renderer.group_page(lang, f"indicators/group-4.{lang}.md", 4), cat.in_group(4)),
             (renderer.department_page(lang, f"departments/so-y-te.{lang}.md", "so-y-te"), cat.of_department("so-y-te"))]
    for text, rows in pages:
        table = text[text.index('<div class="target-table'):]
        assert [s for s, _ in _badges(table)] == [assessments[i.id].status for i in rows]
        assert all(words.strip() == fmt.t("progress." + s, lang) for s, words in _badges(table))


def test_target_page_shows_the_working(renderer):
    text = renderer.indicator_page("en", "indicators/4-4.en.md", "4.4")
    a = renderer.assessments["4.4"]
    assert "## Progress" in text and a.status == "needs_acceleration"
    assert "Needs acceleration" in text and "Change per year needed to reach the target by 2030:** +1.47 points a year" in text
    assert "From 84.85% (first half of 2019) to 87.52% (as of 31 May 2025)" in text
    vi = renderer.indicator_page("vi", "indicators/7-3.vi.md", "7.3")
    assert "Chưa đạt, chưa rõ xu hướng" in vi and "24,4 Giường/10.000 dân (khoảng năm 2016" in vi


def test_worked_example_is_computed_from_the_real_data(renderer):
    a = renderer.assessments["2.3"]
    for lang in ("vi", "en"):
        text = renderer.progress_example(lang, f"about/method.{lang}.md", "2.3")
        assert fmt.number(a.achieved_per_year, lang, 2).replace("-", "−") in text
        assert fmt.number(a.required_per_year, lang, 2).replace("-", "−") in text
        assert fmt.t("progress." + a.status, lang) in text
    for lang in ("vi", "en"):
        page = (ROOT / "docs" / "about" / f"method.{lang}.md").read_text(encoding="utf-8")
        assert 'progress_example("2.3")' in page and "progress_legend()" in page and "{ #tien-do }" in page


def test_dashboard_counts_add_up(renderer):
    counts = {s: 0 for s in STATUSES}
    for a in assess_all(renderer.model).values():
        counts[a.status] += 1
    text = renderer.dashboard("en", "index.en.md")
    shown = dict(re.findall(r'progress--(\w+)" title="[^"]*"><span[^>]*>[^<]+</span> [^<]+<strong>(\d+)</strong>',
                            text[:text.index("## By group")]))
    assert {s: int(n) for s, n in shown.items()} == counts


def test_every_status_has_words_an_icon_a_filter_rule_and_documentation():
    css = (ROOT / "docs" / "assets" / "site.css").read_text(encoding="utf-8")
    data_pages = [(ROOT / "docs" / "about" / f"data.{lang}.md").read_text(encoding="utf-8") for lang in ("vi", "en")]
    assert set(ICONS) == set(STATUSES)
    for status in STATUSES:
        for lang in ("vi", "en"):
            assert fmt.t("progress." + status, lang) and fmt.t("progress.help." + status, lang)
        key = status.replace("_", "-")
        assert f"#status-{key}:target ~ .target-table tbody tr:not(:has(.progress--{status}))" in css, status
        assert f"#status-{key}:target ~ h2:not(.has-{key})" in css, status
        assert f".progress--{status}" in css
        assert all(f"`{status}`" in page for page in data_pages), status
