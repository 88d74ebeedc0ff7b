"""MkDocs hook: mkdocs-static-i18n's removal of duplicate search entries, in linear time.

mkdocs-static-i18n 1.3.1 (the latest) compares every default-language search entry with every other
language's entry (`reconfigure_search_duplicates`): quadratic in the number of headings on the whole
site. On a data set 10× the real one it took most of the build (cProfile: 109 million comparisons).
This is the same rule — drop an entry of another language whose title and text equal a default-language
entry and whose location ends with its location — with a dictionary. Loaded from mkdocs.yml `hooks:`.
"""
from __future__ import annotations

from collections import defaultdict

from mkdocs_static_i18n.reconfigure import ExtendedPlugin


def remove_search_duplicates(plugin, entries: list[dict]) -> None:
    prefixes = tuple(f"{lang}/" for lang in plugin.build_languages)
    others: dict[tuple, list[dict]] = defaultdict(list)
    for entry in entries:
        if entry["location"].startswith(prefixes):
            others[(entry["title"], entry["text"])].append(entry)
    drop: set[int] = set()
    for entry in entries:
        if not entry["location"].startswith(prefixes):
            for other in others.get((entry["title"], entry["text"]), ()):
                if other["location"].endswith(entry["location"]):
                    drop.add(id(other))
    if drop:
        entries[:] = [e for e in entries if id(e) not in drop]


ORIGINAL = ExtendedPlugin.reconfigure_search_duplicates
ExtendedPlugin.reconfigure_search_duplicates = remove_search_duplicates
