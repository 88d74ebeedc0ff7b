"""MkDocs hooks (mkdocs.yml `hooks:`): what the plugins leave to chance or redo between one build and the next.

Files MkDocs is about to write are deleted first (on_files): it would otherwise write into files the published site
shares.

Page titles for a partial ("dirty") build (scripts/incremental.py).

A dirty build reads only the pages it re-renders; the others would appear in the navigation and the page footers
under their file names. So every build records each page's title beside its output, and a dirty build gives the
pages it does not read the title they had. (The site-wide fingerprint guarantees that those titles are unchanged:
any change to a title, a heading or the catalogue makes the next build a full one.)
"""
from __future__ import annotations

import json
from copy import deepcopy
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

from mkdocs.plugins import event_priority

TITLES = ".plan219-titles.json"
_seen: dict[str, dict[str, str]] = {}   # site folder → page URL → title, for this build


def _titles_file(config) -> Path:
    return Path(config["site_dir"]) / TITLES


@event_priority(-200)   # last: the files as MkDocs will write them
def on_files(files, config):
    """MkDocs rewrites a file it copies or renders in place, and the published site shares those files (hard links,
    scripts/incremental.publish): every file MkDocs is about to write is deleted first, so that it writes a new one.
    MkDocs writes a page or a static file whose source is newer than its output (File.is_modified, its own test),
    and the theme's templates (404.html, sitemap.xml and its gzip) every time."""
    for file in files:
        if file.is_modified():
            Path(file.abs_dest_path).unlink(missing_ok=True)
    site = Path(config["site_dir"])
    for name in config.theme.static_templates:
        for written in (site / name, site / f"{name}.gz"):
            written.unlink(missing_ok=True)
    return files


@event_priority(-150)   # after mkdocs-static-i18n has set up this language's navigation
def on_nav(nav, config, files):
    path = _titles_file(config)
    if not path.is_file():
        return nav
    titles = json.loads(path.read_text(encoding="utf-8"))
    for page in nav.pages:
        if not page.file.is_modified() and page.url in titles:   # not re-rendered by this (dirty) build
            page.title = titles[page.url]
    return nav


@event_priority(100)   # first: whatever reads the page's HTML after this sees its charts
def on_page_content(html, page, config, files):
    """Each chart's SVG goes into the converted page, not through Markdown (macros/charts.py ChartBlocks._svg)."""
    import macros   # the package mkdocs-macros loaded (module_name: macros), with this build's renderer

    return macros.splice_charts(html)


def on_page_context(context, page, config, nav):
    _seen.setdefault(config["site_dir"], {})[page.url] = page.title
    return context


@event_priority(-200)   # after mkdocs-static-i18n (-100), which builds the other languages in its on_post_build
def on_post_build(config):
    path = _titles_file(config)
    titles = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    titles.update(_seen.pop(config["site_dir"], {}))
    path.write_text(json.dumps(titles, ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")


def on_env(env, config, files):
    """The theme's templates compiled once, not in every build and every language (~0.5 s a build): Jinja's own
    bytecode cache, keyed by each template's name and source, in build/jinja-cache/."""
    folder = Path(config.config_file_path).parent / "build" / "jinja-cache"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


def on_template_context(context, template_name, config):
    """The 404 page is drawn after the pages, and mkdocs-static-i18n leaves the language switch pointing at the
    translation of whichever page was drawn last (so it depended on what a build re-rendered): it switches to the
    other language's home instead."""
    i18n = config.plugins.get("i18n")
    homes = getattr(i18n, "extra_alternate", None)
    if template_name == "404.html" and homes:
        config.extra.alternate = deepcopy(homes)   # as mkdocs-static-i18n sets it
    return context
