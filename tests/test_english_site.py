"""The English edition on the built site: the glossary page in both languages, abbreviation tooltips
drawn from the glossary, and the 404 page in the reader's language, with search and a way home, in a
real browser."""
from __future__ import annotations

import functools
import html
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tracker.glossary import load_glossary
from tracker.problems import Problems

from .conftest import DATA
from .test_browser import PageWatch, browser, expect, goto, settle  # noqa: F401  (the shared Chromium fixture)


def _glossary():
    return load_glossary(DATA, Problems())


def test_glossary_page_lists_every_term_and_abbreviation_in_both_languages(built_site: Path):
    glossary = _glossary()
    for lang, prefix in (("vi", ""), ("en", "en/")):
        page = (built_site / prefix / "about" / "glossary" / "index.html").read_text(encoding="utf-8")
        rows = [html.unescape(re.sub(r"<[^>]+>", "", row)) for row in re.findall(r"<tr>(.*?)</tr>", page, re.S)]
        assert len(rows) == 2 + len(glossary.abbreviations) + len(glossary.terms)  # two header rows
        text = "\n".join(rows)
        for a in glossary.abbreviations:
            assert a.abbr in text and a.vi in text and a.en in text, (lang, a.abbr)
        for term in glossary.terms:
            note = (term.note_vi if lang == "vi" else term.note_en) or ""
            first, second = (term.vi, term.en) if lang == "vi" else (term.en, term.vi)
            assert any(row.split("\n")[1:4] == [first, second, note] for row in rows), (lang, term.vi)


def test_abbreviations_explain_themselves_on_the_plan_pages(built_site: Path):
    vi = (built_site / "plan" / "3-6h-social-insurance" / "index.html").read_text(encoding="utf-8")
    en = (built_site / "en" / "plan" / "3-6h-social-insurance" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="bảo hiểm xã hội">BHXH</abbr>' in vi
    assert '<abbr title="bảo hiểm thất nghiệp">BHTN</abbr>' in vi
    assert '<abbr title="social insurance (bảo hiểm xã hội)">BHXH</abbr>' in en
    implementation = (built_site / "plan" / "4-implementation" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Hội đồng nhân dân">HĐND</abbr>' in implementation


class _NotFoundHandler(SimpleHTTPRequestHandler):
    """Serves the site's 404.html for a missing address, as static hosts do."""

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def host(built_site: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_NotFoundHandler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("path, lang, heading, home, site_name, query", [
    ("khong-co-trang-nay/", "vi", "Không tìm thấy trang", "/", "Theo dõi Kế hoạch 219/KH-UBND", "thất nghiệp"),
    ("en/no-such-page/", "en", "Page not found", "/en/", "Tracking Plan 219/KH-UBND", "unemployment"),
])
def test_404_page_speaks_the_language_of_the_address(browser, host, path, lang, heading, home, site_name, query):  # noqa: F811
    watch = PageWatch(browser, host)
    response = goto(watch.page, host + path)
    assert response is not None and response.status == 404
    page = watch.page
    assert page.get_attribute("html", "lang") == lang
    visible = page.locator("article h1:visible")
    assert visible.count() == 1 and visible.inner_text().startswith(heading)
    assert site_name in page.inner_text(".md-header__title")
    assert page.locator(f'[data-not-found="{lang}"] a[data-home]').get_attribute("href") == home
    other = "en" if lang == "vi" else "vi"
    assert page.locator(f'[data-not-found="{other}"]').is_hidden()
    # the box on the page searches the site, in the reader's language (its own index)
    page.fill(f'[data-not-found="{lang}"] input[type=search]', query)
    page.click(f'[data-not-found="{lang}"] button[type=submit]')
    expect(page.locator(f'#site-search-results[data-query="{query}"] a').first).to_be_visible()
    first = page.locator("#site-search-results a").first
    assert query in first.inner_text().lower()
    assert ("/en/" in first.get_attribute("href")) == (lang == "en")
    assert page.inner_text("#site-search-heading") == ("Tìm kiếm trên trang này" if lang == "vi" else "Search this site")
    # and the way home works
    goto(page, host + path)
    page.click(f'[data-not-found="{lang}"] a[data-home]')
    settle(page)
    expect(page).to_have_url(host.rstrip("/") + home)
    assert page.get_attribute("html", "lang") == lang
    assert watch.foreign == []
    # the only failed request is the missing page itself (each load logs it once more in the console)
    missing = [e for e in watch.errors if e == f"404 {host}{path}"]
    echoes = [e for e in watch.errors if "status of 404" in e]
    assert len(missing) == len(echoes) == 2
    assert [e for e in watch.errors if e not in missing + echoes] == []
    watch.close()


def test_english_pages_keep_a_vietnamese_quote_and_add_its_translation(built_site: Path):
    en = re.sub(r"</?abbr[^>]*>", "", (built_site / "en" / "indicators" / "4-4" / "index.html").read_text(encoding="utf-8"))
    vi = (built_site / "indicators" / "4-4" / "index.html").read_text(encoding="utf-8")
    original = "tỷ lệ dân số tham gia BHYT đạt 84,85%"
    assert re.search(r'<span lang="vi">“[^”]*' + re.escape(original), en)  # marked as Vietnamese
    assert "English translation (unofficial)" in en
    assert "the share of the population with health insurance reached 84.85%" in en
    # a quote the source wrote in English is not marked as Vietnamese, nor "translated"
    assert re.search(r'“the rate of health insurance participation reached 87.52%”', en)
    # the Vietnamese page shows the original only
    assert original in re.sub(r"<[^>]+>", "", vi) and "English translation" not in vi
