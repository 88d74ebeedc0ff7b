"""Class 2 — nothing hangs or explodes: YAML is read safely and boundedly, CSV within documented limits
(tracker/limits.py). Each hostile file is refused in well under a second with a located, bilingual error."""
from __future__ import annotations

from pathlib import Path

import pytest

from tracker.limits import MAX_CSV_ROWS, MAX_FIELD_CHARS, MAX_FILE_BYTES, MAX_YAML_DEPTH

from .harness import Case, Expect, append, check_refused, csv_text, lines_in, row, write

SRC = "data/sources.yaml"
OBS = "data/observations/2.1.csv"
END = lines_in(SRC) + 2      # the first line of text appended to sources.yaml

LAUGHS = "\n".join(["lol0: &a0 {publisher: lol, title: lol}"]
                   + [f"lol{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]) + "\n"

CASES = [
    Case("yaml-billion-laughs", append(SRC, LAUGHS),
         [Expect(SRC, END, "anchors and aliases", "neo và tham chiếu")]),
    Case("yaml-alias-to-a-source", append(SRC, "copy: *congdoan\n"),
         [Expect(SRC, END, "anchors and aliases", "neo và tham chiếu")]),
    Case("yaml-deep-nesting", append(SRC, "deep: " + "[" * 5000 + "]" * 5000 + "\n"),
         [Expect(SRC, END, f"at most {MAX_YAML_DEPTH} levels", f"tối đa {MAX_YAML_DEPTH} cấp")]),
    Case("yaml-unknown-tag", append(SRC, "tagged:\n  publisher: !vi Báo Kiên Giang\n  title: x\n"),
         [Expect(SRC, END + 1, "The YAML tag “!vi” is not allowed", "Không dùng thẻ YAML «!vi»")]),
    Case("yaml-python-object-tag", append(SRC, "evil: !!python/object/apply:os.system ['touch hostile-marker']\n"),
         [Expect(SRC, END, "is not allowed", "Không dùng thẻ YAML")]),
    Case("yaml-merge-key", append(SRC, "merged:\n  <<: {publisher: X, title: Y}\n"),
         [Expect(SRC, END + 1, "merge keys", "khóa gộp")]),
    Case("yaml-huge-scalar", append(SRC, f"long:\n  publisher: X\n  title: {'A' * (MAX_FIELD_CHARS + 1)}\n"),
         [Expect(SRC, END + 2, f"at most {MAX_FIELD_CHARS} characters", f"tối đa {MAX_FIELD_CHARS} ký tự")]),
    Case("yaml-file-over-the-size-limit", append(SRC, "# " + "x" * MAX_FILE_BYTES + "\n"),
         [Expect(SRC, None, f"at most {MAX_FILE_BYTES:,} bytes", "Tệp quá lớn")]),
    Case("csv-file-over-the-size-limit", write(OBS, csv_text(row(), row("2022", note_vi="x" * 4000)) * 300),
         [Expect(OBS, None, "too large", "quá lớn")]),
    Case("csv-cell-over-the-field-limit", write(OBS, csv_text(row(note_vi="x" * (MAX_FIELD_CHARS + 1)))),
         [Expect(OBS, 2, f"at most {MAX_FIELD_CHARS} characters", f"tối đa {MAX_FIELD_CHARS} ký tự")]),
    Case("csv-too-many-rows", write(OBS, csv_text(*(row(f"@2024-{1 + n // 28:02d}-{1 + n % 28:02d}")
                                                    for n in range(MAX_CSV_ROWS + 1)))),
         [Expect(OBS, MAX_CSV_ROWS + 2, f"at most {MAX_CSV_ROWS} lines", f"tối đa {MAX_CSV_ROWS} dòng")]),
    Case("csv-unclosed-quote", write(OBS, csv_text(row()) + '2022,3.1,,official,"unclosed source\n'),
         [Expect(OBS, None, "not valid CSV", "Không đọc được CSV")]),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_file_is_refused_quickly(case: Case, data_copy: Path, good_site):
    site, before = good_site
    check_refused(case, data_copy, site, before)
    assert not (data_copy / "hostile-marker").exists() and not Path("hostile-marker").exists()
