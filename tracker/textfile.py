"""Reading maintainers' text files: UTF-8 (a BOM is fine), not empty, NFC-normalised.

Files come from spreadsheets and editors on Windows as well as Linux; a wrong encoding would
silently turn "Tỉ lệ" into mojibake on the site, so it is an error that names the line and byte.
"""
from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from .problems import Problems


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def read_text(path: Path, problems: Problems) -> str | None:
    """Return the file's text in NFC, or None (with a problem recorded) if it cannot be used."""
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
    return nfc(text)
