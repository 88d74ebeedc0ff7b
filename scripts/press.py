"""Build steps for the press and data users (issue 10): downloads into docs/data/ before MkDocs runs;
the Atom feeds and the short permanent addresses (/t/4-4/, /en/t/4-4/) into the built site after it.

The short addresses are small redirect pages written outside MkDocs: they never change when a page's
title or place in the menu does, and they carry a figure's anchor (#2025-9m) along.
"""
from __future__ import annotations

import functools
import hashlib
import html
import os
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from tracker.changelog import report_years
from tracker.citation import short_path
from tracker.downloads import published_files
from tracker.feed import atom
from tracker.formatting import LANGUAGES
from tracker.model import Model

from .files import version_of, write_if_changed
from .pages import GENERATED_NOTE, is_generated



def site_url(root: Path) -> str:
    """The public address (mkdocs.yml's site_url, which SITE_URL overrides), ending in "/"."""
    config = root / "mkdocs.yml"
    if not config.is_file():  # a build step run on another root (tests): the project's own settings
        config = Path(__file__).resolve().parent.parent / "mkdocs.yml"
    return _site_url(config, version_of(config), os.environ.get("SITE_URL", ""))


@functools.lru_cache(maxsize=8)
def _site_url(config: Path, _version: tuple[int, int, int], given: str) -> str:
    """Read once per version of the file (MkDocs' YAML loader, for its !ENV tags, is pure Python: ~15 ms)."""
    if not given:
        with config.open(encoding="utf-8") as handle:
            given = yaml_load(handle)["site_url"]
    return given.rstrip("/") + "/"


def stamp(model: Model):
    """The date written inside the workbook: the last change to the figures (equal data, equal bytes)."""
    return max((c.when for c in model.changes), default=model.built_at)


def _downloads_key(model: Model, url: str) -> str:
    """What the downloads are made of: the model, their date, the address, and the code that writes them."""
    digest = hashlib.sha256(model.model_dump_json(exclude={"built_at"}).encode())
    digest.update(f"{stamp(model).isoformat()}|{url}".encode())
    for path in sorted((Path(__file__).resolve().parent.parent / "tracker").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def write_downloads(model: Model, docs: Path, url: str, cache: Path | None = None) -> int:
    """Every download under docs/data/; target files of rows that left the catalogue are removed. With a cache
    file, nothing is made again when nothing they are made of changed (the workbook alone costs ~0.3 s)."""
    key = _downloads_key(model, url) if cache else ""
    if cache and cache.is_file() and cache.read_text(encoding="utf-8") == key and (docs / "data" / "datapackage.json").is_file():
        return 0
    files = published_files(model, stamp(model), url)
    written = sum(write_if_changed(docs / "data" / rel, data) for rel, data in files.items())
    for old in (docs / "data" / "targets").glob("*.csv"):
        if f"targets/{old.name}" not in files:
            old.unlink()
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(key, encoding="utf-8")
    return written


def write_report_pages(model: Model, docs: Path) -> None:
    """Stubs for the annual report pages (docs/report/<year>.<lang>.md), like scripts/pages.py's."""
    wanted = {}
    for year in report_years(model.built_at.date()):
        for lang in LANGUAGES:
            title = f"Báo cáo năm {year}" if lang == "vi" else f"Annual report {year}"
            wanted[f"{year}.{lang}.md"] = f"{GENERATED_NOTE}title: {title}\n---\n{{{{ annual_report({year}) }}}}\n"
    folder = docs / "report"
    for name, body in wanted.items():
        write_if_changed(folder / name, body.encode())
    for path in folder.glob("*.md"):
        if path.name not in wanted and is_generated(path):
            path.unlink()


def prepare(model: Model, root: Path) -> None:
    write_downloads(model, root / "docs", site_url(root), cache=root / "build" / "downloads.key")
    write_report_pages(model, root / "docs")


REDIRECT_CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'"


def _redirect(target: str, canonical: str, title: str, lang: str) -> str:
    """A page that sends the reader on, keeping the anchor (assets/redirect.js); a plain link where scripts
    do not run. No inline script: the site's Content-Security-Policy forbids it."""
    href = html.escape(target, quote=True)
    assets = "../../assets/" if lang == "vi" else "../../../assets/"
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{html.escape(title)}</title>\n<link rel="canonical" href="{html.escape(canonical, quote=True)}">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{REDIRECT_CSP}">\n'
            f'<meta http-equiv="refresh" content="0; url={href}">\n'
            f'<script src="{assets}redirect.js"></script>\n</head>\n'
            f'<body><p><a href="{href}">{html.escape(title)}</a></p></body>\n</html>\n')


def finish(model: Model, site: Path, root: Path) -> None:
    """After MkDocs: the Atom feed of each language and the short permanent addresses."""
    url = site_url(root)
    for lang in LANGUAGES:
        prefix = site if lang == "vi" else site / lang
        write_if_changed(prefix / "feed.xml", atom(model, lang, url))
        for ind in model.catalogue.indicators:
            page = site / short_path(ind, lang) / "index.html"
            canonical = url + ("" if lang == "vi" else f"{lang}/") + f"indicators/{ind.slug}/"
            title = f"{ind.id}. {model.catalogue.display_name(ind, lang)}"
            write_if_changed(page, _redirect(f"../../indicators/{ind.slug}/", canonical, title, lang).encode())

