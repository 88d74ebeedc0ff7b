"""The search index (scripts/search_index.py): only the article's words, cells kept apart, one index per language."""
from __future__ import annotations

import json
from pathlib import Path

from scripts.search_index import page_entry

PAGE = """<!doctype html><html lang="vi"><head><title>x</title></head><body>
<nav class="md-nav">Trang chủ Kế hoạch Chỉ tiêu</nav>
<article class="md-content__inner md-typeset">
<h1 id="t">2.1. Tỉ lệ thất nghiệp chung<a class="headerlink" href="#t">&para;</a></h1>
<p>Mục tiêu &lt; 3 %<br/>năm 2030</p>
<figure class="chart"><svg><text>2020</text><text>3,4</text></svg><figcaption>Biểu đồ</figcaption></figure>
<div data-search-exclude><p>không tìm</p><img src="a.png"/></div>
<h2 id="so-lieu">Số liệu<a class="headerlink" href="#so-lieu">&para;</a></h2>
<table><tr><th>Năm</th><th>Số liệu</th></tr>
<tr><td><span class="cell-label">Năm: </span>2020</td><td>3,4</td><td>Chưa đạt</td></tr></table>
</article>
<footer>Trở lại mục lục</footer></body></html>"""


def test_only_the_article_and_no_glue():
    lang, entry = page_entry(PAGE, "indicators/2-1/")
    assert lang == "vi"
    assert entry["t"] == "2.1. Tỉ lệ thất nghiệp chung"
    assert entry["k"] == 3 and entry["i"] == "2.1"
    text = json.dumps(entry, ensure_ascii=False)
    for absent in ("Trang chủ", "Trở lại", "¶", "không tìm", "Năm: "):
        assert absent not in text
    intro, numbers = entry["s"]
    assert intro == ["", "", "Mục tiêu < 3 % năm 2030 Biểu đồ"]
    assert numbers[:2] == ["so-lieu", "Số liệu"]
    assert numbers[2] == "Năm · Số liệu 2020 · 3,4 · Chưa đạt"


def test_kinds_from_the_address():
    html = PAGE.replace('lang="vi"', 'lang="en"')
    assert page_entry(html, "en/indicators/group-2/")[1]["k"] == 2
    assert page_entry(html, "en/plan/3-4-labour-market/")[1]["k"] == 1
    assert page_entry(html, "about/privacy/")[1]["k"] == 0
    assert page_entry(html, "en/indicators/10-2/")[1]["i"] == "10.2"
    assert page_entry("<html><body><p>redirect</p></body></html>", "x/") is None


def test_built_site_has_one_index_per_language(built_site: Path):
    vi = json.loads((built_site / "search" / "index.vi.json").read_text(encoding="utf-8"))
    en = json.loads((built_site / "search" / "index.en.json").read_text(encoding="utf-8"))
    assert vi["lang"] == "vi" and en["lang"] == "en"
    assert all(not d["u"].startswith("en/") for d in vi["docs"])
    assert all(d["u"].startswith("en/") for d in en["docs"])
    pages = {p.parent.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")}
    pages = {p for p in pages if not p.startswith(("t/", "en/t/"))}  # short permanent links: redirects, not pages
    assert len(vi["docs"]) + len(en["docs"]) == len(pages)
    targets = [d for d in vi["docs"] if d["k"] == 3]
    assert len(targets) == 61 == len([d for d in en["docs"] if d["k"] == 3])
    assert ["bhyt", ["bao", "hiem", "y", "te"]] in vi["abbr"]
    assert ["bhyt", ["health", "insurance"]] in en["abbr"]
    assert not (built_site / "search" / "search_index.json").exists()   # Material's index of both languages


def test_built_index_has_no_navigation_or_glued_cells(built_site: Path):
    """The theme's words (skip link, back-to-top button) are indexed only on a page whose own text says them
    (the accessibility page names the skip link)."""
    for lang, absent in (("vi", ("Trở lại mục lục", "Bỏ qua")), ("en", ("Back to top", "Skip to content"))):
        docs = json.loads((built_site / "search" / f"index.{lang}.json").read_text(encoding="utf-8"))["docs"]
        for doc in docs:
            html = (built_site / doc["u"] / "index.html").read_text(encoding="utf-8")
            article = html[html.index("<article"):html.index("</article>")]
            for words in absent:
                assert words not in json.dumps(doc, ensure_ascii=False) or words in article, (lang, doc["u"], words)
    group = next(d for d in json.loads((built_site / "search" / "index.vi.json").read_text(encoding="utf-8"))["docs"]
                 if d["u"] == "indicators/group-4/")
    body = " ".join(s[2] for s in group["s"])
    assert "4.4 · Tỉ lệ dân số tham gia bảo hiểm y tế · %" in body
