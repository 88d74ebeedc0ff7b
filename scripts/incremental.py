"""Rebuild only the pages a change touches (issue 13).

MkDocs keeps its output in build/mkdocs/ from one build to the next. Before each build we fingerprint:

- the whole site's inputs: config, theme, page code, every hand-written page, the catalogue, sources, glossary,
  corrections, the build date and the package versions. If any of these changed, every page may differ (the
  navigation, the titles, the layout): the folder is emptied and MkDocs builds everything;
- each page's own inputs: for a target page, the figures, context, assessment and change log of its row and of the
  rows drawn with it; for a group or department page, those of its rows; for a page that calls a macro without
  being a data page (home, downloads, change log…), the whole model.

When only page inputs changed, the output of each changed page is deleted and MkDocs runs with `dirty=True`, which
renders exactly the pages whose output is missing or older than their source (macros/hooks.py keeps the
other pages' titles for the navigation). A test checks that such a rebuild gives the same bytes as a full build.

The steps after MkDocs finish the site in the same folder; publish() then brings site/ up to date from it, touching
only the files that changed.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from tracker.model import Model

from .files import link_or_copy, link_replacing, unchanged
from .pages import data_page_keys, is_generated
from .reuse import KEPT, SET_ASIDE, set_aside, version

STATE = ".plan219-build.json"
TITLES = ".plan219-titles.json"   # written by macros/hooks.py
DEFAULT_LANGUAGE = "vi"           # mkdocs.yml: built at the root; other languages under /<lang>/
SITE_CODE = ("mkdocs.yml", "macros", "tracker")
PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "mkdocs-macros-plugin", "Markdown",
            "pymdown-extensions", "Jinja2")
CONFIG_ENVIRONMENT = ("SITE_URL", "REPO_URL", "REPORT_CONTACT")  # read by mkdocs.yml (!ENV)
# Macros that draw only what site_fingerprint covers (sources, corrections, glossary, configuration, the date):
# a hand-written page calling no other macro is not rendered again when figures change.
SITE_ONLY_MACROS = {"cite", "data_file", "glossary", "plan_corrections_table", "report_route", "report_years",
                    "status_words"}
_MACRO_CALL = re.compile(r"\{\{-?\s*([A-Za-z_]\w*)")


@dataclass
class Plan:
    out: Path
    dirty: bool
    site: str
    pages: dict[str, str] = field(default_factory=dict)
    rebuilt: list[str] = field(default_factory=list)


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


def _dump(items) -> list:
    return [item.model_dump(mode="json") for item in items]


def _files(root: Path, names: tuple[str, ...]) -> list[Path]:
    found = []
    for name in names:
        path = root / name
        found += [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()
                                                      and "__pycache__" not in p.parts)
    return found


def site_fingerprint(model: Model, root: Path) -> str:
    """Everything every page depends on (see the module's docstring)."""
    digest = hashlib.sha256()
    docs = root / "docs"
    hand_written = [p for p in _files(root, ("docs",)) if not p.relative_to(docs).parts[0] == "data"
                    and not is_generated(p)]
    generated = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if is_generated(p))
    for path in _files(root, SITE_CODE) + hand_written:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(_digest({
        "generated pages": generated,
        "model": {name: getattr(model, name) for name in ("catalogue", "sources", "breaks", "corrections",
                                                         "glossary")},
        "built on": model.built_at.date(),   # pages show the build's date, never its time
        "packages": {name: version(name) for name in PACKAGES},
        "environment": {name: os.environ.get(name, "") for name in CONFIG_ENVIRONMENT},
    }).encode())
    return digest.hexdigest()


def _row_inputs(model: Model, row_id: str, charts: dict[str, str]) -> dict:
    """What a target's page draws: its row and the rows charted with it (a split indicator's family)."""
    cat = model.catalogue
    ind = cat.indicator(row_id)
    rows = sorted({i.id for i in cat.indicators if ind.family and i.family == ind.family} | {ind.id})
    keys = set(rows) | ({ind.family} if ind.family else set())
    return {
        "observations": {r: _dump(model.observations.get(r, [])) for r in rows},
        "whole": _dump(model.family_observations.get(ind.family, [])) if ind.family else [],
        "context": {k: _dump(model.context.get(k, [])) for k in sorted(keys)},
        "assessments": {r: model.assessments[r].model_dump(mode="json") for r in rows if r in model.assessments},
        "changes": _dump(c for c in model.changes if c.id in keys),
        "charts": charts.get(ind.slug),
    }


