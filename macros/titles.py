"""Titles of the generated data pages, set only after mkdocs-macros has rendered the page.

mkdocs-macros renders a page's title through Jinja when it contains "{{" (1.5.0, plugin.py ~l. 971), so a
title taken from data/ must never reach it: the stubs in docs/ carry no data text, only `data_page:
{kind, id}` in their front matter, and the `on_post_page_macros` hook (macros/__init__.py) sets the title
here, from the model, after that rendering is over. Nothing later evaluates it.
"""
from __future__ import annotations

import html

from tracker.model import Model

KINDS = ("group", "indicator", "department")


def data_page_title(model: Model, kind: str, key: str, lang: str) -> str:
    """The title shown in the navigation, the browser tab and search; HTML-escaped because the
    theme prints it as it is."""
    cat = model.catalogue
    vi = lang == "vi"
    if kind == "group":
        group = cat.group(int(key))
        title = f"{group.id}. {group.name_vi if vi else group.name_en}"
    elif kind == "indicator":
        ind = cat.indicator(key)
        title = f"{ind.id}. {cat.display_name(ind, lang)}"
    elif kind == "department":
        dept = cat.department(key)
        title = dept.name_vi if vi else dept.name_en
    else:
        raise ValueError(f"unknown data page kind {kind!r}; expected one of {KINDS}")
    return html.escape(title, quote=False)
