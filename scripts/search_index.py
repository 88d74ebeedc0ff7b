"""Build step: one small search index per language from the built pages (site/search/index.<lang>.json).

Only the article of each page is read: navigation, header and footer are left out, and so are charts (SVG),
scripts, permalinks and anything marked `data-search-exclude`. Table cells and list items are kept apart
so that their words never run together ("2020" and "3,4" stay two words). Each page keeps its title, its
kind (target, group, plan section, other), a target's id, and its sections (anchor, heading, text); the
browser makes the search keys itself (docs/assets/search/search.js), so the file carries the text once.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from tracker.search_text import abbreviation_pairs, nfc

from .files import load_json, replace_bytes, save_json, version_of

SKIP_TAGS = {"svg", "script", "style", "noscript", "template", "button", "canvas", "object", "iframe"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CELL_TAGS = {"td", "th"}
BREAK_TAGS = {"p", "li", "tr", "div", "dt", "dd", "blockquote", "figcaption", "caption", "table", "ul", "ol",
              "section", "details", "summary", "h4", "h5", "h6", "pre"}
SECTION_TAGS = {"h2", "h3"}
# permalinks; the labels a phone shows in each table cell (they repeat the column heading)
SKIP_CLASSES = {"headerlink", "cell-label"}
# kind of page, best first when scores are close: a target's own page, its group, the plan's sections, the rest
KINDS = {"target": 3, "group": 2, "plan": 1, "other": 0}
_TARGET = re.compile(r"(?:^|/)indicators/(\d+)-(\d+)/$")
_GROUP = re.compile(r"(?:^|/)indicators/group-\d+/$")


class _Article(HTMLParser):
    """Collects the title (h1) and the sections (h2/h3 with their text) of `<article>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.depth = 0          # > 0 inside the article
        self.skip = 0           # > 0 inside something left out
        self.heading: str | None = None   # "h1", "h2", "h3" while inside a heading
        self.heading_id = ""
        self.heading_text: list[str] = []
        self.title = ""
        self.sections: list[list[str]] = [["", "", ""]]   # [anchor, heading, text]
        self.text: list[str] = []
        self.cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang") or ""
        if self.depth == 0:
            if tag == "article":
                self.depth = 1
            return
        if tag not in VOID_TAGS:
            self.depth += 1
        if self.skip:
            if tag not in VOID_TAGS:
                self.skip += 1
            return
        classes = (attributes.get("class") or "").split()
        if tag in SKIP_TAGS or "data-search-exclude" in attributes or SKIP_CLASSES & set(classes):
            if tag not in VOID_TAGS:
                self.skip = 1
            return
        if tag in {"h1"} | SECTION_TAGS:
            self._flush()
            self.heading, self.heading_id, self.heading_text = tag, attributes.get("id") or "", []
        elif tag in CELL_TAGS:
            self._add(" · " if self.cell else " ")
            self.cell = True
        elif tag == "br" or tag in BREAK_TAGS:
            if tag == "tr":
                self.cell = False
            self._add(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0 or tag in VOID_TAGS:
            return
        self.depth -= 1
        if self.skip:
            self.skip -= 1
            return
        if self.depth == 0:
            self._flush()
            return
        if tag == self.heading:
            heading = _clean(" ".join(self.heading_text))
            if tag == "h1":
                self.title = self.title or heading
            else:
                self.sections.append([self.heading_id, heading, ""])
            self.heading = None
        elif tag in BREAK_TAGS or tag in CELL_TAGS:
            self._add(" ")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self._add(data)

    def _add(self, text: str) -> None:
        (self.heading_text if self.heading else self.text).append(text)

    def _flush(self) -> None:
        text = _clean("".join(self.text))
        if text:
            section = self.sections[-1]
            section[2] = _clean(section[2] + " " + text)
        self.text = []


def _clean(text: str) -> str:
    return nfc(re.sub(r"\s+", " ", text).strip())


_SVG_TAG = re.compile(r"<(/?)svg\b[^>]*>")


def article_of(html: str) -> str | None:
    """What the index reads of a page: its <html> tag and its article, the inside of each SVG left out (charts: the
    index never reads them, and their elements were most of a chart page's parsing). None for a page without one."""
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < 0:
        return None
    opening = re.search(r"<html[^>]*>", html)
    article, kept, depth, cut = html[start:end + len("</article>")], [], 0, 0
    for tag in _SVG_TAG.finditer(article):   # by depth, so that an SVG inside an SVG is left out whole
        if not tag.group(1):
            depth += 1
            if depth == 1:
                kept.append(article[cut:tag.end()])
        elif depth:
            depth -= 1
            if depth == 0:
                cut = tag.start()
    kept.append(article[cut:])
    return (opening.group() if opening else "") + "".join(kept)


def page_entry(html: str, url: str) -> tuple[str, dict] | None:
    """(language, entry) for one built page, or None when it has no article (redirects, 404)."""
    return _entry(article_of(html), url)


def _entry(article: str | None, url: str) -> tuple[str, dict] | None:
    if article is None:
        return None
    parser = _Article()
    parser.feed(article)
    parser.close()
    sections = [s for s in parser.sections if s[1] or s[2]]
    if not parser.title and not sections:
        return None
    kind, target_id = "other", ""
    if match := _TARGET.search(url):
        kind, target_id = "target", f"{match.group(1)}.{match.group(2)}"
    elif _GROUP.search(url):
        kind = "group"
    elif url.startswith("plan/") or "/plan/" in url:
        kind = "plan"
    entry = {"u": url, "t": parser.title, "k": KINDS[kind], "s": sections}
    if target_id:
        entry["i"] = target_id
    return parser.lang or "vi", entry


def build_indexes(site: Path, abbreviations: dict[str, list[tuple[str, str]]],
                  cache: Path | None = None) -> dict[str, dict]:
    """{language: index} for every page of the built site; `abbreviations` gives, per language,
    (abbreviation, full form) pairs from the glossary.

    With a cache file, a page is parsed only when what the index reads of it (article_of) changed since the last
    build (a partial rebuild re-renders few pages, and most of those come out the same, or differ only in their
    charts), and not even read when it is the same version of the file (scripts/files.py version_of). The code that
    reads pages is part of the key."""
    indexes: dict[str, dict] = {}
    known = load_json(cache) if cache else None
    if not isinstance(known, dict) or known.get("code") != _code():
        known = {}
    known_files, known_pages = known.get("files", {}), known.get("pages", {})
    files, pages = {}, {}
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix()
        url = "" if url == "." else url + "/"
        file_key = "\0".join(map(str, (url, *version_of(path))))
        key, article = known_files.get(file_key), None
        if key is None or key not in known_pages:
            article = article_of(path.read_text(encoding="utf-8"))
            key = hashlib.sha256(f"{url}\0{article}".encode()).hexdigest()
        files[file_key] = key
        found = pages[key] = known_pages[key] if key in known_pages else _entry(article, url)
        if found is None:
            continue
        lang, entry = found
        if lang not in indexes:
            indexes[lang] = {"lang": lang, "abbr": abbreviation_pairs(abbreviations.get(lang, []), lang), "docs": []}
        indexes[lang]["docs"].append(entry)
    if cache and (files != known_files or pages.keys() != known_pages.keys()):
        save_json(cache, {"code": _code(), "files": files, "pages": pages})
    return indexes


@functools.lru_cache(maxsize=1)
def _code() -> str:
    """This module and the text functions it uses: a change to either reads every page again."""
    here = Path(__file__).resolve()
    return hashlib.sha256(b"".join(p.read_bytes() for p in (here, here.parent.parent / "tracker" / "search_text.py"))
                          ).hexdigest()


def glossary_abbreviations(model) -> dict[str, list[tuple[str, str]]]:
    """Per language, the glossary's (abbreviation, full form) pairs: BHYT ↔ bảo hiểm y tế on the Vietnamese
    site; BHYT and any English abbreviation ↔ health insurance on the English one."""
    vi = [(a.abbr, a.vi) for a in model.glossary.abbreviations]
    en = [(a.abbr, a.en) for a in model.glossary.abbreviations]
    en += [(a.abbr_en, a.en) for a in model.glossary.abbreviations if a.abbr_en]
    return {"vi": vi, "en": en}


def write_search_indexes(site: Path, model, cache: Path | None = None) -> dict[str, Path]:
    """Write site/search/index.<lang>.json (compact JSON); returns the files written."""
    written = {}
    for lang, index in build_indexes(site, glossary_abbreviations(model), cache).items():
        path = site / "search" / f"index.{lang}.json"
        replace_bytes(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode())
        written[lang] = path
    return written
