"""Every limit on what a data file may hold, in one place (documented in data/observations/README.md).

Data files are written by strangers and built in CI: each limit keeps reading bounded in time and
memory, and a file over one is refused with a clear error naming it, never read half-way. The
figures are far above anything the plan needs (61 rows, a few dozen figures each).
"""
from __future__ import annotations

import re

MAX_FILE_BYTES = 1_000_000        # any file under data/ that the build reads (CSV or YAML)
MAX_CSV_ROWS = 1_000              # lines of figures in one observations file (one line per period)
MAX_FIELD_CHARS = 5_000           # characters in one CSV cell or one YAML text value
MAX_YAML_DEPTH = 8                # nesting of mappings and lists (the deepest real file uses 4)
MAX_NUMBER_DIGITS = 15            # digits in one number: beyond that a float is no longer exact

# YAML features that a data file never needs and that make reading unbounded or surprising:
# anchors/aliases ("billion laughs"), merge keys ("<<"), and tags (!vi, !!python/...).
YAML_ALLOWED_TAGS = frozenset("tag:yaml.org,2002:" + name for name in
                              ("str", "int", "float", "bool", "null", "map", "seq", "timestamp"))

# Characters refused in any text: C0/C1 control characters (tab, line feed and carriage return are
# allowed; CSV tabs are read as separators), and the bidirectional overrides of "Trojan source" tricks.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Plausible values of a figure by its unit (as the plan writes it): (lowest, highest, what it is).
PER_10000 = (0.0, 10_000.0, "tỉ suất trên 10.000 dân", "rate per 10,000 people")
PLAUSIBLE = {
    "%": (0.0, 100.0, "tỉ lệ phần trăm", "percentage"),
    "Mức độ": (0.0, 10.0, "mức độ", "level"),
    "Tuổi": (0.0, 120.0, "số năm tuổi", "years of life"),
    "Năm": (0.0, 120.0, "số năm", "number of years"),
    "m² sàn/người": (0.0, 1_000.0, "diện tích trên mỗi người", "area per person"),
}
COUNT = (0.0, 100_000_000.0, "số lượng", "count")   # any other unit: people, beds, apartments


def plausible_range(unit: str, per_10000: bool = False) -> tuple[float, float, str, str]:
    """The range a figure in this unit must lie in; a row of a "per 10,000 people" family is a rate."""
    if per_10000:
        return PER_10000
    return PLAUSIBLE.get(unit, COUNT)


def control_character(text: str) -> tuple[int, int, str] | None:
    """(line, column, code) of the first refused character in text, or None."""
    found = CONTROL.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return line, column, f"U+{ord(found.group()):04X}"
