"""One chart per target row: the model's figures → a pandas frame → an Altair (Vega-Lite) spec.

Plain Python (no MkDocs): scripts/charts.py renders the specs to SVG/PNG at build time. Every number
is rounded and formatted once, here, through tracker.formatting, so the chart, the table and a
citation print the same digits; the spec only positions already-rounded values.
"""
from __future__ import annotations

import hashlib
import json
import textwrap
from dataclasses import dataclass
from datetime import date

from . import formatting as fmt
from . import progress
from .catalogue import Indicator
from .model import Model
from .observations import Observation


class _Altair:
    """Altair, imported at its first use: importing it costs ~0.6 s, and a build whose charts all come from the
    cache (scripts/charts.py) never builds a spec."""

    def __getattr__(self, name: str):
        import altair

        globals()["alt"] = altair
        return getattr(altair, name)


alt = _Altair()

FONT = "DejaVu Sans"       # covers Vietnamese; the same TTF measures the SVG, draws the PNG, and is served as woff2
                           # (regular weight only: one file for the reader to load)
WIDTH, HEIGHT = 300, 190   # drawn at phone width so the text stays legible at 360 px; larger screens scale it up
SMALL_WIDTH, SMALL_HEIGHT = 220, 110
END = date(2030, 12, 31)
BASELINE_YEAR = 2020       # the plan's baseline years; earlier figures widen the axis
VI_NUMBERS = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", "\u00a0₫"]}
EN_NUMBERS = {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]}
COLOURS = ["#0b5f7f", "#b5501b", "#4d7a1f", "#6d3f93"]
CONTEXT_COLOURS = ["#6b6b6b", "#9b9b9b", "#3f3f3f", "#b0b0b0"]
TARGET_COLOUR = "#1b1b1b"
SHAPES = {"official": "circle", "preliminary": "diamond", "estimate": "square", "reported": "cross",
          "lower": "triangle-up", "upper": "triangle-down"}


@dataclass(frozen=True)
class Projection:
    """What the progress method projects: from the last figure of the comparable run to 2030."""
    start: date
    start_value: float
    value_2030: float
    end: date = progress.TARGET_DATE


@dataclass(frozen=True)
class Assessed:
    """The progress method's verdict, given to the chart (the chart computes no trend of its own)."""
    projection: Projection | None = None
    status_vi: str = ""
    status_en: str = ""


@dataclass(frozen=True)
class Series:
    """One labelled line: the row itself, a breakdown sibling, or a context figure."""
    label: str
    observations: list[Observation]
    indicator: Indicator | None = None   # a row of the catalogue (its own target is drawn)
    context: bool = False


def assessed(model: Model, ind: Indicator) -> Assessed:
    """The progress method's projection (its comparable run carried to 2030) and status, for the chart."""
    result = progress.assess(model, ind)
    projection = None
    if result.projected_2030 is not None and result.run:
        last = result.run[-1]
        projection = Projection(progress.midpoint(last.period), last.value, result.projected_2030)
    return Assessed(projection, status_vi=fmt.t("chart.status." + result.status, "vi"),
                    status_en=fmt.t("chart.status." + result.status, "en"))


def has_chart(model: Model, ind: Indicator) -> bool:
    """Numeric targets with figures get a chart; levels and qualitative targets get their own display."""
    return ind.parsed_target.is_numeric and bool(model.observations_of(ind))


def breakdown(model: Model, ind: Indicator) -> list[Indicator]:
    """The rows drawn together: a row and its family's siblings in the same unit (urban/rural…)."""
    if not ind.family:
        return [ind]
    return [i for i in model.catalogue.indicators if i.family == ind.family and i.unit == ind.unit]


def _kind(o: Observation) -> str:
    if o.qualifier in (">", ">="):
        return "lower"
    if o.qualifier in ("<", "<="):
        return "upper"
    return o.status


def _label(key: str, lang: str) -> str:
    return fmt.t("chart." + key, lang)


def kind_label(kind: str, lang: str) -> str:
    return _label("kind." + kind, lang)


