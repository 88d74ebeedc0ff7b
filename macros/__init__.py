"""MkDocs glue: load the built model once and expose the page macros. Nothing here decides anything;
the domain lives in tracker/ and the page layouts in macros/templates/."""
from __future__ import annotations

import html
import os
import posixpath
from pathlib import Path

from tracker.model import Model
from tracker.share import share_meta
from tracker.terms import abbreviation_definitions

from .press import PressPages
from .render import Renderer
from .titles import data_page_title

MODEL_FILE = Path(os.environ.get("TRACKER_MODEL", Path(__file__).parent.parent / "build" / "model.yaml"))
# The benchmark's plain Material build is of the Markdown these macros produce: it asks for a copy of it here.
KEEP_MARKDOWN = os.environ.get("PLAN219_KEEP_MARKDOWN")
_given: dict = {}


def use_model(model: Model | None, build_dir: Path | None = None) -> None:
    """scripts/build.py runs MkDocs in its own process and hands over the model it has just validated,
    so that it is loaded once; a plain `mkdocs build` or `mkdocs serve` reads build/model.yaml instead."""
    _given.clear()
    if model is not None:
        _given.update(model=model, build_dir=build_dir)


def _language(env) -> str:
    """The language of the page being rendered (the i18n plugin sets it per build, after define_env)."""
    i18n = env.conf["plugins"].get("i18n")
    return getattr(i18n, "current_language", None) or env.conf["theme"]["language"]


def define_env(env):
    if _given:
        model, build_dir = _given["model"], _given["build_dir"]
    elif MODEL_FILE.is_file():
        model, build_dir = Model.load(MODEL_FILE), MODEL_FILE.parent
    else:
        raise FileNotFoundError(f"{MODEL_FILE} is missing: run `python -m scripts.build` (it validates data/ first).")
    renderer = Renderer(model, report=(env.conf.get("extra") or {}).get("report"), charts_dir=build_dir / "charts")

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

    press = PressPages(renderer, env.conf["site_url"] or "/")

    def bind_press(name):
        def macro(*args):
            return getattr(press, name)(_language(env), env.page.file.src_uri, env.page.url, *args)
        macro.__name__ = name
        return macro

    for name in ("press_block", "changes_list", "report_years", "annual_report"):
        env.macro(bind_press(name), name)

    _state["renderer"] = renderer


_state: dict = {}


def splice(html_text: str) -> str:
    """A converted page with what its Markdown only held the place of: charts' SVG (macros/charts.py) and figures' facts
    (macros/figure_facts.py); called by macros/hooks.py."""
    renderer = _state.get("renderer")
    return html_text if renderer is None else renderer.splice(html_text)


def on_pre_page_macros(env):
    renderer = _state.get("renderer")
    if renderer is not None:
        renderer.facts.start_page()


def on_post_page_macros(env):
    """After the macros ran (never templated): every page ends with the glossary's abbreviation definitions
    (Markdown `abbr`), so an abbreviation shows its words as a tooltip wherever it is written; and a
    generated data page gets its title from the model here, because mkdocs-macros renders a title that
    contains "{{" and a title from data/ must never pass through Jinja (see macros/titles.py)."""
    renderer = _state.get("renderer")
    if renderer is None:
        return
    env.markdown += "\n\n" + abbreviation_definitions(renderer.model.glossary, _language(env), env.markdown) + "\n"
    spec = env.page.meta.get("data_page")
    if isinstance(spec, dict):
        env.page.title = data_page_title(renderer.model, str(spec["kind"]), str(spec["id"]), _language(env))
        env.page.meta["title"] = env.page.title  # escaped: the theme prints page.meta.title as it is
        if spec["kind"] == "indicator":  # share tags (tracker/share.py), escaped the same way
            env.page.meta.update(share_meta(renderer.model, renderer.cat.indicator(str(spec["id"])), _language(env)))
    if KEEP_MARKDOWN:
        _keep_markdown(Path(KEEP_MARKDOWN), env.page.file.src_uri, env.page.meta, renderer.splice(env.markdown))


def _keep_markdown(folder: Path, src_uri: str, meta: dict, markdown: str) -> None:
    """The page as plain Markdown, its front matter included (scripts/benchmark.py builds it without macros)."""
    import yaml

    path = folder / src_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    front = {k: v for k, v in meta.items() if k != "data_page"}
    head = f"---\n{yaml.safe_dump(front, allow_unicode=True, width=1000)}---\n" if front else ""
    path.write_text(head + markdown, encoding="utf-8")
