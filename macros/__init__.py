"""MkDocs glue: load the built model once and expose the page macros. Nothing here decides anything;
the domain lives in tracker/ and the page layouts in macros/templates/."""
from __future__ import annotations

import html
import os
import posixpath
from pathlib import Path

from tracker.model import Model
from tracker.terms import abbreviation_definitions

from .render import Renderer
from .titles import data_page_title

MODEL_FILE = Path(os.environ.get("TRACKER_MODEL", Path(__file__).parent.parent / "build" / "model.yaml"))


def _language(env) -> str:
    """The language of the page being rendered (the i18n plugin sets it per build, after define_env)."""
    i18n = env.conf["plugins"].get("i18n")
    return getattr(i18n, "current_language", None) or env.conf["theme"]["language"]


def define_env(env):
    if not MODEL_FILE.is_file():
        raise FileNotFoundError(f"{MODEL_FILE} is missing: run `python -m scripts.build` (it validates data/ first).")
    renderer = Renderer(Model.load(MODEL_FILE), report=(env.conf.get("extra") or {}).get("report"),
                        charts_dir=MODEL_FILE.parent / "charts")

    def bind(name):
        def macro(*args):
            return getattr(renderer, name)(_language(env), env.page.file.src_uri, *args)
        macro.__name__ = name
        return macro

    @env.macro
    def data_file(name: str) -> str:
        """A link to a published file at the site's root, from any page of any language."""
        href = posixpath.relpath(f"data/{name}", env.page.url.rstrip("/") or ".")  # directory URLs: "en/about/data/"
        return f'<a href="{html.escape(href)}" download><code>{html.escape(name)}</code></a>'

    for name in ("indicator_page", "group_page", "department_page", "appendix", "departments_list",
                 "plan_corrections_table", "counts", "sources_list", "cite", "report_route", "status_words", "glossary",
                 "dashboard", "progress_example", "progress_legend"):
        env.macro(bind(name), name)
    _state["renderer"] = renderer


_state: dict = {}


def on_post_page_macros(env):
    """After the macros ran (never templated): every page ends with the glossary's abbreviation definitions
    (Markdown `abbr`), so an abbreviation shows its words as a tooltip wherever it is written; and a
    generated data page gets its title from the model here, because mkdocs-macros renders a title that
    contains "{{" and a title from data/ must never pass through Jinja (see macros/titles.py)."""
    renderer = _state.get("renderer")
    if renderer is None:
        return
    env.markdown += "\n\n" + abbreviation_definitions(renderer.model.glossary, _language(env)) + "\n"
    spec = env.page.meta.get("data_page")
    if isinstance(spec, dict):
        env.page.title = data_page_title(renderer.model, str(spec["kind"]), str(spec["id"]), _language(env))
