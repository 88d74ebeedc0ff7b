"""Figures and sources as plain sentences in each language, shared by the pages, the citation, the
share tags and the feed (so a figure reads the same everywhere). Plain text: callers escape it."""
from __future__ import annotations

from . import formatting as fmt
from .catalogue import Indicator
from .model import Model
from .observations import Observation


def amount(model: Model, ind: Indicator, obs: Observation, lang: str) -> str:
    """The value as a reader says it: "87,52 %", "Mức độ 2", "36,4 giường/10.000 dân"."""
    value = fmt.value_text(obs.value, ind.unit, lang, obs.qualifier)
    if ind.parsed_target.operator == "level":
        value = f"{fmt.t('level', lang)} {value}"
    elif ind.unit != "%":
        value = f"{value} {model.catalogue.unit_text(ind, lang)}"
    measure = ind.figures_are_vi if lang == "vi" else ind.figures_are_en
    return f"{value} {measure}" if measure else value


def figure(model: Model, ind: Indicator, obs: Observation, lang: str) -> str:
    """A figure with its period and, where they apply, its status and break."""
    details = [fmt.period_text(obs.period, lang)]
    if obs.status != "official":
        details.append(fmt.t("status." + obs.status, lang))
    if obs.series_break:
        brk = model.breaks[obs.series_break]
        details.append(brk.short_vi if lang == "vi" else brk.short_en)
    return f"{amount(model, ind, obs, lang)} ({'; '.join(details)})"


def quoted(text: str, lang: str) -> str:
    """Quotation marks of the language: «…» in Vietnamese, “…” in English."""
    return f"«{text}»" if lang == "vi" else f"“{text}”"


def target(ind: Indicator, lang: str) -> str:
    return fmt.target_text(ind.parsed_target, ind.unit, lang, ind.target_en)


def publisher(model: Model, source_id: str, lang: str) -> str:
    src = model.sources[source_id]
    return src.publisher if lang == "vi" else (src.publisher_en or src.publisher)


def source(model: Model, source_id: str, lang: str, with_url: bool = True) -> str:
    """Publisher, “title”, reference, date (or “undated”), address."""
    src = model.sources[source_id]
    parts = [publisher(model, source_id, lang)]
    title = src.title if lang == "vi" else (src.title_en or src.title)
    if title:
        parts.append(quoted(title, lang))
    reference = src.reference if lang == "vi" else (src.reference_en or src.reference)
    if reference:
        parts.append(reference)
    parts.append(fmt.date_text(src.date, lang) if src.date else fmt.t("undated", lang))
    if with_url and src.url:
        parts.append(src.url)
    return ", ".join(parts)
