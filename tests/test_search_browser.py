"""Search in the real browser (Debian's Chromium): queries typed into the real search box of each language's site,
with and without tone marks, in NFD, with spelling variants, abbreviations both ways, target ids and English; the
first result of each is checked. Also: nothing for search loads before the reader opens it, the dialog is named and
keyboard-driven, only matched words are highlighted, and the browser's keys agree with tracker/search_text.py."""
from __future__ import annotations

import gzip
import json
import re
import unicodedata
from pathlib import Path

import pytest

from tests.test_browser import PageWatch, browser, expect, goto, site_url  # noqa: F401  (fixtures)
from tracker.search_text import fold, words

NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
CASES = json.loads((Path(__file__).parent / "search_cases.json").read_text(encoding="utf-8"))

# query typed → the page that must come first (path under the language's root)
VI = [
    ("that nghiep", "indicators/2-1/"),
    ("thất nghiệp", "indicators/2-1/"),
    (NFD("thất nghiệp"), "indicators/2-1/"),
    ("that nghiep thanh thi", "indicators/2-2/"),
    ("ty le ho ngheo", "indicators/5-2/"),
    ("tỷ lệ hộ nghèo", "indicators/5-2/"),
    ("tỉ lệ hộ nghèo", "indicators/5-2/"),
    (NFD("Tỷ lệ hộ nghèo"), "indicators/5-2/"),
    ("ho ngheo", "indicators/5-2/"),
    ("bảo hiểm y tế", "indicators/4-4/"),
    ("bao hiem y te", "indicators/4-4/"),
    ("bhyt", "indicators/4-4/"),
    ("BHYT", "indicators/4-4/"),
    ("LLLĐ bhxh", "indicators/4-1/"),
    ("lực lượng lao động tham gia bảo hiểm xã hội", "indicators/4-1/"),
    ("2.1", "indicators/2-1/"),
    ("10.2", "indicators/10-2/"),
    ("7.10", "indicators/7-10/"),
    ("giuong benh", "indicators/7-3/"),
    ("bác sỹ", "indicators/7-4/"),
    ("bac si", "indicators/7-4/"),
    ("bác sĩ", "indicators/7-4/"),
    ("sống khỏe", "indicators/7-2/"),
    ("xóa mù chữ", "indicators/6-6/"),
    ("hoà nhập", "plan/3-6a-education/"),
    ("hoa nhap", "plan/3-6a-education/"),
    ("tuoi tho", "indicators/7-1/"),
    ("tiem chung", "indicators/7-7/"),
    ("nha o xa hoi", "indicators/9-1/"),
    ("nuoc sach", "indicators/group-10/"),
    ("so ldtbxh", "departments/so-ldtbxh/"),
    ("Sở Lao động - Thương binh và Xã hội", "departments/so-ldtbxh/"),
    ("gddt", "departments/so-gddt/"),
    ("tnmt", "departments/so-tnmt/"),
    ("Sở Tài nguyên và Môi trường", "departments/so-tnmt/"),
    ("ubnd", "plan/"),
    ("Ủy ban nhân dân", "plan/"),
]
EN = [
    ("unemployment", "indicators/2-1/"),
    ("Unemployment Rate", "indicators/2-1/"),
    ("urban unemployment", "indicators/2-2/"),
    ("poverty", "indicators/5-2/"),
    ("health insurance", "indicators/4-4/"),
    ("BHYT", "indicators/4-4/"),
    ("labour force health insurance", "indicators/4-3/"),
    ("hospital beds", "indicators/7-3/"),
    ("hospital bed", "indicators/7-3/"),
    ("doctors", "indicators/7-4/"),
    ("life expectancy", "indicators/7-1/"),
    ("primary school enrolment", "indicators/6-3/"),
    ("trained workers", "indicators/3-2/"),
    ("literacy", "indicators/6-6/"),
    ("social housing", "indicators/9-1/"),
    ("2.1", "indicators/2-1/"),
    ("10.2", "indicators/10-2/"),
    ("7.10", "indicators/7-10/"),
    ("clean water", "indicators/group-10/"),
    ("housing", "indicators/group-9/"),
    ("department of health", "departments/so-y-te/"),
    ("MOLISA", "departments/so-ldtbxh/"),
    ("GDĐT", "departments/so-gddt/"),
    ("UBND", "plan/"),
    ("people's committee", "plan/"),
    ("privacy", "about/privacy/"),
]


