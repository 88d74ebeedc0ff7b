"""Every page of the built site: internal links resolve, and nothing is loaded from another host."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse


class _Refs(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.links: list[str] = []      # followed by a reader (a href)
        self.resources: list[str] = []  # loaded by the browser with the page
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("script", "img", "iframe", "source", "audio", "video") and attrs.get("src"):
            self.resources.append(attrs["src"])
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical",):
            self.resources.append(attrs["href"])


def _target(page: Path, href: str, site: Path) -> Path | None:
    url = urlparse(href)
    if url.scheme or url.netloc or not url.path:
        return None
    base = site if url.path.startswith("/") else page.parent  # MkDocs writes root paths in 404.html
    path = (base / unquote(url.path).lstrip("/")).resolve()
    return path / "index.html" if path.is_dir() or url.path.endswith("/") else path


def test_every_internal_link_and_resource_exists(built_site: Path):
    broken = []
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 200
    for page in pages:
        refs = _Refs(page.read_text(encoding="utf-8"))
        for href in refs.links + refs.resources:
            target = _target(page, href, built_site)
            if target is not None and not target.exists():
                broken.append(f"{page.relative_to(built_site)} → {href}")
    assert broken == []


def test_no_page_loads_anything_from_another_host(built_site: Path):
    foreign = []
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for ref in _Refs(html).resources:
            if urlparse(ref).netloc or ref.startswith("//"):
                foreign.append(f"{page.relative_to(built_site)}: {ref}")
        if re.search(r"fonts\.googleapis|fonts\.gstatic|cdn\.jsdelivr|unpkg\.com|googletagmanager", html):
            foreign.append(f"{page.relative_to(built_site)}: third-party host in the page")
    for css in built_site.rglob("*.css"):
        if re.search(r"@import\s+url\(\s*['\"]?https?:|url\(\s*['\"]?https?:", css.read_text(encoding="utf-8")):
            foreign.append(f"{css.relative_to(built_site)}: remote url()")
    assert foreign == []


def test_every_target_row_has_a_page_in_both_languages(built_site: Path):
    import csv
    rows = list(csv.DictReader((built_site / "data" / "indicators.csv").open(encoding="utf-8")))
    for row in rows:
        slug = row["id"].replace(".", "-")
        vi = (built_site / "indicators" / slug / "index.html").read_text(encoding="utf-8")
        en = (built_site / "en" / "indicators" / slug / "index.html").read_text(encoding="utf-8")
        assert 'lang="vi"' in vi and 'lang="en"' in en
