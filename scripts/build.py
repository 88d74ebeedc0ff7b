"""Build the site: validate data/ → merged model → data pages → MkDocs → swap into site/.

    python -m scripts.build            validate and build everything into site/
    python -m scripts.build --check    only validate data/ (for maintainers: quick, prints every error)

Any error stops the build before site/ is touched: the last good site stays as it was. MkDocs and the steps
after it work in build/mkdocs/; site/ is brought up to date from there only after every step succeeded
(scripts/incremental.py: publish).
"""
from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

from tracker.model import Model, build_model
from tracker.problems import Problems, ValidationFailed
from tracker.publish import indicators_csv, observations_csv

from . import incremental, press, reuse
from .charts import publish_charts, render_charts
from .files import link_replacing, unchanged, write_if_changed
from .pages import write_pages
from .search_index import write_search_indexes
from .build_date import source_date_epoch

ROOT = Path(__file__).resolve().parent.parent


def prepare(model: Model, root: Path) -> None:
    """Everything MkDocs reads that comes from data/: the merged model, the stubs, the CSV files."""
    model.save(root / "build" / "model.yaml")
    write_pages(model, root / "docs")
    write_if_changed(root / "docs" / "data" / "indicators.csv", indicators_csv(model))
    write_if_changed(root / "docs" / "data" / "observations.csv", observations_csv(model))
    press.prepare(model, root)
    stats = render_charts(model, root / "build")
    print(f"Charts: {stats.charts} ({stats.rendered} rendered, {stats.cached} from the cache) in {stats.seconds:.2f} s.")


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def run_mkdocs(model: Model, root: Path, out: Path, dirty: bool = False) -> bool:
    """MkDocs in this process, handed the model just validated (no second Python, no second reading of
    the model). Its warnings are printed; in strict mode any warning fails the build."""
    import macros
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    log = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    log.addHandler(handler)
    # A dirty build warns that its navigation may be wrong, which strict mode would count as a failure; ours is
    # right (scripts/incremental.py, macros/incremental_hook.py, and a test comparing it with a full build).
    build_log = logging.getLogger("mkdocs.commands.build")
    build_log.addFilter(_not_the_dirty_warning)
    macros.use_model(model, root / "build")
    # mkdocs-macros runs 12 git commands per language to fill a `git` variable that no page of ours uses (~0.2 s a
    # build); a page that used it would now fail the strict build (on_undefined: strict) rather than show nothing.
    import mkdocs_macros.context as macros_context
    git_info = macros_context.get_git_info
    macros_context.get_git_info = dict
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(out), strict=True)
        config.config_file_path = str(root / "mkdocs.yml")
        argv = sys.argv
        # mkdocs-static-i18n builds the other languages itself, dirty only when it sees "--dirty" in sys.argv
        sys.argv = [*argv, "--dirty"] if dirty else [a for a in argv if a != "--dirty"]
        try:
            theme_files = root / "build" / "theme-files.json"
            with reuse.conversions_kept(out) as converted, reuse.theme_files_kept(theme_files):
                mkdocs_build(config, dirty=dirty)
        finally:
            sys.argv = argv
    except (MkDocsException, OSError) as failed:
        print(failed, file=sys.stderr)
        return False
    finally:
        macros_context.get_git_info = git_info
        macros.use_model(None)
        log.removeHandler(handler)
        build_log.removeFilter(_not_the_dirty_warning)
    if converted["reused"]:
        print(f"Markdown converted on {converted['converted']} pages; {converted['reused']} pages wrote the same "
              f"Markdown as last time and kept their HTML; {converted['kept']} came out the same and kept their file.")
    return (out / "index.html").is_file() and (out / "en" / "index.html").is_file()


def add_language_sitemaps(site: Path) -> None:
    """Material's language switch fetches sitemap.xml beside each language's root (/en/sitemap.xml) to
    keep the reader on the same page; mkdocs-static-i18n writes only the root one, which lists both."""
    for lang_root in (p for p in site.iterdir() if p.is_dir() and (p / "index.html").is_file() and len(p.name) == 2):
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            if (site / name).is_file() and not unchanged(site / name, lang_root / name):
                link_replacing(site / name, lang_root / name)


