"""Class 6 — only the repository's own files: no symbolic links under data/ (nor out of it); NUL, other
control characters and bidirectional overrides are refused with line and column; text is NFC."""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from tracker.model import build_model

from .harness import Case, Expect, append, check_refused, csv_text, lines_in, row, write

OBS = "data/observations/2.1.csv"
SRC = "data/sources.yaml"


def link(rel: str, target: str) -> callable:
    def apply(data: Path) -> None:
        path = data.parent / rel
        if path.exists():
            path.unlink()
        os.symlink(target, path)
    return apply


def outside_folder(data: Path) -> None:
    """data/observations is a link to a folder outside data/ holding a valid-looking file."""
    elsewhere = data.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "2.1.csv").write_text(csv_text(row()), encoding="utf-8")
    for name in os.listdir(data / "observations"):
        os.unlink(data / "observations" / name)
    os.rmdir(data / "observations")
    os.symlink(elsewhere, data / "observations")


CASES = [
    Case("symlink-to-etc-passwd", link(OBS, "/etc/passwd"),
         [Expect(OBS, None, "Symbolic links are not allowed", "Liên kết (symlink) không được phép")], count=1),
    Case("symlink-inside-data", link("data/observations/2.3.csv", "2.1.csv"),
         [Expect("data/observations/2.3.csv", None, "Symbolic links are not allowed", "không được phép")], count=1),
    Case("symlinked-folder-out-of-data", outside_folder,
         [Expect("data/observations", None, "Symbolic links are not allowed", "không được phép")]),
    Case("nul-byte-in-csv", write(OBS, csv_text(row(note_vi="Số liệu\x00 ẩn")).encode("utf-8")),
         [Expect(OBS, 2, "U+0000 at line 2, column", "U+0000 (vô hình) ở dòng 2")]),
    Case("escape-character-in-yaml", append(SRC, "esc:\n  publisher: \"Báo \x1b[31m đỏ\"\n  title: x\n"),
         [Expect(SRC, lines_in(SRC) + 3, "U+001B", "U+001B")]),
    Case("bidi-override-in-a-note", write(OBS, csv_text(row(note_vi="tỉ lệ \u202e%5.99"))),
         [Expect(OBS, 2, "U+202E", "U+202E")]),
    Case("c1-control-in-a-name", write(OBS, csv_text(row(note_en="a\x85b"))),
         [Expect(OBS, 2, "U+0085", "U+0085")]),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_not_our_own_text_is_refused(case: Case, data_copy: Path, good_site):
    site, before = good_site
    check_refused(case, data_copy, site, before)


def test_decomposed_text_is_stored_as_nfc(data_copy: Path):
    note = unicodedata.normalize("NFD", "Số liệu của Sở Y tế")
    write(OBS, csv_text(row(note_vi=note)))(data_copy)
    stored = build_model(data_copy).observations["2.1"][0].note_vi
    assert stored == unicodedata.normalize("NFC", note) and stored != note


@pytest.mark.parametrize("committed", ["build/charts/4-4.vi.svg", "build/mkdocs/.plan219-build.json",
                                       "site/index.html"])
def test_a_build_file_that_comes_in_a_commit_stops_the_build(tmp_path: Path, capsys, committed: str):
    """build/ and site/ hold the build's own work (drawn charts spliced into pages as they are, the last build's
    pages): a file forced into a commit there would be taken for it, so the build refuses to start."""
    import subprocess

    from scripts.build import build

    root = tmp_path / "checkout"
    (root / committed).parent.mkdir(parents=True)
    (root / committed).write_text('<svg><a href="https://example.org/">x</a></svg>', encoding="utf-8")
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-f", committed], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "x"], cwd=root, check=True)
    site = tmp_path / "published"
    assert build(root / "data", site, root=root) == 1
    err = capsys.readouterr().err
    assert committed in err and "git rm --cached" in err and "[vi]" in err and "[en]" in err
    assert "nothing was published" in err and "The data has" not in err   # not blamed on data/
    assert not site.exists() and not (root / "build" / "model.yaml").exists()   # stopped before anything
