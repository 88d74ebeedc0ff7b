"""Every change made to the received plan text is listed, and each listed change is really there."""
from __future__ import annotations

import re
import unicodedata

import yaml

from .conftest import DATA, ROOT, SOURCE

SECTIONS = {s["key"]: s["page"].split("#")[0] for s in
            yaml.safe_load((DATA / "plan" / "sections.yaml").read_text(encoding="utf-8"))}
CORRECTIONS = yaml.safe_load((DATA / "plan" / "corrections.yaml").read_text(encoding="utf-8"))


def test_each_correction_quotes_the_source_and_the_page():
    source = SOURCE.read_text(encoding="utf-8")
    for item in CORRECTIONS:
        assert item["received"] in source, item
        if item["where"] != "Phụ lục":
            page = (ROOT / "docs" / f"{SECTIONS[item['where']]}.vi.md").read_text(encoding="utf-8")
            assert item["corrected"] in page, item
            if item["kind"] != "duplicate":
                assert item["received"] not in page, item


def test_plan_pages_are_nfc_and_free_of_page_break_splits():
    for page in (ROOT / "docs" / "plan").glob("*.vi.md"):
        text = page.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text, page
        # a paragraph that starts in lower case continues one split at an old page break
        for paragraph in re.split(r"\n\s*\n", text):
            first = paragraph.strip()[:1]
            assert not first.islower(), (page.name, paragraph[:60])


def test_english_plan_pages_say_they_are_an_unofficial_translation():
    for page in (ROOT / "docs" / "plan").glob("*.en.md"):
        if page.name.startswith(("index", "corrections")):
            continue
        assert "Unofficial translation" in page.read_text(encoding="utf-8"), page.name
