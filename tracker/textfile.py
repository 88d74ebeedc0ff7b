"""Reading maintainers' text files: UTF-8 (a BOM is fine), not empty, NFC-normalised.

Files come from spreadsheets and editors on Windows as well as Linux; a wrong encoding would
silently turn "Tỉ lệ" into mojibake on the site, so it is an error that names the line and byte.
"""
from __future__ import annotations

import codecs
import os
import unicodedata
from pathlib import Path

from .limits import MAX_FILE_BYTES, control_character
from .problems import Problems


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def read_text(path: Path, problems: Problems) -> str | None:
    """Return the file's text in NFC with "\n" line ends, or None (with a problem recorded) if it cannot
    be used: a link, a file over the size limit, not UTF-8, empty, or holding control characters."""
    if not _own_file(path, problems):
        return None
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.add(path, None, f"{size:,} bytes",
                     f"Tệp quá lớn: tối đa {MAX_FILE_BYTES:,} byte.".replace(",", "."),
                     f"The file is too large: at most {MAX_FILE_BYTES:,} bytes.",
                     "Chia số liệu thành nhiều tệp nhỏ hơn, hoặc bỏ bớt ghi chú dài.",
                     "Split the data into smaller files, or shorten long notes.")
        return None
    raw = path.read_bytes()
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        problems.add(path, line, f"0x{raw[err.start]:02X}",
                     "Tệp không phải mã UTF-8 (có thể lưu bằng Windows-1258 hoặc TCVN3).",
                     "The file is not UTF-8 (perhaps saved as Windows-1258 or TCVN3).",
                     "Mở tệp và lưu lại với mã hóa «UTF-8» (trong Excel: «CSV UTF-8»).",
                     "Open the file and save it again as “UTF-8” (in Excel: “CSV UTF-8”).",
                     column=column)
        return None
    if not text.strip():
        problems.add(path, None, None, "Tệp rỗng.", "The file is empty.",
                     "Ghi dòng tiêu đề và ít nhất một dòng số liệu, hoặc xóa tệp.",
                     "Write the header line and at least one data line, or delete the file.")
        return None
    # Excel for Mac ends lines with CR alone, Windows with CR LF: both are read as line ends.
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    bad = control_character(text)
    if bad is not None:
        line, column, code = bad
        problems.add(path, line, code, f"Tệp có ký tự điều khiển {code} (vô hình) ở dòng {line}, cột {column}.",
                     f"The file holds the invisible control character {code} at line {line}, column {column}.",
                     "Xóa ký tự đó (thường do sao chép từ phần mềm khác); chỉ dùng chữ, số và dấu câu.",
                     "Delete that character (usually pasted from another program); use only text and punctuation.",
                     column=column)
        return None
    return text


def _own_file(path: Path, problems: Problems) -> bool:
    """Only the repository's own files: no symbolic link, nothing outside the data folder."""
    root = problems.root
    outside = root is not None and not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))
    if path.is_symlink():
        _link(path, problems)
        return False
    if outside:
        problems.add(path, None, None, "Tệp nằm ngoài thư mục data/ (qua một liên kết): không đọc.",
                     "The file lies outside data/ (through a link): it is not read.",
                     "Thay liên kết bằng chính thư mục hoặc tệp đó.", "Replace the link by the folder or file itself.")
        return False
    if not path.is_file():
        problems.add(path, None, None, "Không phải là một tệp thông thường.", "This is not a regular file.",
                     "Xóa nó và thêm một tệp văn bản.", "Delete it and add a text file.")
        return False
    return True


def refuse_links(data_dir: Path, problems: Problems) -> None:
    """Every symbolic link under data/ is an error, even one no loader reads (it may point anywhere)."""
    for folder, dirs, files in os.walk(data_dir, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if path.is_symlink():
                _link(path, problems)


def _link(path: Path, problems: Problems) -> None:
    problems.add(path, None, f"→ {os.readlink(path)}",
                 "Liên kết (symlink) không được phép trong data/: không đọc.",
                 "Symbolic links are not allowed in data/: it is not read.",
                 "Thay liên kết bằng chính tệp đó (git add tệp thật).",
                 "Replace the link by the file itself (git add the real file).")