def _context_series(model: Model, ind: Indicator, lang: str) -> list[Series]:
    """Figures for the whole of a split indicator, and context figures in the row's unit (a national
    comparison…), as distinct labelled series: never part of the row's line or its status."""
    out = []
    whole = model.family_observations_of(ind)
    if whole:
        fam = model.catalogue.families[ind.family]
        out.append(Series(f"{fam.heading_vi if lang == 'vi' else fam.heading_en} ({_label('whole', lang)})"
                          if len(breakdown(model, ind)) == 1 else _label("whole", lang).capitalize(),
                          list(whole), context=True))
    by_kind: dict[str, list] = {}
    for figure in model.context_of(ind):
        if figure.period is not None and figure.value is not None and figure.unit_vi is None:
            by_kind.setdefault(figure.kind, []).append(figure)
    for kind, figures in by_kind.items():
        out.append(Series(fmt.t("context." + kind, lang), sorted(figures, key=lambda f: f.period), context=True))
    return out


def series_of(model: Model, ind: Indicator, lang: str) -> list[Series]:
    rows = breakdown(model, ind)
    own = [Series(_label("own", lang) if len(rows) == 1 else (i.name_vi if lang == "vi" else i.name_en),
                  model.observations_of(i), indicator=i) for i in rows]
    return [s for s in own if s.observations] + _context_series(model, ind, lang)


def frame(model: Model, ind: Indicator, lang: str) -> list[dict]:
    """One record per figure (the chart's data, in this key order): where it goes, its segment (figures
    on one basis: a line never crosses a break) and its words. Plain records, not a DataFrame: Altair
    spent more time converting small frames than drawing anything from them."""
    rows = []
    for series in series_of(model, ind, lang):
        unit_ind = series.indicator or ind
        for o in series.observations:
            brk = getattr(o, "series_break", "") or ""   # context figures have no break
            kind = _kind(o) if not series.context else "context"
            rows.append({
                "date": progress.midpoint(o.period).isoformat(),   # where the progress method places it
                "start": o.period.start.isoformat(),
                "end": o.period.end.isoformat(),
                "value": float(fmt.rounded(o.value)),
                "text": fmt.value_text(o.value, unit_ind.unit, lang, o.qualifier),
                "period": fmt.period_text(o.period, lang),
                "series": series.label,
                "segment": f"{series.label}#{brk}",
                "break": brk,
                "kind": kind_label(kind, lang) if kind != "context" else series.label,
                "context": series.context,
                "bound": bool(o.qualifier),
            })
    target = ind.parsed_target.value if ind.parsed_target.is_numeric else None
    for row, side in zip(rows, _labelled(rows, target)):
        row["label"] = side
    return rows


def _labelled(data: list[dict], target: float | None) -> list[str]:
    """Where a figure's words go: "above", "below" or "" (none). The ends of each segment and every bound
    are labelled (the table beside the chart lists all), on the side away from the target line; two
    labels less than a year apart take opposite sides. Context figures are named in the legend only
    (their values are listed on the page), so that they never hide the row's own."""
    ends: dict[str, list[str]] = {}
    for row in data:
        ends.setdefault(row["segment"], []).append(row["date"])
    out = []
    previous: dict[str, tuple[date, str]] = {}
    for row in data:
        same = ends[row["segment"]]
        if row["context"] or not (row["date"] in (min(same), max(same)) or row["bound"]):
            out.append("")
            continue
        when = date.fromisoformat(row["date"])
        side = "below" if target is not None and row["value"] < target else "above"
        last = previous.get(row["series"])
        if last and (when - last[0]).days < 400 and last[1] == side:
            side = "below" if side == "above" else "above"
        previous[row["series"]] = (when, side)
        out.append(side)
    return out


def breaks_of(model: Model, data: list[dict], lang: str) -> list[dict]:
    """Where a series changes basis: a labelled rule between the figures on either side (at the break's
    own date when it falls between them), the arrow pointing to the break's side. When the two sides
    overlap in time, the rule marks the first figure on the other basis."""
    rules: dict[tuple[str, str], dict] = {}   # one rule per date and label
    groups: dict[str, list[dict]] = {}
    for row in data:
        if not row["context"]:
            groups.setdefault(row["series"], []).append(row)
    for group in groups.values():
        for key in [k for k in dict.fromkeys(r["break"] for r in group) if k]:
            brk = model.breaks[key]
            label = brk.short_vi if lang == "vi" else brk.short_en
            mine = [r for r in group if r["break"] == key]
            others = [r for r in group if r["break"] != key]
            if not others:
                continue
            first_of = lambda rows, field: min(r[field] for r in rows)  # noqa: E731
            last_of = lambda rows, field: max(r[field] for r in rows)  # noqa: E731
            if last_of(mine, "date") < first_of(others, "date"):
                left, start, end = True, last_of(mine, "end"), first_of(others, "start")
            elif last_of(others, "date") < first_of(mine, "date"):
                left, start, end = False, last_of(others, "end"), first_of(mine, "start")
            else:
                rule = {"date": first_of(mine, "date"), "label": label, "left": False}
                rules.setdefault((rule["date"], rule["label"]), rule)
                continue
            when = getattr(brk, "date", None)
            if when is None or not start <= when.isoformat() <= end:
                first, last = date.fromisoformat(start), date.fromisoformat(end)
                when = first + (max(last, first) - first) / 2
            rule = {"date": when.isoformat(), "label": "◂ " + label if left else label + " ▸", "left": left}
            rules.setdefault((rule["date"], rule["label"]), rule)
    return list(rules.values())


