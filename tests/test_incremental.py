"""Partial rebuilds (scripts/incremental.py): only the pages a change touches are rendered again, and the
site they give is byte for byte the site a full build gives."""
from __future__ import annotations

import filecmp
import json
import os
import shutil
from pathlib import Path

import pytest

from scripts import incremental
from scripts.benchmark import change_one_figure, project_copy
from scripts.build import build
from tracker.model import build_model

ROOT = Path(__file__).resolve().parent.parent


def test_output_paths_follow_directory_urls_and_language_folders():
    assert incremental.output_of("index.vi.md") == "index.html"
    assert incremental.output_of("index.en.md") == "en/index.html"
    assert incremental.output_of("plan/index.vi.md") == "plan/index.html"
    assert incremental.output_of("indicators/4-4.vi.md") == "indicators/4-4/index.html"
    assert incremental.output_of("indicators/4-4.en.md") == "en/indicators/4-4/index.html"
    assert incremental.output_of("assets/fonts/README.md") == "assets/fonts/index.html"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = project_copy(tmp_path_factory.mktemp("incremental") / "project")
    cache = ROOT / "build" / "chart-cache"
    if cache.is_dir():  # only saves time: charts are cached by their content
        shutil.copytree(cache, root / "build" / "chart-cache")
    return root


def test_a_figure_changes_its_row_its_group_its_department_and_the_pages_that_show_everything(project: Path):
    before = incremental.page_fingerprints(build_model(project / "data"), project)
    change_one_figure(project / "data", 0)
    after = incremental.page_fingerprints(build_model(project / "data"), project)
    changed = {rel for rel in after if before.get(rel) != after[rel]}
    for lang in ("vi", "en"):
        assert {f"indicators/4-4.{lang}.md", f"indicators/group-4.{lang}.md", f"index.{lang}.md"} <= changed
        assert f"indicators/2-1.{lang}.md" not in changed and f"indicators/group-2.{lang}.md" not in changed
        assert f"plan/1-purposes.{lang}.md" not in changed
    assert len(changed) < len(after) / 4, sorted(changed)


def _same_tree(left: Path, right: Path) -> list[str]:
    """Every file that differs or exists on one side only."""
    found = []
    compared = filecmp.dircmp(left, right)
    stack = [("", compared)]
    while stack:
        prefix, node = stack.pop()
        found += [prefix + name for name in node.left_only + node.right_only + node.funny_files]
        _, mismatch, errors = filecmp.cmpfiles(node.left, node.right, node.common_files, shallow=False)
        found += [prefix + name for name in mismatch + errors]
        stack += [(f"{prefix}{name}/", sub) for name, sub in node.subdirs.items()]
    return sorted(found)


def test_a_partial_rebuild_gives_the_same_site_as_a_full_build(project: Path, capsys):
    data, site = project / "data", project / "site"
    assert build(data, site, root=project) == 0
    assert "Pages rendered:" in capsys.readouterr().out

    assert build(data, site, root=project) == 0          # nothing changed: nothing rendered
    assert "only 0 of" in capsys.readouterr().out
    change_one_figure(data, 0)
    assert build(data, site, root=project) == 0
    out = capsys.readouterr().out
    rendered = int(out.split("Pages rendered: only ")[1].split(" of ")[0])
    assert 0 < rendered < 60, out
    partial = project / "site-partial"
    shutil.copytree(site, partial)

    shutil.rmtree(project / "build" / "mkdocs")           # the same inputs, built from nothing
    assert build(data, site, root=project) == 0
    assert "only" not in capsys.readouterr().out
    assert _same_tree(partial, site) == []


def test_a_change_to_the_site_code_or_a_hand_written_page_rebuilds_everything(project: Path, capsys):
    data, site = project / "data", project / "site"
    assert build(data, site, root=project) == 0
    capsys.readouterr()
    page = project / "docs" / "about" / "licence.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert build(data, site, root=project) == 0
    assert "only" not in capsys.readouterr().out
    assert "One more sentence." in (site / "en" / "about" / "licence" / "index.html").read_text(encoding="utf-8")


def test_a_failed_build_is_followed_by_a_full_one(project: Path, capsys, monkeypatch):
    from scripts import build as build_module
    data, site = project / "data", project / "site"
    assert build(data, site, root=project) == 0
    monkeypatch.setattr(build_module, "run_mkdocs", lambda *args, **kwargs: False)
    change_one_figure(data, 0)
    assert build(data, site, root=project) == 1
    monkeypatch.undo()
    capsys.readouterr()
    assert build(data, site, root=project) == 0
    assert "only" not in capsys.readouterr().out


def test_a_build_never_writes_into_the_published_site(project: Path, capsys):
    """MkDocs and the steps after it rewrite some files in place in build/mkdocs/; none of those writes may reach
    a published file (through a hard link, say): only the finished build replaces files of the site."""
    data, site = project / "data", project / "site"
    assert build(data, site, root=project) == 0
    published = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in site.rglob("*") if p.is_file()}
    witness = project / "witness"   # the same files (inodes) as the published site, under other names
    for path in published:
        (witness / path.relative_to(site)).parent.mkdir(parents=True, exist_ok=True)
        os.link(path, witness / path.relative_to(site))

    change_one_figure(data, 1)
    touched = project / "docs" / "plan" / "1-purposes.en.md"   # a checkout's touch: newer, same content
    os.utime(touched)
    assert build(data, site, root=project) == 0
    assert "only" in capsys.readouterr().out
    written = [p.relative_to(site).as_posix() for p, (content, mtime) in published.items()
               if (witness / p.relative_to(site)).read_bytes() != content
               or (witness / p.relative_to(site)).stat().st_mtime_ns != mtime]   # even the same bytes
    assert written == []
    assert (site / "indicators" / "4-4" / "index.html").read_bytes() != published[site / "indicators" / "4-4" / "index.html"][0]
    shutil.rmtree(witness)


