"""Công cụ cho người cập nhật số liệu / The maintainers' tool.

    python -m scripts.maintain template so-ldtbxh -o so-ldtbxh.xlsx   mẫu Excel / a department's Excel template
    python -m scripts.maintain import so-ldtbxh.xlsx [--write]        nhập mẫu đã điền / import a filled template
    python -m scripts.maintain add-figure 2.1 --period 2024 --value 2,8 --status "chính thức" --source ID [--write]
    python -m scripts.maintain add-source ID --publisher "…" --url https://… [--write]
    python -m scripts.maintain changes main HEAD                      tóm tắt thay đổi / summary of data changes

Nothing is written unless --write is given; every change is first checked in a copy of data/ by the
build's own loader, so what the build would refuse is never written.
(Vietnamese aliases: mau, nhap, them-so-lieu, them-nguon, thay-doi.)
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from tracker.catalogue import load_catalogue
from tracker.changes import model_rows, put_observation, rows_of, stage, summary
from tracker.model import Model, build_model
from tracker.observations import Observation
from tracker.problems import Problems, ValidationFailed
from tracker.schema import validate
from tracker.sources import Source
from tracker.spreadsheet import read_filled, render_problems, write_template
from tracker.typed import Unreadable, clean_text, read_number, read_period

ROOT = Path(__file__).resolve().parent.parent
NOTHING_WRITTEN = "Chưa ghi gì — thêm --write để ghi. / Nothing written — add --write to write."


def _current(data: Path) -> Model | None:
    try:
        return build_model(data)
    except ValidationFailed as failed:
        print("Dữ liệu hiện tại đã có lỗi; sửa trước. / The current data already has errors; fix them first.\n",
              file=sys.stderr)
        print(failed.problems.render(), file=sys.stderr)
        return None


def _apply(data: Path, model: Model, change, write: bool) -> int:
    """Stage, validate, summarise and (only with --write) write one change to data/."""
    with tempfile.TemporaryDirectory(prefix="maintain-") as work:
        try:
            staged = stage(data, Path(work), change)
        except ValidationFailed as failed:
            print(failed.problems.render(), file=sys.stderr)
            return 1
        text = summary(model.catalogue, model_rows(model), model_rows(staged.model),
                       set(model.sources), set(staged.model.sources))
        print(text or "Không có thay đổi. / No change.")
        if not write:
            print("\n" + NOTHING_WRITTEN)
            return 0
        written = staged.write()
        for rel in written:
            print(f"Đã ghi / Written: {(data / rel).relative_to(data.parent).as_posix()}")
        return 0


def cmd_template(args) -> int:
    model = _current(args.data)
    if model is None:
        return 1
    ids = [d.id for d in model.catalogue.departments]
    chosen = ids if args.department == "all" else [args.department]
    for dept in chosen:
        if dept not in ids:
            print(f"Không có đơn vị «{dept}». / No department “{dept}”. → {', '.join(ids)}", file=sys.stderr)
            return 1
    for dept in chosen:
        out = args.output if args.output and len(chosen) == 1 else (args.output or Path(".")) / f"{dept}.xlsx"
        out.parent.mkdir(parents=True, exist_ok=True)
        rows = write_template(model, dept, out)
        print(f"{out}: {rows} chỉ tiêu / targets")
    return 0


def cmd_import(args) -> int:
    model = _current(args.data)
    if model is None:
        return 1
    problems = Problems()
    entries = read_filled(args.file, model, problems)
    if problems:
        print(render_problems(problems), file=sys.stderr)
        return 1
    if not entries:
        print("Tệp không có số liệu mới. / The file has no new figure.")
        return 0
    return _apply(args.data, model, lambda copy: [put_observation(copy, e.observation) for e in entries], args.write)


def cmd_add_figure(args) -> int:
    model = _current(args.data)
    if model is None:
        return 1
    problems = Problems()
    try:
        value = read_number(args.value)
    except Unreadable as err:
        print(f"--value «{args.value}»:\n  [vi] {err.vi} {err.hint_vi}\n  [en] {err.en} {err.hint_en}", file=sys.stderr)
        return 1
    record = {"indicator": args.row, "period": read_period(args.period), "value": value, "status": args.status,
              "source": clean_text(args.source), "qualifier": args.qualifier, "quote": clean_text(args.quote),
              "note_vi": clean_text(args.note), "note_en": clean_text(args.note_en)}
    obs = validate(Observation, record, file=Path("--"), problems=problems, line_of=lambda _loc: None)
    if obs is None:
        print(problems.render(), file=sys.stderr)
        return 1
    if args.row not in {i.id for i in model.catalogue.indicators}:
        print(f"Không có dòng chỉ tiêu «{args.row}». / No target row “{args.row}”.", file=sys.stderr)
        return 1
    return _apply(args.data, model, lambda copy: put_observation(copy, obs), args.write)


def cmd_add_source(args) -> int:
    model = _current(args.data)
    if model is None:
        return 1
    if args.id in model.sources:
        print(f"Nguồn «{args.id}» đã có. / The source “{args.id}” already exists.", file=sys.stderr)
        return 1
    fields = {k: clean_text(v) for k, v in (("publisher", args.publisher), ("publisher_en", args.publisher_en),
                                            ("title", args.title), ("title_en", args.title_en), ("url", args.url),
                                            ("reference", args.reference), ("date", args.date)) if v}
    problems = Problems()
    if validate(Source, fields, file=Path("--"), problems=problems, line_of=lambda _loc: None) is None:
        print(problems.render(), file=sys.stderr)
        return 1
    entry = yaml.safe_dump({args.id: fields}, allow_unicode=True, sort_keys=False, width=1000)

    def change(copy: Path) -> None:
        path = copy / "sources.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text + ("" if text.endswith("\n") else "\n") + entry, encoding="utf-8")
    return _apply(args.data, model, change, args.write)


def _git_files(repo: Path, rev: str | None, folder: str) -> dict[str, str]:
    """Texts of the files directly in `folder` at `rev` (None: the working tree), by name."""
    if rev is None:
        base = repo / folder
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(base.glob("*")) if p.is_file()}
    names = subprocess.run(["git", "ls-tree", "--name-only", f"{rev}:{folder}"], cwd=repo, check=True,
                           capture_output=True, text=True).stdout.split()
    return {name: subprocess.run(["git", "show", f"{rev}:{folder}/{name}"], cwd=repo, check=True,
                                 capture_output=True, text=True).stdout for name in names}


def cmd_changes(args) -> int:
    repo = args.data.parent
    problems = Problems()
    catalogue = load_catalogue(args.data, problems)
    if catalogue is None:
        print(problems.render(), file=sys.stderr)
        return 1
    try:
        sides = [_git_files(repo, rev, "data/observations") for rev in (args.old, args.new)]
        sources = [yaml.safe_load(_git_files(repo, rev, "data").get("sources.yaml", "") or "{}") or {}
                   for rev in (args.old, args.new)]
    except subprocess.CalledProcessError as err:
        print(f"git: {err.stderr.strip()}", file=sys.stderr)
        return 1
    observations = [rows_of({Path(n).stem: t for n, t in side.items() if n.endswith(".csv")}) for side in sides]
    text = summary(catalogue, observations[0], observations[1], set(sources[0]), set(sources[1]))
    print(text or "Không có thay đổi số liệu. / No data change.")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m scripts.maintain", description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    main.add_argument("--data", type=Path, default=ROOT / "data",
                      help="thư mục dữ liệu / the data folder (mặc định / default: data/)")
    sub = main.add_subparsers(dest="command", required=True, metavar="LỆNH/COMMAND")

    def command(name: str, alias: str, help_text: str, func):
        p = sub.add_parser(name, aliases=[alias], help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    def writes(p):
        p.add_argument("--write", action="store_true",
                       help="ghi vào data/ (mặc định chỉ kiểm tra và in thay đổi) / write into data/ "
                            "(by default only check and print the change)")

    p = command("template", "mau", "tạo mẫu Excel cho một đơn vị / make a department's Excel template", cmd_template)
    p.add_argument("department", help="mã đơn vị, ví dụ so-ldtbxh, hoặc «all» / department id, e.g. so-ldtbxh, or “all”")
    p.add_argument("-o", "--output", type=Path, help="tệp .xlsx (hoặc thư mục với «all») / the .xlsx file (a folder with “all”)")

    p = command("import", "nhap", "nhập mẫu đã điền (.xlsx hoặc .csv) / import a filled template (.xlsx or .csv)",
                cmd_import)
    p.add_argument("file", type=Path, help="tệp đã điền / the filled file")
    writes(p)

    p = command("add-figure", "them-so-lieu", "thêm hoặc sửa một số liệu / add or correct one figure", cmd_add_figure)
    p.add_argument("row", help="mã dòng chỉ tiêu, ví dụ 2.1 / the target row id, e.g. 2.1")
    p.add_argument("--period", required=True, help="kỳ / period: 2024, 2025-H1, 2025-9M, 2025-05-31…")
    p.add_argument("--value", required=True, help="giá trị / value: 99,5 · 1.500 · 99.5")
    p.add_argument("--status", required=True, help="chính thức, sơ bộ, ước tính… (official, preliminary, estimate…)")
    p.add_argument("--source", required=True, help="mã nguồn trong data/sources.yaml / a source id")
    p.add_argument("--qualifier", default="", help="trên, dưới, khoảng (> < ~)")
    p.add_argument("--quote", default="", help="câu nguyên văn của nguồn / the source's own sentence")
    p.add_argument("--note", default="", help="ghi chú (tiếng Việt) / note in Vietnamese")
    p.add_argument("--note-en", default="", help="ghi chú tiếng Anh / note in English")
    writes(p)

    p = command("add-source", "them-nguon", "thêm một nguồn / add a source", cmd_add_source)
    p.add_argument("id", help="mã nguồn mới, ví dụ baokiengiang-2025-03-01 / the new source id")
    p.add_argument("--publisher", required=True, help="nơi công bố / publisher")
    p.add_argument("--publisher-en", help="nơi công bố (tiếng Anh) / publisher in English")
    p.add_argument("--title", help="tiêu đề nguyên văn / exact title")
    p.add_argument("--title-en", help="tiêu đề tiếng Anh / title in English")
    p.add_argument("--url", help="địa chỉ https://… / address")
    p.add_argument("--reference", help="cách tìm khi không có địa chỉ / how to find it without an address")
    p.add_argument("--date", help="ngày công bố NĂM-THÁNG-NGÀY / publication date YEAR-MONTH-DAY")
    writes(p)

    p = command("changes", "thay-doi", "tóm tắt thay đổi số liệu giữa hai commit / summarise data changes between two "
                "commits", cmd_changes)
    p.add_argument("old", help="commit cũ, ví dụ main / the older commit, e.g. main")
    p.add_argument("new", nargs="?", help="commit mới (mặc định: thư mục làm việc) / the newer commit (default: the "
                   "working tree)")
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.data = args.data.resolve()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