def build(data: Path, site: Path, root: Path = ROOT, check_only: bool = False) -> int:
    """Validate and build; the build's date is the last commit's (SOURCE_DATE_EPOCH), for reproducible sites."""
    epoch = source_date_epoch(root)
    before = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        os.environ["SOURCE_DATE_EPOCH"] = epoch  # read by tracker.model.build_time and by MkDocs
    try:
        return _build(data, site, root, check_only)
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


# The build's own folders: what is in them is trusted as the build's work (caches of drawn charts, compiled templates,
# pages of the last build), so none of it may come from a commit, where anyone could put a file.
OWN_FOLDERS = ("build", "site")


def committed_build_files(root: Path) -> Problems:
    """Files under build/ or site/ that git tracks (a commit that forces them past .gitignore). Outside a git
    checkout there is nothing to check."""
    problems = Problems()
    try:
        found = subprocess.run(["git", "ls-files", "-z", "--", *OWN_FOLDERS], cwd=root, capture_output=True,
                               timeout=30)
    except (OSError, subprocess.SubprocessError):
        return problems
    if found.returncode != 0:
        return problems
    for name in sorted(n for n in found.stdout.decode("utf-8", "replace").split("\0") if n):
        problems.add(name, None, None,
                     "tệp này nằm trong thư mục làm việc của bản dựng (build/, site/), nơi mọi tệp do bản dựng tự tạo; "
                     "một tệp được commit vào đây sẽ được dùng như kết quả của chính bản dựng",
                     "this file is in the build's own working folders (build/, site/), whose files the build makes "
                     "itself; a committed file there would be taken for the build's own work",
                     "xóa tệp khỏi commit: git rm --cached <tệp>", "remove it from the commit: git rm --cached <file>")
    return problems


def _build(data: Path, site: Path, root: Path, check_only: bool) -> int:
    started = time.perf_counter()
    committed = committed_build_files(root)
    if committed.items:   # not the data's fault: a heading of its own, then each file as the data's errors are shown
        print("\n\n".join([f"{len(committed.items)} tệp trong build/ hoặc site/ đến từ một commit; không xuất bản gì. / "
                           f"{len(committed.items)} file(s) under build/ or site/ come from a commit; nothing was "
                           "published.", *(p.render() for p in committed.items)]), file=sys.stderr)
        return 1
    try:
        model = build_model(data)
    except ValidationFailed as failed:
        print(failed.problems.render(), file=sys.stderr)
        return 1
    if check_only:
        print(f"OK: {len(model.catalogue.indicators)} chỉ tiêu / targets, "
              f"{sum(len(v) for v in model.observations.values())} số liệu / observations.")
        return 0
    prepare(model, root)
    work = incremental.plan(model, root, root / "build" / "mkdocs")
    if not run_mkdocs(model, root, work.out, dirty=work.dirty):
        incremental.forget(work.out)
        print("MkDocs build failed; site/ was left as it was. / Lỗi khi dựng trang; site/ giữ nguyên.",
              file=sys.stderr)
        return 1
    print(f"Pages rendered: {'only ' if work.dirty else ''}{len(work.rebuilt)} of {len(work.pages)} sources"
          f"{' (the rest unchanged since the last build)' if work.dirty else ''}.")
    finished = work.out   # the steps after MkDocs complete its output where it is; site/ is touched only at the end
    add_language_sitemaps(finished)
    publish_charts(root / "build", finished)
    write_search_indexes(finished, model, cache=root / "build" / "search-cache.json")
    press.finish(model, finished, root)  # after the search index: the short-link redirects are not pages to find
    incremental.finish(work)
    touched = incremental.publish(work, site)
    print(f"Built {len(work.pages)} pages into {site} ({touched} files written or removed) in "
          f"{time.perf_counter() - started:.1f} s.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="where the site goes (default: site/)")
    parser.add_argument("--check", action="store_true", help="only validate the data")
    args = parser.parse_args(argv)
    return build(args.data.resolve(), args.site.resolve(), check_only=args.check)


if __name__ == "__main__":
    sys.exit(main())