def test_a_page_rendered_again_that_comes_out_the_same_keeps_its_file(project: Path, capsys):
    """A changed figure renders again every page that summarises the data; those that come out the same get their
    last file back (scripts/reuse.py): same inode, so neither the search index nor publishing touches them. The
    row's own page is a new file, and nothing set aside is left behind or published."""
    from scripts.reuse import SET_ASIDE

    data, site, out = project / "data", project / "site", project / "build" / "mkdocs"
    assert build(data, site, root=project) == 0
    inode = lambda folder, page: (folder / page).stat().st_ino  # noqa: E731
    pages = ("index.html", "en/about/method/index.html", "indicators/4-4/index.html")
    before = {page: inode(out, page) for page in pages}
    capsys.readouterr()
    change_one_figure(data, 3)
    assert build(data, site, root=project) == 0
    report = capsys.readouterr().out
    kept = int(report.split(" came out the same")[0].rsplit("; ", 1)[1])
    assert 0 < kept < int(report.split("Pages rendered: only ")[1].split(" of ")[0]), report
    assert inode(out, "index.html") == before["index.html"] == inode(site, "index.html")
    assert inode(out, "en/about/method/index.html") == before["en/about/method/index.html"]
    assert inode(out, "indicators/4-4/index.html") != before["indicators/4-4/index.html"]
    assert list(out.rglob(f"*{SET_ASIDE}")) == [] and list(site.rglob(f"*{SET_ASIDE}")) == []


def test_make_serve_warms_up_while_idle():
    """`make serve` starts the chart renderer, the Markdown extensions and the page templates before the first
    change, so that the first rebuild costs what later ones do."""
    import sys

    from macros import render
    from scripts.serve import warm_up
    warm_up(ROOT)
    assert "vl_convert" in sys.modules and "altair" in sys.modules
    env = render._environment()
    assert {"indicator.md.j2", "group.md.j2"} <= set(env.cache and {key[1] for key in env.cache.keys()} or set())


def test_publishing_copies_where_hard_links_are_impossible(project: Path, capsys, monkeypatch):
    """site/ on another file system (EXDEV): files are copied instead, and a rebuild still publishes only
    what changed."""
    def no_links(source, target):
        raise OSError(18, "Invalid cross-device link")

    data, site = project / "data", project / "site"
    monkeypatch.setattr(os, "link", no_links)
    shutil.rmtree(project / "build" / "mkdocs", ignore_errors=True)
    assert build(data, site, root=project) == 0
    change_one_figure(data, 2)
    assert build(data, site, root=project) == 0
    out = capsys.readouterr().out
    touched = int(out.rsplit("(", 1)[1].split(" files written")[0])
    assert 0 < touched < 80, out
    assert all(p.stat().st_nlink == 1 for p in site.rglob("*.html"))
    assert _same_tree(project / "build" / "mkdocs" / "indicators", site / "indicators") == []


def test_partial_publishing_links_what_changed_and_removes_what_went(tmp_path: Path):
    out, site = tmp_path / "out", tmp_path / "site"
    for rel, text in {"index.html": "home", "a/b/index.html": "b", "charts/4-4.vi.svg": "<svg/>",
                      incremental.STATE: "{}"}.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text)
    assert incremental.publish(incremental.Plan(out, dirty=False, site=""), site) == 3   # a full build: all of it
    unchanged_inode = (site / "index.html").stat().st_ino
    (out / "a" / "b" / "index.html").unlink()
    (out / "a" / "b" / "index.html").write_text("b, changed")        # a new file, as the build writes
    (out / "charts" / "4-4.vi.svg").unlink()                          # a chart no longer drawn
    (out / "charts").rmdir()
    (out / "x" / "y").mkdir(parents=True)
    (out / "x" / "y" / "new.csv").write_text("id\n")
    assert incremental.publish(incremental.Plan(out, dirty=True, site=""), site) == 3
    assert _same_tree(site, out) == [incremental.STATE]               # the build's own state is never published
    assert (site / "index.html").stat().st_ino == unchanged_inode
    assert not (site / "charts").exists()


def test_a_cache_written_by_this_process_is_not_read_again_unless_replaced(tmp_path: Path, monkeypatch):
    from scripts import files

    path = tmp_path / "cache.json"
    value = {"pages": {"a": ["vi", {"t": "Tỉ lệ"}]}}
    files.save_json(path, value)
    assert json.loads(path.read_text(encoding="utf-8")) == value
    reads = []
    monkeypatch.setattr(Path, "read_text", lambda self, **kw: reads.append(self) or "{}")
    assert files.load_json(path) is value and reads == []          # the same file: the kept value
    other = tmp_path / "other.json"
    other.write_bytes(b'{"pages": {}}')
    os.replace(other, path)                                         # replaced by someone else: read again
    assert files.load_json(path) == {} and reads == [path]
    assert files.load_json(tmp_path / "missing.json") is None
