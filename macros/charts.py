"""Puts the charts rendered by scripts/charts.py into pages: inline SVG (visible without JavaScript),
its text alternative, and links to the downloads. Level and qualitative targets get an HTML display.
Decides nothing: the figures and words come from tracker/."""
from __future__ import annotations

import html
import re
from pathlib import Path

from tracker import charts
from tracker import formatting as fmt
from tracker.catalogue import Indicator
from tracker.formatting import LANGUAGES
from tracker.model import Model


def site_root(page: str, lang: str) -> str:
    """The relative way from a page (its source path) to the site's root, with directory URLs."""
    stem = page.rsplit(".", 2)[0] if page.endswith(tuple(f".{lg}.md" for lg in LANGUAGES)) else page[:-3]
    parts = [p for p in stem.split("/") if p]
    if parts and parts[-1] == "index":
        parts.pop()
    depth = len(parts) + (0 if lang == LANGUAGES[0] else 1)
    return "../" * depth


# A chart's place in a page's Markdown, filled with its SVG after the conversion (ChartBlocks.splice). Data text is
# escaped wherever it is written, so it cannot write one; a name has no "/" and no "..": it stays in the charts folder.
_NAME = r"[\w-]+(?:\.[\w-]+)*\.svg"
_PLACE = re.compile(f"<!--plan219-svg ({_NAME})-->")


class ChartBlocks:
    def __init__(self, model: Model, charts_dir: Path):
        self.model = model
        self.dir = charts_dir

    def _svg(self, name: str) -> str | None:
        """A placeholder for the chart, not its SVG: Markdown would parse every element of it as raw HTML, which was
        a fifth of a build (more on group pages, with a small chart per row) for text it then leaves as it was."""
        if not re.fullmatch(_NAME, name) or not (self.dir / name).is_file():
            return None
        return f"<!--plan219-svg {name}-->"

    def splice(self, text: str) -> str:
        """The page with each chart's SVG in its place (macros/hooks.py, after the Markdown is converted)."""
        def svg(match: re.Match) -> str:
            path = self.dir / match.group(1)
            return path.read_text(encoding="utf-8") if path.is_file() else ""
        return _PLACE.sub(svg, text)

    def figure(self, ind: Indicator, lang: str, page: str) -> str:
        """The row's chart, or its level ladder / checklist; nothing for a row without figures."""
        if not self.model.observations_of(ind):
            return ""
        if ind.parsed_target.operator == "level":
            return self._ladder(ind, lang)
        if ind.parsed_target.operator == "text":
            return self._checklist(ind, lang)
        name = f"{ind.slug}.{lang}"
        svg = self._svg(f"{name}.svg")
        if svg is None:
            return ""
        alt = charts.alt_text(self.model, ind, lang, charts.assessed(self.model, ind))
        root = site_root(page, lang)
        t = lambda key: html.escape(fmt.t(key, lang))  # noqa: E731
        links = " · ".join(f'<a href="{root}charts/{name}{ext}" download>{label}</a>'
                           for ext, label in ((".svg", "SVG"), (".png", t("chart.png")), (".vl.json", t("chart.spec"))))
        return (f'\n<figure class="chart" data-search-exclude>\n'
                f'<div class="chart__image" role="img" aria-label="{html.escape(alt)}">{svg}</div>\n'
                f'<figcaption>{html.escape(alt)} <span class="chart__downloads">{t("chart.download")}: {links}</span>'
                f'</figcaption>\n</figure>\n\n')

    def small_multiples(self, rows: list[Indicator], lang: str, page: str) -> str:
        """Group pages: each row's small chart, linking to the row's page."""
        root = site_root(page, lang)
        prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
        cells = []
        for ind in rows:
            svg = self._svg(f"{ind.slug}.{lang}.small.svg") if charts.has_chart(self.model, ind) else None
            if svg is None:
                continue
            alt = charts.alt_text(self.model, ind, lang, charts.assessed(self.model, ind))
            name = html.escape(f"{ind.id}. {self.model.catalogue.display_name(ind, lang)}")
            cells.append(f'<a class="chart-small" href="{root}{prefix}indicators/{ind.slug}/">'
                         f'<span class="chart-small__name">{name}</span>'
                         f'<span role="img" aria-label="{html.escape(alt)}">{svg}</span></a>')
        if not cells:
            return ""
        return f'\n<div class="chart-multiples" data-search-exclude>\n{"".join(cells)}\n</div>\n\n'

    def _ladder(self, ind: Indicator, lang: str) -> str:
        """A level target: the levels from 1 to the highest in play, the reached and the targeted marked."""
        target = ind.parsed_target.value or 0
        observations = self.model.observations_of(ind)
        latest = observations[-1]
        top = int(max([target, *[o.value for o in observations]]))
        steps = []
        for level in range(top, 0, -1):
            marks = []
            if level == int(target):
                marks.append(fmt.t("chart.target", lang))
            if level == int(latest.value):
                marks.append(f"{fmt.t('chart.alt.latest', lang)} ({fmt.period_text(latest.period, lang)})")
            cls = " reached" if level <= latest.value else ""
            words = f" — {'; '.join(marks)}" if marks else ""
            steps.append(f'<li class="level{cls}">{html.escape(fmt.t("level", lang))} {level}{html.escape(words)}</li>')
        return f'\n<ol class="level-ladder" reversed data-search-exclude>{"".join(steps)}</ol>\n\n'

    def _checklist(self, ind: Indicator, lang: str) -> str:
        """A qualitative target: the target, then each reported figure with its date."""
        target = fmt.target_text(ind.parsed_target, ind.unit, lang, ind.target_en)
        items = [f'<li class="checklist__target">{html.escape(fmt.t("chart.target", lang))}: {html.escape(target)}</li>']
        for o in reversed(self.model.observations_of(ind)):
            items.append(f"<li>{html.escape(fmt.period_text(o.period, lang))}: "
                         f"{html.escape(fmt.value_text(o.value, ind.unit, lang, o.qualifier))} "
                         f"({html.escape(fmt.t('chart.kind.' + o.status, lang))})</li>")
        return f'\n<ul class="checklist" data-search-exclude>{"".join(items)}</ul>\n\n'
