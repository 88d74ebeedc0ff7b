"""Write data/changes.yaml, the change log kept beside the data, from git history.

    python -m scripts.changelog          rewrite data/changes.yaml (commit it with the data)
    python -m scripts.changelog --check  exit 1 if data/changes.yaml differs from git history

The build reads git history itself when the clone has all of it; the committed file is what it
reads in a shallow clone (see tracker/changelog.py).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tracker.changelog import LOG_FILE, dump_log, from_git, has_full_history

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    observations = args.data / "observations"
    if not has_full_history(observations):
        print("Không có đủ lịch sử git (bản sao nông?): chạy `git fetch --unshallow`. / "
              "No full git history (a shallow clone?): run `git fetch --unshallow`.", file=sys.stderr)
        return 1
    text = dump_log(from_git(observations))
    path = args.data / LOG_FILE
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    if args.check:
        if current != text:
            print(f"{path} chưa cập nhật: chạy `python -m scripts.changelog`. / "
                  f"{path} is out of date: run `python -m scripts.changelog`.", file=sys.stderr)
            return 1
        return 0
    if current != text:
        path.write_text(text, encoding="utf-8")
    print(f"{path}: {text.count('- id:')} thay đổi / changes.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
