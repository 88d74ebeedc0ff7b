"""Where a reader reports a wrong figure: a pre-filled issue form in the site's repository.

The repository address comes from the site's configuration (mkdocs.yml `extra.report.repository`,
set from REPO_URL in CI); without one, the page names whom to write to instead, never a dead end.
"""
from __future__ import annotations

import re
from urllib.parse import urlencode

FORM = "wrong-figure.yml"          # .github/ISSUE_TEMPLATE/wrong-figure.yml; its field ids below
_REPOSITORY = re.compile(r"https://[A-Za-z0-9.-]+(/[A-Za-z0-9._-]+){2}")


def repository_address(value: object) -> str | None:
    """The configured repository address, or None when unset; a malformed one is an error, not a dead link."""
    text = str(value or "").strip().rstrip("/").removesuffix(".git")
    if not text:
        return None
    if not _REPOSITORY.fullmatch(text):
        raise ValueError(f"The repository address “{text}” must look like https://github.com/OWNER/REPOSITORY "
                         "(mkdocs.yml extra.report.repository or REPO_URL).")
    return text


def issue_form_url(repository: str, target_id: str | None = None, figure: str | None = None) -> str:
    """A link that opens the issue form with the target id (and the figure shown) already filled in."""
    query = {"template": FORM}
    if target_id:
        query["title"] = f"Số liệu sai / Wrong figure: {target_id}"
        query["target"] = target_id
    if figure:
        query["figure"] = figure
    return f"{repository}/issues/new?{urlencode(query)}"
