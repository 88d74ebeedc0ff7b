"""Draws the data pages as Markdown from Jinja templates.

Every value printed by a template is escaped for Markdown and HTML (the `finalize` hook), so a
"<", "|" or "*" in a data file shows as itself and cannot break a page or inject markup. Only
values wrapped in `Raw` (links we build ourselves) go through as they are.
"""
from __future__ import annotations

import posixpath
import re
from urllib.parse import urlparse
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

from tracker import formatting as fmt
from tracker import wording
from tracker.catalogue import Indicator
from tracker.model import Model
from tracker.observations import STATUS_WORDS
from tracker.progress import assess_all
from tracker.reporting import issue_form_url, repository_address
from tracker.terms import looks_vietnamese, sort_key_vi

from .progress_view import ProgressView

from .charts import ChartBlocks
from .figure_facts import FigureFacts

_EMAIL = re.compile(r"[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def _href(url: str) -> str:
    """An address safe inside a Markdown link (sources.py already refuses spaces and angle brackets)."""
    return url.replace("(", "%28").replace(")", "%29")


class Raw(str):
    """Markdown we generated ourselves; printed without escaping."""


# HTML's three (as html.escape with quote=False), line breaks as spaces, a backslash before Markdown's specials: one
# character at a time, in one pass (str.translate; a page prints ~400 values, the three passes cost 3× as much)
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": " ", "\n": " ",
                          **{c: "\\" + c for c in "\\`*_{}[]|"}})


def escape(value: object) -> str:
    if isinstance(value, Raw):
        return value
    if value is None:
        return ""
    return str(value).translate(_ESCAPES)


_TEMPLATES = Path(__file__).parent / "templates"
# Compiled templates kept from one build to the next (~0.15 s a build), beside the theme's (macros/hooks.py on_env):
# Jinja's own cache, keyed by each template's file and source. build/ holds only the build's own files
# (scripts/build.py refuses one that comes in a commit).
_COMPILED = Path(__file__).resolve().parent.parent / "build" / "jinja-cache"
_jinja: Environment | None = None


