"""The change log for readers: each change in words (which figure, from what to what, when) and an
Atom feed of them per language, made with feedgen (a maintained Atom writer) rather than by hand."""
from __future__ import annotations

from datetime import datetime, timezone

from feedgen.feed import FeedGenerator

from . import formatting as fmt
from .changelog import Change, Figure
from .citation import SITE_NAME, anchor
from .model import Model
from .periods import PeriodError, parse_period

FEED_SIZE = 200


def figure_text(model: Model, indicator: str, fig: Figure | None, lang: str) -> str:
    if fig is None:
        return "—"
    unit = model.catalogue.indicator(indicator).unit if indicator in _ids(model) else ""
    try:
        text = fmt.value_text(float(fig.value), unit, lang, fig.qualifier if fig.qualifier in
                              ("", ">", ">=", "<", "<=", "~") else "")
    except ValueError:
        text = fig.value
    if fig.status and fig.status != "official":
        try:
            text += f" ({fmt.t('status.' + fig.status, lang)})"
        except KeyError:
            text += f" ({fig.status})"
    return text


def _ids(model: Model) -> set[str]:
    return {i.id for i in model.catalogue.indicators}


def period_text(code: str, lang: str) -> str:
    try:
        return fmt.period_text(parse_period(code, datetime.now(timezone.utc).date()), lang)
    except PeriodError:
        return code


def name(model: Model, indicator: str, lang: str) -> str:
    if indicator not in _ids(model):
        return indicator
    return f"{indicator}. {model.catalogue.display_name(model.catalogue.indicator(indicator), lang)}"


def title(model: Model, change: Change, lang: str) -> str:
    """"4.4. Tỉ lệ …, 9 tháng đầu năm 2025: 87 % → 88 %"."""
    return (f"{name(model, change.id, lang)}, {period_text(change.period, lang)}: "
            f"{figure_text(model, change.id, change.before, lang)} → {figure_text(model, change.id, change.after, lang)}")


def page_path(model: Model, change: Change, lang: str) -> str:
    """Where the figure is shown, relative to the site root: the target's page, at the figure while
    the site still shows it (a later change may have removed it)."""
    prefix = "" if lang == "vi" else "en/"
    if change.id not in _ids(model):
        return f"{prefix}about/changes/"
    slug = model.catalogue.indicator(change.id).slug
    shown = any(o.period.code == change.period for o in model.observations.get(change.id, []))
    return f"{prefix}indicators/{slug}/" + (f"#{anchor(change.period)}" if shown else "")


def atom(model: Model, lang: str, site_url: str) -> bytes:
    base = site_url.rstrip("/") + "/"
    home = base + ("" if lang == "vi" else "en/")
    feed = FeedGenerator()
    feed.id(home + "feed.xml")
    feed.title(f"{SITE_NAME[lang]}: " + ("thay đổi số liệu" if lang == "vi" else "changes to the figures"))
    feed.link(href=home + "about/changes/", rel="alternate")
    feed.link(href=home + "feed.xml", rel="self")
    feed.language(lang)
    feed.generator("plan219-tracker (feedgen)")
    newest = sorted(model.changes, key=lambda c: (c.when, c.id, c.period), reverse=True)[:FEED_SIZE]
    feed.updated(newest[0].when if newest else model.built_at)
    kinds = {"vi": {"added": "Thêm số liệu", "changed": "Sửa số liệu", "removed": "Bỏ số liệu"},
             "en": {"added": "Figure added", "changed": "Figure changed", "removed": "Figure removed"}}[lang]
    for change in reversed(newest):  # feedgen puts each new entry first
        entry = feed.add_entry()
        entry.id(f"urn:plan219:change:{change.commit or change.when.isoformat()}:{change.id}:{change.period}")
        entry.title(title(model, change, lang))
        entry.link(href=base + page_path(model, change, lang))
        entry.updated(change.when)
        entry.published(change.when)
        entry.summary(f"{kinds[change.kind]}: {title(model, change, lang)} ({fmt.date_text(change.when.date(), lang)}"
                      + (f", commit {change.commit}" if change.commit else "") + ").")
    return feed.atom_str(pretty=True)
