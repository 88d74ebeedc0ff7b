"""The linear removal of duplicate search entries (macros/search_dedup.py) removes exactly what
mkdocs-static-i18n's own, quadratic, method removes."""
from __future__ import annotations

import copy
import json
from types import SimpleNamespace

import pytest

from macros import search_dedup


def _entries(site) -> list[dict]:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    # add duplicates the way an untranslated page makes them: the default page again under en/
    twins = [dict(d, location="en/" + d["location"]) for d in docs[:40] if not d["location"].startswith("en/")]
    near = [dict(d, location="en/" + d["location"], text=d["text"] + " ") for d in docs[40:60]]
    return docs + twins + near + twins[:3]


@pytest.mark.parametrize("languages", [["vi", "en"], ["en"]])
def test_same_entries_removed_as_the_original(built_site, languages):
    plugin = SimpleNamespace(build_languages=languages)
    entries = _entries(built_site)
    theirs, ours = copy.deepcopy(entries), copy.deepcopy(entries)
    search_dedup.ORIGINAL(plugin, theirs)
    search_dedup.remove_search_duplicates(plugin, ours)
    assert ours == theirs and len(ours) < len(entries)
