"""How a progress status is drawn: a text label with an icon (never colour alone), the working, the
filters and the dashboard's figures. Decides nothing: statuses come from tracker/progress.py."""
from __future__ import annotations

import html

from tracker import formatting as fmt
from tracker.catalogue import Indicator
from tracker.model import Model
from tracker.observations import Observation
from tracker.progress import STATUSES, TARGET_DATE, Assessment, Words, midpoint, years

# Text symbols, not emoji: they print in black and white and read the same in every font.
ICONS = {"met": "✔", "on_track": "➜", "needs_acceleration": "⚠\ufe0e", "off_track": "✖", "trend_unknown": "◔",
         "undetermined": "?", "not_comparable": "≠", "no_data": "–", "not_assessed": "◇"}
WITH_FIGURES = "with-figures"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


class ProgressView:
    def __init__(self, model: Model, assessments: dict[str, Assessment], lang: str, link):
        self.model, self.assessments, self.lang, self.link = model, assessments, lang, link
        self.statuses = STATUSES
        self.icons = ICONS

    def of(self, ind: Indicator) -> Assessment:
        return self.assessments[ind.id]

    @staticmethod
    def anchor(status: str) -> str:
        """"needs_acceleration" → "needs-acceleration": an underscore would be escaped inside a Markdown link."""
        return status.replace("_", "-")

    def label(self, status: str) -> str:
        return fmt.t("progress." + status, self.lang)

    def help(self, status: str) -> str:
        return fmt.t("progress.help." + status, self.lang)

    def has_figures(self, ind: Indicator) -> bool:
        return bool(self.model.observations_of(ind))

    def badge(self, subject: Indicator | str, count: int | None = None) -> str:
        """The status as an icon and its words; a row's badge also marks whether it has figures (for filters)."""
        from .render import Raw
        status = subject if isinstance(subject, str) else self.of(subject).status
        marks = f" {WITH_FIGURES}" if not isinstance(subject, str) and self.has_figures(subject) else ""
        number = f" <strong>{count}</strong>" if count is not None else ""
        return Raw(f'<span class="progress progress--{status}{marks}" title="{_e(self.help(status))}">'
                   f'<span class="progress__icon" aria-hidden="true">{ICONS[status]}</span> '
                   f'{_e(self.label(status))}{number}</span>')

    def counts(self, rows: list[Indicator]) -> dict[str, int]:
        return {s: sum(1 for i in rows if self.of(i).status == s) for s in STATUSES}

    def with_figures(self, rows: list[Indicator]) -> list[Indicator]:
        return [i for i in rows if self.has_figures(i)]

    def marks(self, rows: list[Indicator]) -> str:
        """Classes naming the views a block of rows has members in ("has-with-figures has-met"), so that a
        filter can hide a whole group without nesting :has() (which CSS does not allow)."""
        views = ([WITH_FIGURES] if self.with_figures(rows) else []) + [
            self.anchor(s) for s, n in self.counts(rows).items() if n]
        return " ".join(f"has-{v}" for v in views)

    def filters(self, rows: list[Indicator]) -> str:
        """Plain links that narrow the tables below (CSS :target, no JavaScript; the full list stays as it is
        where :has() is unsupported). One anchor per view, placed before the tables it narrows."""
        from .render import Raw
        counts = self.counts(rows)
        views = [("all", fmt.t("all_targets", self.lang), len(rows), None),
                 (WITH_FIGURES, fmt.t("with_figures", self.lang), len(self.with_figures(rows)), None)]
        views += [(f"status-{self.anchor(s)}", self.label(s), n, s) for s, n in counts.items() if n]
        anchors = "\n".join(f'<div class="filter-anchor" id="{key}"></div>' for key, _, _, _ in views)
        links = " ".join(f'<a href="#{key}">{(ICONS[s] + " ") if s else ""}{_e(text)} ({n})</a>'
                         for key, text, n, s in views)
        title = "Lọc danh sách" if self.lang == "vi" else "Narrow the list"
        return Raw(f'{anchors}\n<nav class="progress-filter" aria-label="{title}"><span>{title}:</span> {links}</nav>\n')

    def newest(self) -> tuple[Observation, list[Indicator]] | tuple[None, list]:
        """The newest figure on the site (by the end of its period) and the rows that have one that new."""
        found = [(o, i) for i in self.model.catalogue.indicators for o in self.model.observations_of(i)]
        if not found:
            return None, []
        end = max(o.period.end for o, _ in found)
        newest = [(o, i) for o, i in found if o.period.end == end]
        return newest[0][0], [i for _, i in newest]

    def break_label(self, obs: Observation) -> str:
        if not obs.series_break:
            return ""
        brk = self.model.breaks[obs.series_break]
        return brk.short_vi if self.lang == "vi" else brk.short_en

    def words(self, ind: Indicator) -> Words:
        return Words(self.model, ind)

    def year_number(self, value: float) -> str:
        """A decimal year, never grouped ("2022,25", not "2.022,25")."""
        text = f"{fmt.rounded(value, 2):.2f}"
        return text.replace(".", ",") if self.lang == "vi" else text

    def position(self, obs: Observation) -> str:
        """Where a figure sits on the time axis: its period's midpoint, as a date and as a decimal year."""
        day = midpoint(obs.period)
        return f"{fmt.date_text(day, self.lang)} ≈ {self.year_number(years(day))}"

    def decimal(self, value: float, digits: int = 2) -> str:
        return fmt.number(value, self.lang, digits).replace("-", "−")  # a true minus sign, as in the working

    def span(self, first: Observation, last: Observation) -> float:
        return years(midpoint(last.period)) - years(midpoint(first.period))

    def left(self, last: Observation) -> float:
        return years(TARGET_DATE) - years(midpoint(last.period))

    def target_position(self) -> str:
        return f"{fmt.date_text(TARGET_DATE, self.lang)} ≈ {self.year_number(years(TARGET_DATE))}"