def _targets(model: Model, ind: Indicator, lang: str) -> list[dict]:
    """Each drawn row's own 2030 target, labelled with its comparator ("< 2" and "≤ 2" differ)."""
    rows, drawn = [], breakdown(model, ind)
    for i in drawn:
        tgt = i.parsed_target
        if not tgt.is_numeric or tgt.value is None:
            continue
        series = _label("own", lang) if len(drawn) == 1 else (i.name_vi if lang == "vi" else i.name_en)
        label = _label("target", lang) + ("" if len(drawn) == 1 else f" ({series})")
        rows.append({"value": float(fmt.rounded(tgt.value)), "label": f"{label}: {fmt.target_text(tgt, i.unit, lang)}",
                     "operator": tgt.operator, "series": series})
    return rows


class _Datasets(dict):
    """The spec's data, by name: each layer names its records, and the layered chart (put together in
    _layer_dict's way, not by Altair) carries each set of records once, named as Altair names them (a
    hash of the records), so the spec is the one Altair writes."""

    def named(self, records: list[dict]) -> alt.NamedData:
        text = json.dumps(records, sort_keys=True, default=str)
        name = "data-" + hashlib.sha256(text.encode()).hexdigest()[:32]
        self[name] = records
        return alt.NamedData(name=name)

    def used_by(self, spec: dict) -> dict:
        """The datasets in the order of the layers that use them (where Altair puts them)."""
        return {name: self[name] for name in dict.fromkeys(layer["data"]["name"] for layer in spec["layer"])}


def _domain(ind: Indicator, values: list[float]) -> list[float]:
    lo, hi = min(values), max(values)
    pad = max((hi - lo) * 0.15, abs(hi) * 0.05, 0.5)
    lo, hi = lo - pad, hi + 2 * pad   # headroom for the labels of the target and the breaks
    if lo < 0 <= min(values):
        lo = 0.0
    if ind.is_percent:
        lo, hi = max(lo, 0.0), min(hi, 100.0)
    return [float(fmt.rounded(lo)), float(fmt.rounded(hi))]


def spec(model: Model, ind: Indicator, lang: str, assessed: Assessed | None = None, small: bool = False) -> dict:
    """The Vega-Lite spec (a dict) of one row's chart in one language."""
    # Altair's debug mode validates every object as it is made (~half the cost of a spec); the tests validate the result
    with alt.utils.schemapi.debug_mode(False):
        return _spec(model, ind, lang, assessed, small)


