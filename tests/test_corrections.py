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


def _words(text: str) -> list[str]:
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    text = re.sub(r"\{ #[^}]*\}", " ", text)  # heading ids
    text = re.sub(r"<br\s*/?>", " ", text)
    return re.sub(r"[*#\[\]>]", " ", text).split()


# Section numbers ("1.", "b)", "III.6.b.") are normalised in headings; case is normalised too.
_NUMBERING = re.compile(r"^(?:[IVX]+\.)?(?:\d+\.)*(?:\d+\.|[a-h]\)|[a-h]\.)$|^[IVX]+\.$")


def _normalised(words: list[str]) -> list[str]:
    return [w.casefold() for w in words if not _NUMBERING.match(w)]


def test_the_transcription_drops_or_changes_no_word_of_the_received_text():
    """Apply the listed corrections to the received text: every remaining word must be on the plan pages,
    in order. The pages may add (links, notes, tables of contents) but never drop or alter a word."""
    import difflib

    source = SOURCE.read_text(encoding="utf-8")
    source = source[:source.index("**Phụ lục**")]
    for item in CORRECTIONS:
        if item["where"] != "Phụ lục":
            source = source.replace(item["received"], item["corrected"], 1)
    # Part III's own heading titles the pages III.1–III.8 (navigation and each page's lead line).
    source = source.replace("### **III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU**", "")
    order = ["index", "1-purposes", "2-objectives"]
    for key, page in SECTIONS.items():
        name = page.split("/")[1]
        if key.startswith("III") and name not in order:
            order.append(name)
    order.append("4-implementation")
    pages = "\n".join((ROOT / "docs" / "plan" / f"{name}.vi.md").read_text(encoding="utf-8") for name in order)
    received, published = _normalised(_words(source)), _normalised(_words(pages))
    matcher = difflib.SequenceMatcher(None, received, published, autojunk=False)
    lost = [" ".join(received[max(0, i1 - 4):i2 + 4]) for op, i1, i2, _, _ in matcher.get_opcodes()
            if op in ("delete", "replace")]
    assert lost == []