def page_fingerprints(model: Model, root: Path) -> dict[str, str]:
    """docs/-relative path of each page → the fingerprint of its own inputs ("" for a page with none)."""
    docs = root / "docs"
    try:   # what each row's chart files were drawn from (scripts/charts.py): their content, without reading them
        charts = json.loads((root / "build" / "charts.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        charts = {}
    cat = model.catalogue
    rows = {ind.id: _digest(_row_inputs(model, ind.id, charts)) for ind in cat.indicators}
    whole = _digest([model.model_dump(mode="json", exclude={"built_at"}), sorted(rows.items())])  # date: in site_fingerprint
    keys = data_page_keys(model)
    found = {}
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if rel in keys:
            kind, key = keys[rel]
            if kind == "indicator":
                found[rel] = rows[key]
            else:
                members = [i.id for i in cat.indicators
                           if (i.group_id == int(key) if kind == "group" else i.department == key)]
                found[rel] = _digest([rows[m] for m in members])
        elif is_generated(path) or not set(_MACRO_CALL.findall(path.read_text(encoding="utf-8"))) <= SITE_ONLY_MACROS:
            found[rel] = whole   # calls a macro that may show anything from data/
        else:
            found[rel] = ""
    return found


def output_of(rel: str) -> str:
    """Where MkDocs (directory URLs) and mkdocs-static-i18n (suffix structure) write a page."""
    stem, _, lang = rel[:-len(".md")].rpartition(".")
    if not stem or len(lang) != 2:   # a page without a language suffix
        stem, lang = rel[:-len(".md")], DEFAULT_LANGUAGE
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    if stem == "index" or stem.endswith("/index") or stem.endswith("/README"):
        return prefix + stem.rsplit("/", 1)[0] + "/index.html" if "/" in stem else prefix + "index.html"
    return f"{prefix}{stem}/index.html"


def plan(model: Model, root: Path, out: Path) -> Plan:
    """Decide between a full and a partial build, and delete the output of every page to re-render. The state is
    removed until the build succeeds (finish()), so an interrupted build is followed by a full one."""
    site = site_fingerprint(model, root)
    pages = page_fingerprints(model, root)
    state_file = out / STATE
    try:
        state = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    if state.get("site") != site or not (out / "index.html").is_file():
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        return Plan(out, dirty=False, site=site, pages=pages, rebuilt=sorted(pages))
    before = state.get("pages", {})
    rebuilt = sorted(rel for rel, fingerprint in pages.items() if before.get(rel) != fingerprint)
    for rel in rebuilt:   # MkDocs renders a page whose output is missing; set aside, it may be had back (reuse.py)
        set_aside(out / output_of(rel))
    state_file.unlink()
    return Plan(out, dirty=True, site=site, pages=pages, rebuilt=rebuilt)


def finish(plan: Plan) -> None:
    for rel in plan.rebuilt if plan.dirty else ():   # what set_aside kept and no page took back
        output = plan.out / output_of(rel)
        output.with_name(output.name + SET_ASIDE).unlink(missing_ok=True)
    (plan.out / STATE).write_text(json.dumps({"site": plan.site, "pages": plan.pages}, indent=0), encoding="utf-8")


def forget(out: Path) -> None:
    """After a failed build: the next one is a full one."""
    (out / STATE).unlink(missing_ok=True)


def _never_published(name: str) -> bool:
    return name in (STATE, TITLES, *KEPT) or name.endswith((".map", SET_ASIDE))


def _replace_whole(out: Path, site: Path) -> int:
    staging, old = site.with_name(site.name + ".staging"), site.with_name(site.name + ".old")
    for leftover in (staging, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(out, staging, copy_function=link_or_copy,
                    ignore=lambda folder, names: [n for n in names if _never_published(n)])
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    return sum(1 for p in site.rglob("*") if p.is_file())


def _tree(folder: Path, rel: str = "") -> Iterator[tuple[str, os.DirEntry]]:
    """(relative path, entry) of every published file under folder: os.scandir, whose entries carry the inode."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if _never_published(entry.name):
                continue
            if entry.is_dir(follow_symlinks=False):
                yield from _tree(Path(entry.path), f"{rel}{entry.name}/")
            else:
                yield f"{rel}{entry.name}", entry


def publish(plan: Plan, site: Path) -> int:
    """Bring site/ to the finished site in MkDocs' folder, once every step has succeeded; returns the number of files
    written or removed. Published files are hard links to the finished ones, so publishing copies no bytes: after a
    full build, a linked copy of the whole folder is renamed into place; after a partial one, only the files that
    changed (a new file in build/mkdocs/ is a new inode) are linked in, each renamed over the old, so the server never
    sends half a page, and the files that went are removed.

    This is safe because nothing ever writes into a file of build/mkdocs/ in place: MkDocs' writes are preceded by
    deleting the file (macros/hooks.py, on_files), and the steps after MkDocs replace files (scripts/files.py). So
    a published file never changes until the next build is published. tests/test_incremental.py checks it."""
    out = plan.out
    if not plan.dirty or not site.is_dir():
        return _replace_whole(out, site)
    touched, wanted = 0, set()
    for rel, entry in _tree(out):
        wanted.add(rel)
        target = site / rel
        try:
            if target.stat().st_ino == entry.inode() or unchanged(Path(entry.path), target):
                continue
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
        link_replacing(Path(entry.path), target)
        touched += 1
    emptied = set()
    for rel, entry in _tree(site):
        if rel not in wanted:
            os.unlink(entry.path)
            emptied.add(Path(entry.path).parent)
            touched += 1
    for folder in sorted(emptied, key=lambda f: len(f.parts), reverse=True):   # and the folders that went with them
        while folder != site and folder.is_dir() and not (out / folder.relative_to(site)).is_dir() \
                and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return touched