def _spec(model: Model, ind: Indicator, lang: str, assessed: Assessed | None, small: bool) -> dict:
    assessed = assessed or Assessed()
    data = frame(model, ind, lang)
    targets = _targets(model, ind, lang)
    rules = breaks_of(model, data, lang)
    first = min(date.fromisoformat(min(r["date"] for r in data)).year, BASELINE_YEAR)
    x_domain = [date(first, 1, 1).isoformat(), END.isoformat()]
    proj = assessed.projection
    values = [r["value"] for r in data] + [t["value"] for t in targets] + ([proj.value_2030] if proj else [])
    y_domain = _domain(ind, values)
    labels = list(dict.fromkeys(r["series"] for r in data if not r["context"]))
    context_labels = list(dict.fromkeys(r["series"] for r in data if r["context"]))
    colour_scale = alt.Scale(domain=labels + context_labels,
                             range=COLOURS[:len(labels)] + (CONTEXT_COLOURS * 2)[:len(context_labels)])
    colour = alt.Color("series:N", title=None, scale=colour_scale,
                       legend=None if small or len(labels) + len(context_labels) < 2 else alt.Legend(
                           orient="bottom", direction="vertical", labelLimit=WIDTH))
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=x_domain, type="utc"),
              axis=alt.Axis(format="%Y", formatType="utc", tickCount={"interval": "year", "step": 5 if small else 2},
                            labelAngle=0, grid=False))
    y = alt.Y("value:Q", title=None if small else model.catalogue.unit_text(ind, lang),
              scale=alt.Scale(domain=y_domain, zero=False, nice=False),
              axis=alt.Axis(format=",.2~f", tickCount=3 if small else 5))
    kinds = [k for k in SHAPES if kind_label(k, lang) in {r["kind"] for r in data}]
    shape = alt.Shape("kind:N", title=None if small else _label("legend", lang),
                      scale=alt.Scale(domain=[kind_label(k, lang) for k in kinds], range=[SHAPES[k] for k in kinds]),
                      legend=None if small else alt.Legend(orient="bottom", direction="vertical", labelLimit=WIDTH))
    datasets = _Datasets()
    base = alt.Chart(datasets.named(data))
    layers = []

    def add(name: str, layer: alt.Chart) -> None:
        """Named layers: the SVG's groups say what they draw (class "role-mark target_marks")."""
        layers.append(layer.properties(name=name))
    if not small and len(targets) == 1:  # shade the side that meets the (single) target
        t = targets[0]
        meets_low = t["operator"] in ("<", "<=")
        band = datasets.named([{"y": t["value"], "y2": y_domain[0] if meets_low else y_domain[1],
                              "x": x_domain[0], "x2": x_domain[1], "label": _label("meets", lang)}])
        add("meets", alt.Chart(band).mark_rect(color="#2e7d32", opacity=0.09).encode(
            x=alt.X("x:T"), x2=alt.X2("x2"), y=alt.Y("y:Q"), y2=alt.Y2("y2")))
        add("meets_label", alt.Chart(band).mark_text(align="left", baseline="top" if meets_low else "bottom", dx=3,
                                                dy=3 if meets_low else -3, fontSize=10, color="#2e7d32").encode(
            x=alt.X("x:T"), y=alt.Y("y:Q"), text=alt.Text("label:N")))
    if targets:
        target_colour = alt.ColorValue(TARGET_COLOUR) if len(targets) == 1 else colour
        tgt = alt.Chart(datasets.named(targets))
        add("target", tgt.mark_rule(strokeWidth=1.5).encode(y=alt.Y("value:Q"), color=target_colour))
        if not small:
            add("target_label", tgt.mark_text(align="right", baseline="bottom", dy=-2, fontSize=10).encode(
                y=alt.Y("value:Q"), x=alt.XDatum(alt.DateTime(year=2030, month=12, date=31, utc=True)), text=alt.Text("label:N"),
                color=target_colour))
    if rules:
        if not small:  # where each break's words fit: right of the rule, or left of it when that side is too narrow
            span = date.fromisoformat(x_domain[1]) - date.fromisoformat(x_domain[0])
            room = [(date.fromisoformat(r["date"]) - date.fromisoformat(x_domain[0])) / span for r in rules]
            for rule, r in zip(rules, room):
                rule["align"] = "right" if rule["left"] and r > 0.4 else "left"
                if rule["align"] == "right":
                    rule["label"] = rule["label"].removeprefix("◂ ")
        add("break", alt.Chart(datasets.named(rules)).mark_rule(strokeDash=[2, 2], color="#555").encode(x=alt.X("date:T")))
        if not small:
            for align in ("left", "right"):
                add(f"break_label_{align}", alt.Chart(datasets.named([r for r in rules if r["align"] == align])).mark_text(
                    align=align, baseline="top", dx=3 if align == "left" else -3, y=2, fontSize=10, color="#333",
                    limit=WIDTH * min(room) - 6 if align == "right" else WIDTH).encode(
                    x=alt.X("date:T"), text=alt.Text("label:N")))
    add("figures_line", base.transform_filter("!datum.context").mark_line(strokeWidth=2).encode(
        x=x, y=y, color=colour, detail=alt.Detail("segment:N")))
    if any(r["context"] for r in data):  # not the row's own figures: a thin dotted line
        add("context_line", base.transform_filter("datum.context").mark_line(strokeWidth=1, strokeDash=[1, 2]).encode(
            x=x, y=y, color=colour, detail=alt.Detail("segment:N")))
    if proj:
        words = f"{_label('projection', lang)}: {fmt.value_text(proj.value_2030, ind.unit, lang)}"
        line = datasets.named([{"date": proj.start.isoformat(), "value": float(fmt.rounded(proj.start_value)), "what": words},
                             {"date": proj.end.isoformat(), "value": float(fmt.rounded(proj.value_2030)), "what": words}])
        add("projection", alt.Chart(line).mark_line(strokeWidth=1.5, color=COLOURS[0]).encode(
            x=alt.X("date:T"), y=alt.Y("value:Q"),
            strokeDash=alt.StrokeDash("what:N", title=None, scale=alt.Scale(domain=[words], range=[[5, 4]]),
                                      legend=None if small else alt.Legend(orient="bottom", symbolType="stroke",
                                                                           symbolSize=300, symbolStrokeWidth=2,
                                                                           labelLimit=WIDTH))))
    add("figures", base.mark_point(filled=True, size=40 if small else 70, opacity=1).encode(
        x=x, y=y, color=colour, shape=shape))
    if not small:
        for above in (True, False):  # alternate sides, so that two close figures do not print over each other
            add("above" if above else "below", base.transform_filter(alt.datum.label == ("above" if above else "below")).mark_text(
                align="center", baseline="bottom" if above else "top", dy=-7 if above else 7, fontSize=10).encode(
                x=x, y=y, text=alt.Text("text:N"), color=colour))
    # the layered chart, in the order Altair writes it (the config is set below)
    out = {"config": {}, "layer": [_layer_dict(layer) for layer in layers], "height": SMALL_HEIGHT if small else HEIGHT}
    if not small:
        out["title"] = alt.Title(textwrap.wrap(title(model, ind, lang), 42), fontSize=13, anchor="start",
                                 subtitle=_label("subtitle", lang)).to_dict(validate=False)
    out.update({"width": SMALL_WIDTH if small else WIDTH, "$schema": alt.SCHEMA_URL})
    out["datasets"] = datasets.used_by(out)
    # one weight only: the page then loads one small font file (the title is set larger instead of bold)
    out["config"] = {"font": FONT, "aria": False, "view": {"stroke": None},
                     "title": {"fontWeight": "normal", "subtitleColor": "#444"},
                     "axis": {"labelFontSize": 10 if small else 11, "titleFontSize": 11, "titleFontWeight": "normal"},
                     "legend": {"labelFontSize": 11, "titleFontSize": 11, "titleFontWeight": "normal", "symbolSize": 60, "offset": 14,
                                "layout": {"expr": "{bottom: {anchor: 'start', direction: 'vertical'}}"}}}
    out["usermeta"] = {"row": ind.id, "lang": lang}
    return out


