"""What a partial rebuild reuses from the last build into the same folder (issue 13), beyond the pages themselves.

The conversions are kept in MkDocs' output folder, which scripts/incremental.py empties whenever the site-wide
fingerprint changes (configuration, code, theme, packages, the set of pages): so they hold for exactly as long as that
folder's pages do, and a full build converts every page.

Markdown conversions, keyed by the Markdown. A changed figure makes every page that summarises the data a candidate
for rendering again (scripts/incremental.py cannot tell from the inputs alone whether the home page or a yearly report
shows that figure). Their macros are cheap; converting the Markdown they write is not (long tables: most of a page's
cost). So a page whose macros wrote exactly the Markdown they wrote last time gets back the HTML, table of contents,
title and anchors that Markdown gave; MkDocs still draws the page around it. For a changed figure of 4.4, 6 of the
24 pages rendered again need converting.

The conversion also depends on the configuration, the extensions and the set of pages links can point to: all
three are in the site-wide fingerprint. tests/test_incremental.py compares the bytes of a site rebuilt this way with
a full build.

The theme's static files. MkDocs lists the theme's folders (Material's ~10,000 icons) and filters every name, in
every build and language (~0.1 s each). The list depends only on the output folder and the names in the theme's
folders: it is kept in build/theme-files.json under a key made of those (Material's by its version), so that full
builds reuse it too.

Drawn pages, keyed by everything the theme draws a page from that a partial build can change: the converted
HTML with its charts, the title, the front matter, the table of contents (the navigation, configuration and theme are
in the site-wide fingerprint). scripts/incremental.py sets aside, rather than deletes, the output of each page to
render again; a page that comes out the same gets that file back instead of being drawn and written again. A partial
rebuild after a changed figure renders 24 pages, of which most come out the same (the pages that summarise
everything): they keep their files, which the search index and publishing then find unchanged.

All three wrap a MkDocs function for the length of one build (Page.render, mkdocs.commands.build._build_page,
Files.add_files_from_theme): MkDocs has no event that could skip them. The MkDocs version is pinned (pyproject.toml),
and the byte comparison with a full build fails if a new version renders differently.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Iterator

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from .files import load_json, save_json

CONVERSIONS = ".plan219-html.json"   # in MkDocs' output folder, never published (scripts/incremental.publish)
KEPT = (CONVERSIONS,)
SET_ASIDE = ".plan219-last"          # a page's output of the last build, beside it while the page is rendered again


def set_aside(output: Path) -> None:
    """Keep the last build's output of a page that is to be rendered again (scripts/incremental.plan), so that the
    page can have it back if it comes out the same (conversions_kept)."""
    if output.is_file():
        os.replace(output, output.with_name(output.name + SET_ASIDE))


# Installed packages do not change under a running build or server; reading their metadata costs ~1 ms each.
version = functools.cache(metadata.version)


def _tokens(items: list[AnchorLink]) -> list[dict]:
    return [{"level": a.level, "id": a.id, "name": a.title, "children": _tokens(a.children)} for a in items]


def _written(out: Path, page: Page) -> str:
    return Path(page.file.abs_dest_path).resolve().relative_to(out.resolve()).as_posix()


def _digest(page: Page) -> str:
    return hashlib.sha256(f"{page.file.src_uri}\0{page.markdown}".encode()).hexdigest()


def _restore(page: Page, entry: dict, files) -> None:
    page.content = entry["content"]
    page.toc = get_toc(entry["toc"])
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    if entry["links"] is not None:
        page.links_to_anchors = {files.get_file_from_path(src): links for src, links in entry["links"].items()}


def _drawn(page: Page) -> str:
    """What the theme draws a page from that a partial build can change (see the module's docstring): its HTML as
    converted, charts and figures' facts spliced in (macros/hooks.py on_page_content), its title, front matter and
    contents."""
    digest = hashlib.sha256(page.content.encode())
    digest.update(json.dumps([page.file.src_uri, page.title, page.meta, _tokens(list(page.toc))], sort_keys=True,
                             default=str, ensure_ascii=False).encode())
    return digest.hexdigest()


def _entry(page: Page, digest: str) -> dict:
    links = page.links_to_anchors
    return {
        "markdown": digest,
        "content": page.content,
        "toc": _tokens(list(page.toc)),
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or (), key=str),   # may hold None
        "links": None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
    }


@contextmanager
def conversions_kept(out: Path) -> Iterator[dict[str, int]]:
    """While MkDocs builds into `out`, pages are converted only when their Markdown changed, and drawn only when what
    the theme draws them from changed. Yields counters (converted, reused, kept) for the build's report."""
    import mkdocs.commands.build as mkdocs_build

    counts = {"converted": 0, "reused": 0, "kept": 0}
    path = out / CONVERSIONS
    kept = load_json(path)
    if not isinstance(kept, dict):
        kept = {}
    convert, draw = Page.render, mkdocs_build._build_page
    changed = False

    def render(page: Page, config, files) -> None:
        nonlocal changed
        written, digest = _written(out, page), _digest(page)
        entry = kept.get(written)
        if entry and entry["markdown"] == digest:
            _restore(page, entry, files)
            counts["reused"] += 1
            return
        convert(page, config, files)
        kept[written] = _entry(page, digest)
        counts["converted"] += 1
        changed = True

    def build_page(page: Page, config, doc_files, nav, env, dirty: bool = False, excluded: bool = False) -> None:
        nonlocal changed
        if dirty and not page.file.is_modified():   # MkDocs' own test: not rendered again in this build
            return
        output = Path(page.file.abs_dest_path)
        last = output.with_name(output.name + SET_ASIDE)
        entry, drawn = kept.get(_written(out, page)), _drawn(page)
        if entry is not None and entry.get("drawn") == drawn and last.is_file():
            os.replace(last, output)   # the same page as last time: its file back, not drawn and written again
            counts["kept"] += 1
            return
        draw(page, config, doc_files, nav, env, dirty, excluded)
        last.unlink(missing_ok=True)
        if entry is not None and entry.get("drawn") != drawn:
            entry["drawn"] = drawn
            changed = True

    Page.render, mkdocs_build._build_page = render, build_page
    try:
        yield counts
    finally:
        Page.render, mkdocs_build._build_page = convert, draw
    if changed:   # one file, written once: a file per page costs more than the conversions it saves
        save_json(path, kept)


def _theme_key(config) -> str:
    """What the listing depends on: the output folder, the theme's folders and the names in them (those inside
    MkDocs' and Material's packages, by the packages' versions)."""
    import material
    import mkdocs

    packaged = tuple(str(Path(m.__file__).parent) for m in (mkdocs, material))
    names = {d: sorted(os.path.relpath(os.path.join(folder, f), d) for folder, _, files in os.walk(d) for f in files)
             for d in config.theme.dirs if not str(d).startswith(packaged)}
    return hashlib.sha256(json.dumps([config.site_dir, list(config.theme.dirs), version("mkdocs"),
                                      version("mkdocs-material"), names]).encode()).hexdigest()


@contextmanager
def theme_files_kept(path: Path) -> Iterator[None]:
    """MkDocs' theme file listing, made once per theme and output folder (see the module's docstring), kept in
    `path` from one build to the next, full builds included."""
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        loaded = {}
    before, used = dict(loaded), {}
    add = Files.add_files_from_theme

    def add_files_from_theme(files: Files, env, config) -> None:
        key = _theme_key(config)
        if key not in before:
            found = Files([])
            add(found, env, config)
            before[key] = [[f.src_uri, f.src_dir] for f in found]
        used[key] = before[key]
        for src_uri, src_dir in used[key]:
            if files.get_file_from_path(src_uri) is None:   # as MkDocs: theme files do not override docs files
                files.append(File(src_uri, src_dir, config.site_dir, config.use_directory_urls))

    Files.add_files_from_theme = add_files_from_theme
    try:
        yield
    finally:
        Files.add_files_from_theme = add
    if used and used != loaded:   # only this build's keys: the file does not grow
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(used), encoding="utf-8")