class SearchBox:
    """One language's site with the search dialog open, driven as a reader would."""

    def __init__(self, browser, site_url: str, lang: str):
        self.watch = PageWatch(browser, site_url)
        self.page = self.watch.page
        self.root = site_url + ("en/" if lang == "en" else "")
        goto(self.page, self.root + "about/method/")
        self.page.click(".site-search__open")
        self.page.wait_for_function("() => window.siteSearch && window.siteSearch.engine")
        self.input = self.page.locator("#site-search-input")

    def type(self, query: str) -> list[dict]:
        """Types the query into the search box and returns the results shown (href, title, marked words)."""
        self.input.fill("")
        # the list emptied first, so that the wait below cannot be met by the drawing of an earlier query
        expect(self.page.locator("#site-search-results")).not_to_have_attribute("data-query", re.compile("."))
        self.input.press_sequentially(query)
        # an arrow function: Playwright evaluates a bare expression with eval, which the site's CSP forbids
        self.page.wait_for_function("() => document.querySelector('#site-search-results').dataset.query === "
                                    "document.querySelector('#site-search-input').value.trim()")
        return self.page.eval_on_selector_all("#site-search-results a", """links => links.map(a => ({
            href: a.href, title: a.querySelector('.site-search__title').textContent,
            marks: Array.from(a.querySelectorAll('mark')).map(m => m.textContent)}))""")


@pytest.fixture(scope="module")
def search_box(browser, site_url):  # noqa: F811
    boxes = {}

    def open_box(lang: str) -> SearchBox:
        if lang not in boxes:
            boxes[lang] = SearchBox(browser, site_url, lang)
        return boxes[lang]
    yield open_box
    for box in boxes.values():
        assert box.watch.errors == [] and box.watch.foreign == [], (box.watch.errors, box.watch.foreign)
        box.watch.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang, query, expected", [("vi", q, e) for q, e in VI] + [("en", q, e) for q, e in EN])
def test_first_result(search_box, lang: str, query: str, expected: str):
    box = search_box(lang)
    results = box.type(query)
    assert results, f"{query!r}: nothing found"
    first = results[0]
    print(f"\n[{lang}] {query!r} → {first['href'].removeprefix(box.root)} | {first['title']}")
    assert first["href"].split("#")[0] == box.root + expected, [r["href"] for r in results[:3]]
    # the reader's language only
    assert all(("/en/" in r["href"]) == (lang == "en") for r in results)


@pytest.mark.browser
@pytest.mark.parametrize("lang, query", [("vi", "ho ngheo"), ("vi", "te"), ("en", "ho"), ("en", "te"),
                                         ("vi", "that nghiep"), ("en", "clean water")])
def test_whole_syllables_and_only_matched_words_highlighted(search_box, lang: str, query: str):
    box = search_box(lang)
    wanted = {fold(w, lang) for _, _, w in words(query)}
    for result in box.type(query):
        for mark in result["marks"]:
            assert fold(mark, lang) in wanted, (query, mark, result["href"])


@pytest.mark.browser
def test_each_site_searches_its_own_language(search_box):
    # Vietnamese pages quote a few English words and English pages a few Vietnamese ones; never the other site's pages
    vietnamese = search_box("vi").type("unemployment insurance")
    assert all("/en/" not in r["href"] for r in vietnamese)
    assert "Tỉ lệ" in vietnamese[0]["title"]
    english = search_box("en").type("bảo hiểm thất nghiệp")
    assert english and all("/en/" in r["href"] for r in english)