def _layer_dict(layer: alt.Chart) -> dict:
    """One layer as Altair writes it inside a layered chart. The layered chart itself is put together by
    hand: Altair's LayerChart deep-copies every layer twice as it is made (~60 % of a spec's cost)."""
    out = layer.to_dict(validate=False)  # the schema check costs more than the spec; the tests validate instead
    del out["$schema"], out["config"]   # the theme's default config: the layered chart sets its own
    return out


def title(model: Model, ind: Indicator, lang: str) -> str:
    """The row's name; a breakdown drawn whole is named by its family's heading."""
    if len(breakdown(model, ind)) > 1:
        family = model.catalogue.families[ind.family]
        return family.heading_vi if lang == "vi" else family.heading_en
    return model.catalogue.display_name(ind, lang)


def number_locale(lang: str) -> dict:
    return VI_NUMBERS if lang == "vi" else EN_NUMBERS


def alt_text(model: Model, ind: Indicator, lang: str, assessed: Assessed | None = None) -> str:
    """One sentence a screen reader says for the chart: latest value and period, target, status."""
    assessed = assessed or Assessed()
    main, elsewhere = model.headline(ind)
    latest = main or elsewhere
    target = fmt.target_text(ind.parsed_target, ind.unit, lang, ind.target_en)
    parts = [model.catalogue.display_name(ind, lang)]
    if latest is not None:
        period = fmt.period_text(latest.period, lang)
        value = fmt.value_text(latest.value, ind.unit, lang, latest.qualifier)
        parts.append(f"{_label('alt.latest', lang)} {value} " + (f"({period})" if "(" not in period else f"— {period}"))
    parts.append(f"{_label('alt.target', lang)} {target}")
    status = assessed.status_vi if lang == "vi" else assessed.status_en
    if status:
        parts.append(f"{_label('alt.status', lang)}: {status}")
    return "; ".join(parts) + "."
