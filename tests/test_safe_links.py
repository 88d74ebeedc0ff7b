"""Links taken from sources are only http(s): anything else (javascript:, data:, a bare word) is refused
with a located bilingual error, and the built site links nowhere but to http(s), mail or its own pages."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tracker.model import build_model
from tracker.problems import ValidationFailed

BAD = ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>",
       "vbscript:msgbox(1)", "//evil.example/x", "ftp://example.org/file", "www.example.org", "https://a b.vn/"]


@pytest.mark.parametrize("url", BAD)
def test_a_source_address_that_is_not_http_is_refused(data_copy: Path, url: str):
    sources = data_copy / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8")
                       + f"\nbad-link-test:\n  publisher: Test\n  url: '{url}'\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        build_model(data_copy)
    found = [p for p in failed.value.problems.items if "sources.yaml" in p.file and "https://" in p.render()]
    assert found, failed.value.problems.render()
    assert found[0].line is not None


def test_the_built_site_links_only_to_http_mail_or_itself(built_site: Path):
    bad = []
    for page in built_site.rglob("*.html"):
        for href in re.findall(r'\shref="([^"]*)"', page.read_text(encoding="utf-8")):
            scheme = urlparse(href).scheme.lower()
            if scheme not in ("", "http", "https", "mailto"):
                bad.append(f"{page.relative_to(built_site)}: {href}")
    assert bad == []