@pytest.mark.browser
def test_browser_keys_agree_with_python(search_box):
    failures = search_box("vi").page.evaluate("""cases => {
        const s = window.siteSearch, bad = [];
        cases.fold.forEach(([w, f, lang]) => { if (s.fold(w, lang) !== f) bad.push(['fold', w, s.fold(w, lang)]); });
        cases.same_exact.forEach(([a, b]) => { if (s.exactKey(a) !== s.exactKey(b)) bad.push(['same', a, b]); });
        cases.different_exact.forEach(([a, b]) => { if (s.exactKey(a) === s.exactKey(b)) bad.push(['different', a, b]); });
        cases.words.forEach(([t, ws]) => { const got = s.words(t).map(w => w[2]);
            if (JSON.stringify(got) !== JSON.stringify(ws)) bad.push(['words', t, got]); });
        return bad; }""", CASES)
    assert failures == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_nothing_loads_for_search_until_the_reader_opens_it(browser, site_url: str, built_site: Path, lang: str):  # noqa: F811
    watch = PageWatch(browser, site_url)
    requested: list[str] = []
    watch.page.on("request", lambda r: requested.append(r.url))
    prefix = "en/" if lang == "en" else ""
    goto(watch.page, site_url + prefix + "indicators/4-4/")
    assert not [u for u in requested if "search" in u], requested
    before = len(requested)
    with watch.page.expect_response(site_url + f"search/index.{lang}.json"):
        watch.page.keyboard.press("/")
    watch.page.wait_for_function("() => window.siteSearch && window.siteSearch.engine")
    # the browser fetches the tab's icon on its own schedule (seen after "load" on a loaded machine): not the page's
    icon = watch.page.eval_on_selector('link[rel~="icon"]', "link => link.href")
    first_search = [u.removeprefix(site_url) for u in requested[before:] if u != icon]
    assert first_search == ["assets/search/search.js", f"search/index.{lang}.json"]
    gzipped = sum(len(gzip.compress((built_site / u).read_bytes(), 6)) for u in first_search)
    raw = sum((built_site / u).stat().st_size for u in first_search)
    print(f"\n[{lang}] first search downloads {raw} bytes, {gzipped} bytes gzip: {first_search}")
    # budget: below what Material's search downloaded on every first visit (its index of both languages and worker,
    # about 84 kB gzip); the text of the pages grows with the data, navigation or chart text in the index would jump it
    assert gzipped < 80_000, gzipped
    assert watch.errors == [] and watch.foreign == []
    watch.close()


@pytest.mark.browser
def test_dialog_is_named_and_keyboard_driven(browser, site_url: str):  # noqa: F811
    watch = PageWatch(browser, site_url)
    page = watch.page
    goto(page, site_url + "plan/")
    button = page.get_by_role("button", name="Tìm kiếm")
    expect(button).to_be_visible()
    page.keyboard.press("/")
    dialog = page.get_by_role("dialog", name="Tìm kiếm trên trang này")
    search_input = page.locator("#site-search-input")
    expect(dialog).to_be_visible()
    expect(search_input).to_be_focused()
    page.keyboard.type("giuong benh")
    # Results follow each keystroke; wait for those of the whole query (a busy machine may lag a keystroke behind).
    expect(page.locator('#site-search-results[data-query="giuong benh"] a').first).to_have_attribute(
        "href", re.compile(r"indicators/7-3/$"))
    page.keyboard.press("Escape")
    # a "/" typed straight away (no wait in between) reopens the dialog, with the input focused
    page.keyboard.press("/")
    expect(dialog).to_be_visible()
    expect(search_input).to_be_focused()
    # closing gives focus back to the search button
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()
    page.keyboard.press("/")
    expect(search_input).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".site-search__link").first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(search_input).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/indicators/7-3/")
    expect(page.locator("h1")).to_contain_text("Số giường bệnh")
    assert watch.errors == [] and watch.foreign == []
    watch.close()


@pytest.mark.browser
def test_enter_pressed_at_once_opens_the_first_result_of_the_whole_query(browser, site_url: str):  # noqa: F811
    """Results are drawn 80 ms after the last letter; Enter (or ArrowDown) pressed sooner must not act on the
    results of a shorter query ("7.1" → target 7.1) or on none at all."""
    watch = PageWatch(browser, site_url)
    page = watch.page
    goto(page, site_url + "plan/")
    page.keyboard.press("/")
    page.wait_for_function("() => window.siteSearch && window.siteSearch.engine")
    page.keyboard.type("7.10")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/indicators/7-10/$"))
    assert watch.errors == [] and watch.foreign == []
    watch.close()


@pytest.mark.browser
def test_a_slash_typed_while_the_page_loads_does_not_open_an_invisible_dialog(browser, site_url: str):  # noqa: F811
    """Until Material's script has run (.no-js), the search box is hidden: a "/" typed then would have opened an
    invisible modal dialog (the page inert, nothing focused, the next letters taken as Material's shortcuts)."""
    watch = PageWatch(browser, site_url)
    page = watch.page
    held = []
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: held.append(route))  # Material: held
    page.goto(site_url + "plan/", wait_until="commit")
    # the parser is past the header (its search script has run) and waits for Material's script
    expect(page.locator("#__config")).to_be_attached()
    expect(page.locator("html")).to_have_class(re.compile(r"\bno-js\b"))
    page.keyboard.press("/")
    assert page.evaluate("() => document.querySelector('#site-search-dialog').open") is False
    held[0].continue_()
    page.wait_for_load_state("load")
    page.keyboard.press("/")
    expect(page.get_by_role("dialog", name="Tìm kiếm trên trang này")).to_be_visible()
    expect(page.locator("#site-search-input")).to_be_focused()
    assert watch.errors == [] and watch.foreign == []
    watch.close()
