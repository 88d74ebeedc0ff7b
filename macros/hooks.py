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
import re
import sys
from copy import deepcopy
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

from mkdocs.plugins import event_priority

TITLES = ".plan219-titles.json"
_seen: dict[str, dict[str, str]] = {}   # site folder → page URL → title, for this build


def _titles_file(config) -> Path:
    return Path(config["site_dir"]) / TITLES


SOURCE_MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=\S+\.map|/\*# sourceMappingURL=\S+\.map \*/)\s*$")
LUNR = "assets/javascripts/lunr/"
SEARCH_WORKER = "assets/javascripts/workers/search."


def search_languages(config) -> list[str] | None:
    """The languages of Material's own (lunr) search index; None when the site does not use Material's search."""
    for name, plugin in config.plugins.items():
        if name in ("search", "material/search"):
            return list(plugin.config.get("lang") or [])
    return None


def lunr_files_needed(langs: list[str]) -> set[str]:
    """The files (under assets/javascripts/lunr/) Material's search worker imports for these languages (Material 9)."""
    needed = {"min/lunr.stemmer.support.min.js"} if langs else set()
    needed |= {f"min/lunr.{lang}.min.js" for lang in langs if lang != "en"}
    if len(langs) > 1:
        needed.add("min/lunr.multi.min.js")
    if "ja" in langs:
        needed.add("tinyseg.js")
    if {"hi", "th"} & set(langs):
        needed.add("wordcut.js")
    return needed


def unpublished(src_uri: str, search_langs: list[str] | None) -> bool:
    """Theme files no reader needs: source maps (1.3 MB), and lunr's language files (0.9 MB) and Material's search
    worker beyond what its search, if the site uses it, loads."""
    if src_uri.endswith(".map"):
        return True
    if src_uri.startswith(LUNR):
        return search_langs is None or src_uri.removeprefix(LUNR) not in lunr_files_needed(search_langs)
    return src_uri.startswith(SEARCH_WORKER) and search_langs is None


@event_priority(-200)   # last: the files as MkDocs will write them
def on_files(files, config):
    """What MkDocs writes, and how.

    Theme files no reader needs (unpublished()) are left out, so they are never copied (rather than copied, then
    deleted: a partial build would copy them again each time).

    MkDocs rewrites a file it copies or renders in place, and the published site shares those files (hard links,
    scripts/incremental.publish): every file MkDocs is about to write is deleted first, so that it writes a new one.
    MkDocs writes a page or a static file whose source is newer than its output (File.is_modified, its own test),
    and, in a full build, the theme's templates (404.html, sitemap.xml and its gzip: on_config)."""
    search_langs = search_languages(config)
    for file in [f for f in files if unpublished(f.src_uri, search_langs)]:
        files.remove(file)
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
    """Charts' SVG and figures' facts go into the converted page, not through Markdown (macros/charts.py,
    macros/figure_facts.py)."""
    import macros   # the package mkdocs-macros loaded (module_name: macros), with this build's renderer

    return macros.splice(html)


def on_page_context(context, page, config, nav):
    _seen.setdefault(config["site_dir"], {})[page.url] = page.title
    return context


def strip_source_map_comments(site: Path) -> int:
    """The comment that points a browser's developer tools at a source map (which is not published) goes from the
    end of the site's scripts and stylesheets; the files are replaced, never rewritten in place. Returns how many."""
    stripped = 0
    for path in [*site.glob("assets/**/*.js"), *site.glob("assets/**/*.css")]:
        with path.open("rb") as handle:
            handle.seek(max(0, path.stat().st_size - 300))
            if not SOURCE_MAP_COMMENT.search(handle.read()):
                continue
        new = path.with_name(path.name + ".tmp")
        new.write_bytes(SOURCE_MAP_COMMENT.sub(b"", path.read_bytes()))
        new.replace(path)
        stripped += 1
    return stripped


@event_priority(-200)   # after mkdocs-static-i18n (-100), which builds the other languages in its on_post_build
def on_post_build(config):
    strip_source_map_comments(Path(config["site_dir"]))
    path = _titles_file(config)
    titles = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    titles.update(_seen.pop(config["site_dir"], {}))
    path.write_text(json.dumps(titles, ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")


def on_config(config):
    """A partial ("dirty") build keeps the theme's own pages (404.html, sitemap.xml) of the last build: they show the
    navigation, the pages and the build's date, which a partial build never changes (scripts/incremental.py makes any
    change to those a full build). "--dirty" in sys.argv is how mkdocs-static-i18n, too, tells a partial build
    (scripts/build.py run_mkdocs sets it)."""
    if "--dirty" in sys.argv:
        config.theme.static_templates.clear()
    return config


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