def _environment() -> Environment:
    """One Jinja environment for the whole process: each language's build (and each rebuild in `make serve`)
    reuses the templates compiled by the first; FileSystemLoader recompiles a template whose file changed."""
    global _jinja
    if _jinja is None:
        _COMPILED.mkdir(parents=True, exist_ok=True)
        _jinja = Environment(loader=FileSystemLoader(_TEMPLATES), undefined=StrictUndefined, finalize=escape,
                             bytecode_cache=FileSystemBytecodeCache(str(_COMPILED)),
                             autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return _jinja


def compile_templates() -> None:
    """Compile every page template now (`make serve` does it while idle; a build compiles them as it uses them)."""
    env = _environment()
    for name in env.list_templates():
        env.get_template(name)


class Renderer:
    def __init__(self, model: Model, report: dict | None = None, charts_dir: Path | None = None):
        self.model = model
        self.cat = model.catalogue
        self.charts = ChartBlocks(model, charts_dir or Path("build/charts"))
        self.facts = FigureFacts(model)
        report = report or {}
        self.repository = repository_address(report.get("repository"))   # mkdocs.yml extra.report
        self.contact = str(report.get("contact") or "").strip()
        self.jinja = _environment()
        self.assessments = assess_all(model)  # once per build: every page shows the same status

    # --- helpers the templates use -------------------------------------------------------------
    def _context(self, lang: str, page: str) -> dict:
        here = posixpath.dirname(page)
        vi = lang == "vi"

        def q(text: object) -> Raw:
            """Quotation marks of the page's language: «…» in Vietnamese, “…” in English."""
            return Raw(wording.quoted(escape(text), lang))

        def link(text: object, target: str) -> Raw:
            path, _, anchor = target.partition("#")
            href = posixpath.relpath(path, here) + (f"#{anchor}" if anchor else "")
            return Raw(f"[{escape(text)}]({href})")

        def name(ind: Indicator) -> str:
            return self.cat.display_name(ind, lang)

        def amount(ind: Indicator, obs) -> str:
            """The value as a reader says it: "87,52 %", "Mức độ 2", "36,4 giường/10.000 dân" (tracker/wording.py)."""
            return wording.amount(self.model, ind, obs, lang)

        def figure(ind: Indicator, obs) -> str:
            """A figure with its period and, where they apply, its status and break (tracker/wording.py)."""
            return wording.figure(self.model, ind, obs, lang)

        def latest(ind: Indicator) -> str:
            main, elsewhere = self.model.headline(ind)
            parts = [figure(ind, main)] if main else [fmt.t("no_data", lang)]
            if elsewhere:
                parts.append(figure(ind, elsewhere))
            whole = self.model.family_observations_of(ind)
            if whole:  # shown beside the row, never as its value
                parts.append(f"{fmt.t('family_figure', lang)}: {figure(ind, whole[-1])}")
            return " — ".join(parts)

        def context_amount(ind: Indicator, item) -> str:
            """A context figure's number in its own unit (the row's, unless it names another)."""
            if item.value is None:
                return ""
            unit = ind.unit if item.unit_vi is None else None
            text = fmt.value_text(item.value, unit or "", lang, item.qualifier)
            if unit is None:
                own = item.unit_vi if vi else item.unit_en
                text = f"{text}{own}" if own.startswith("/") else f"{text} {own}"
            elif unit != "%":
                text = f"{text} {self.cat.unit_text(ind, lang)}"
            return text

        def target(ind: Indicator) -> str:
            return fmt.target_text(ind.parsed_target, ind.unit, lang, ind.target_en)

        def unit(ind: Indicator) -> str:
            return self.cat.unit_text(ind, lang)

        def department(dept_id: str) -> Raw:
            dept = self.cat.department(dept_id)
            return link(dept.name_vi if lang == "vi" else dept.name_en, f"departments/{dept_id}.md")

        def source(source_id: str) -> Raw:
            """Publisher, title, reference, date (tracker/wording.py), then a link named by the address's host."""
            text = escape(wording.source(self.model, source_id, lang, with_url=False))
            url = self.model.sources[source_id].url
            if url:
                text += f" — [{escape(urlparse(url).netloc)}]({_href(url)})"
            return Raw(text)

        def original(text: object) -> Raw:
            """A quote as its source wrote it; on an English page a Vietnamese one is marked lang="vi"."""
            if lang != "vi" and looks_vietnamese(str(text)):
                return Raw(f'<span lang="vi">{q(text)}</span>')
            return q(text)

        def now(dept_id: str) -> str:
            """Who answers for the department since the 2025 reorganisation, where a source says so."""
            since = self.cat.department(dept_id).since_2025
            name = since and (since.successor_vi if vi else since.successor_en)
            if not name:
                return ""
            return f"{name} ({fmt.t('announced', lang)} {fmt.date_text(since.announced, lang)})" if since.announced else name

        def report_url(ind: Indicator | None = None) -> Raw | None:
            if self.repository is None:
                return None
            figure = latest(ind) if ind is not None and self.model.observations_of(ind) else None
            return Raw(_href(issue_form_url(self.repository, ind.id if ind else None, figure)))

        contact = (Raw(f"[{escape(self.contact)}](mailto:{self.contact})") if _EMAIL.fullmatch(self.contact)
                   else self.contact)
        return {"original": original, "looks_vietnamese": looks_vietnamese, "now": now, "report_url_of": report_url, "contact": contact, "q": q, "figure": figure, "amount": amount, "lang": lang, "vi": lang == "vi", "t": lambda key: fmt.t(key, lang), "link": link,
                "name": name, "latest": latest, "target": target, "unit": unit, "department": department,
                "source": source, "context_amount": context_amount, "fmt": fmt, "cat": self.cat, "model": self.model,
                "Raw": Raw, "progress": ProgressView(self.model, self.assessments, lang, link),
                "chart": lambda ind: Raw(self.charts.figure(ind, lang, page)),
                "facts": lambda ind, obs, anchor: Raw(self.facts.place(ind, obs, anchor, lang)),
                "small_multiples": lambda rows: Raw(self.charts.small_multiples(rows, lang, page))}

    def splice(self, page_html: str) -> str:
        """A converted page with what was kept out of its Markdown put in: the charts' SVG and the figures' facts."""
        return self.facts.splice(self.charts.splice(page_html))

    def _render(self, template: str, lang: str, page: str, **values) -> str:
        context = self._context(lang, page) | values
        return self.jinja.get_template(template).render(**context)

    # --- the macros --------------------------------------------------------------------------
    def indicator_page(self, lang: str, page: str, indicator_id: str) -> str:
        ind = self.cat.indicator(indicator_id)
        family = ([i for i in self.cat.indicators if i.family == ind.family and i.id != ind.id]
                  if ind.family else [])
        observations = self.model.observations_of(ind)
        whole = self.model.family_observations_of(ind)
        breaks = {o.series_break: self.model.breaks[o.series_break] for o in observations + whole if o.series_break}
        return self._render("indicator.md.j2", lang, page, ind=ind, group=self.cat.group(ind.group_id),
                            sections=self.cat.sections_of(ind), family=family, observations=observations,
                            breaks=breaks, whole=whole,
                            context=self.model.context_of(ind))

    def group_page(self, lang: str, page: str, group_id: int) -> str:
        group = self.cat.group(group_id)
        return self._render("group.md.j2", lang, page, group=group, rows=self.cat.in_group(group_id),
                            sections=[self.cat.section(k) for k in group.sections])

    def department_page(self, lang: str, page: str, department_id: str) -> str:
        return self._render("department.md.j2", lang, page, dept=self.cat.department(department_id),
                            rows=self.cat.of_department(department_id))

    def status_words(self, lang: str, page: str) -> str:
        """The status words the data accepts, as the guide lists them (never out of date)."""
        return escape(", ".join(f"«{word}»" if lang == "vi" else f"“{word}” ({code})"
                                for word, code in STATUS_WORDS.items()))

    def report_route(self, lang: str, page: str) -> str:
        """The report page's route: the issue form, or whom to write to."""
        context = self._context(lang, page)
        return self._render("_report.md.j2", lang, page, ind=None, report_url=context["report_url_of"]())

    def appendix(self, lang: str, page: str) -> str:
        return self._render("appendix.md.j2", lang, page)

    def departments_list(self, lang: str, page: str) -> str:
        return self._render("departments.md.j2", lang, page)

    def plan_corrections_table(self, lang: str, page: str) -> str:
        return self._render("corrections.md.j2", lang, page, corrections=self.model.corrections)

    def cite(self, lang: str, page: str, source_id: str) -> str:
        """A source named inline in a hand-written page: its publisher, linked to its address."""
        src = self.model.sources[source_id]
        publisher = escape(src.publisher if lang == "vi" else (src.publisher_en or src.publisher))
        return Raw(f"[{publisher}]({_href(src.url)})" if src.url else publisher)

    def sources_list(self, lang: str, page: str) -> str:
        return self._render("sources.md.j2", lang, page)

    def glossary(self, lang: str, page: str) -> str:
        """The glossary page's tables, alphabetical in the page's language."""
        g = self.model.glossary
        abbreviations = sorted(g.abbreviations, key=lambda a: sort_key_vi(a.abbr))
        terms = sorted(g.terms, key=lambda t: sort_key_vi(t.vi if lang == "vi" else t.en))
        return self._render("glossary.md.j2", lang, page, abbreviations=abbreviations, terms=terms)

    def dashboard(self, lang: str, page: str) -> str:
        return self._render("dashboard.md.j2", lang, page)

    def progress_example(self, lang: str, page: str, indicator_id: str) -> str:
        """The method page's worked example, computed from the real data at build time."""
        return self._render("progress_example.md.j2", lang, page, ind=self.cat.indicator(indicator_id))

    def progress_legend(self, lang: str, page: str) -> str:
        return self._render("progress_legend.md.j2", lang, page)

    def counts(self, lang: str, page: str) -> str:
        total = len(self.cat.indicators)
        with_data = sum(1 for i in self.cat.indicators if self.model.observations_of(i))
        return escape(f"{total} {fmt.t('indicators_count', lang)}, {with_data} {fmt.t('with_data', lang)}")
