"""Where each target stands: a status computed from its figures, with the working written out.

The method (docs/about/method.*.md says the same for readers):
- Only figures on the target's basis count: a figure marked with a series break (another poverty
  standard, the merged province) is on another basis and never compared with the target. Figures
  for a whole split indicator (model.family_observations) are never used for a breakdown row.
- Met: the latest comparable figure satisfies the target with the plan's own comparator ("< 3" is
  strict: 3.0 does not meet it). A figure given as a bound ("trên 72") meets the target only when
  every value it allows does, and misses it only when none does; otherwise the status is undetermined.
- Trend: the straight-line change per year between the first and the last comparable figure whose
  value and period are both exact, at least a year apart (CAGR, as Open SDG uses, fails at zero and
  at a change of sign, and a reader understands "points a year"). Each period is placed at its
  midpoint (a half-year at 1 April, a year at 2 July, a date at itself); the target at mid-2030.
- On track: the trend carried to 2030 meets the target; needs acceleration: it moves the right way
  but too slowly; off track: it stands still or moves away.
- Level and qualitative targets are never assessed by code: a department's recorded assessment
  (data/assessments.yaml), else "not assessed".
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from . import formatting as fmt
from .catalogue import Indicator
from .model import Model
from .observations import Observation
from .periods import Period

STATUSES = ("met", "on_track", "needs_acceleration", "off_track", "trend_unknown", "undetermined",
            "not_comparable", "no_data", "not_assessed")
TARGET_DATE = date(2030, 7, 2)  # midpoint of 2030, where a yearly 2030 figure is placed
MIN_SPAN_YEARS = 1.0           # two figures closer than a year say little about a trend
EXACT_QUALIFIERS = ("", "~")   # "about 64" is used as 64, and flagged
NEWER_VI = "Một số liệu mới hơn cùng cơ sở sẽ xác nhận hoặc thay đổi kết quả này."
NEWER_EN = "A newer figure on the same basis would confirm or change this."


@dataclass(frozen=True)
class Assessment:
    indicator_id: str
    status: str
    run: tuple[Observation, ...]
    projected_2030: float | None
    required_per_year: float | None
    achieved_per_year: float | None
    working_vi: str
    working_en: str
    basis: str = ""            # machine-readable basis for the published CSV, e.g. "2018..2022-H1"
    trend_from: Observation | None = None  # the two figures the trend runs between, where there is one
    trend_to: Observation | None = None

    def working(self, lang: str) -> str:
        return self.working_vi if lang == "vi" else self.working_en


# --- time axis ---------------------------------------------------------------------------------
def midpoint(period: Period) -> date:
    return date.fromordinal((period.start.toordinal() + period.end.toordinal()) // 2)


def years(day: date) -> float:
    """A day as a decimal year, so that spans between periods are in years."""
    start = date(day.year, 1, 1).toordinal()
    length = date(day.year + 1, 1, 1).toordinal() - start
    return day.year + (day.toordinal() - start) / length


# --- comparing with the target ------------------------------------------------------------------
def _interval(obs: Observation) -> tuple[float, bool, float, bool]:
    """The values a figure allows: (low, low_open, high, high_open); "trên 72" is (72, open, ∞)."""
    v, q = obs.value, obs.qualifier
    if q == ">":
        return v, True, math.inf, True
    if q == ">=":
        return v, False, math.inf, True
    if q == "<":
        return -math.inf, True, v, True
    if q == "<=":
        return -math.inf, True, v, False
    return v, False, v, False


def satisfies(value: float, operator: str, target: float) -> bool:
    return {"<": value < target, "<=": value <= target, ">": value > target, ">=": value >= target,
            "=": value == target}[operator]


def verdict(obs: Observation, operator: str, target: float) -> bool | None:
    """True when every value the figure allows meets the target, False when none does, else None."""
    low, low_open, high, high_open = _interval(obs)
    if operator == ">=":
        every, none = low >= target, high < target or (high == target and high_open)
    elif operator == ">":
        every, none = low > target or (low == target and low_open), high <= target
    elif operator == "<=":
        every, none = high <= target, low > target or (low == target and low_open)
    elif operator == "<":
        every, none = high < target or (high == target and high_open), low >= target
    else:  # "=": only an exact figure can meet it
        every = low == high == target
        none = not ((low < target or (low == target and not low_open))
                    and (target < high or (target == high and not high_open)))
    return True if every else (False if none else None)


def _clamp(value: float, indicator: Indicator) -> float:
    """A projection cannot pass the bounds of what it measures: 0–100 for a share, 0 for a count."""
    return min(max(value, 0.0), 100.0) if indicator.is_percent else max(value, 0.0)


# --- words --------------------------------------------------------------------------------------
class Words:
    """Plain sentences in both languages about one indicator's figures."""

    def __init__(self, model: Model, indicator: Indicator):
        self.model, self.ind = model, indicator

    def value(self, obs: Observation, lang: str) -> str:
        text = fmt.value_text(obs.value, self.ind.unit, lang, obs.qualifier)
        return text if self.ind.is_percent else f"{text} {self.model.catalogue.unit_text(self.ind, lang)}"

    def figure(self, obs: Observation, lang: str) -> str:
        period = fmt.period_text(obs.period, lang)
        if obs.period.kind == "reported":  # "period not stated (published …)": no brackets inside brackets
            period = period.replace(" (", ", ").removesuffix(")")
        flags = [period]
        if obs.status != "official":
            flags.append(fmt.t("status." + obs.status, lang))
        return f"{self.value(obs, lang)} ({', '.join(flags)})"

    def number(self, value: float, lang: str) -> str:
        text = fmt.number(value, lang, 1)
        return fmt.with_unit(text, self.ind.unit, lang) if self.ind.is_percent else \
            f"{text} {self.model.catalogue.unit_text(self.ind, lang)}"

    def rate(self, value: float, lang: str) -> str:
        sign = "+" if value > 0 else ("−" if value < 0 else "")
        body = fmt.number(abs(value), lang, 2)
        if self.ind.is_percent:
            return f"{sign}{body} điểm %/năm" if lang == "vi" else f"{sign}{body} points a year"
        unit = self.model.catalogue.unit_text(self.ind, lang)
        return f"{sign}{body} {unit}/năm" if lang == "vi" else f"{sign}{body} {unit} a year"

    def target(self, lang: str) -> str:
        text = fmt.target_meaning(self.ind.parsed_target, self.ind.unit, lang)
        return text if self.ind.is_percent else f"{text} {self.model.catalogue.unit_text(self.ind, lang)}"

    def caveats(self, run: tuple[Observation, ...], lang: str) -> list[str]:
        """What makes the figures weaker than exact, official, dated ones."""
        out = []
        vi = lang == "vi"
        latest = run[-1]
        if latest.status == "reported":
            out.append("Nguồn không nói số liệu mới nhất là chính thức hay không." if vi else
                       "The source does not say whether the latest figure is official.")
        elif latest.status in ("preliminary", "estimate"):
            word = fmt.t("status." + latest.status, lang)
            out.append(f"Số liệu mới nhất là số {word}; số chính thức có thể khác." if vi else
                       f"The latest figure is {'preliminary' if latest.status == 'preliminary' else 'an estimate'}; "
                       "the official figure may differ.")
        if latest.period.approximate:
            out.append("Nguồn không ghi rõ kỳ của số liệu." if vi else "The source does not state the figure's period exactly.")
        return out

    def others(self, basis: tuple[Observation, ...], lang: str) -> list[str]:
        """Figures left out of the comparison, and why."""
        vi = lang == "vi"
        out = []
        chosen = {id(o) for o in basis}   # basis is drawn from these very figures: identity, not a field-by-field ==
        left_out = [o for o in self.model.observations_of(self.ind) if id(o) not in chosen]
        for key in dict.fromkeys(o.series_break for o in left_out):
            brk = self.model.breaks[key]
            these = [o for o in left_out if o.series_break == key]
            figures = "; ".join(self.figure(o, lang) for o in these)
            short = brk.short_vi if vi else brk.short_en
            newer = bool(basis) and these[-1].period > basis[-1].period
            one = len(these) == 1
            short = short[:1].upper() + short[1:]
            if vi:
                out.append(f"{short}: {figures}: số liệu {'mới hơn ' if newer else ''}theo cơ sở khác, "
                           + ("bắt đầu một chuỗi mới, không được so với mục tiêu; tình trạng này dựa trên chuỗi cũ."
                              if newer else "không được so với mục tiêu."))
            else:
                what = ("a newer figure" if one else "newer figures") if newer else ("a figure" if one else "figures")
                out.append(f"{short}: {figures}: {what} on another basis, "
                           + ("starting a new run, not compared with the target; this status rests on the older run."
                              if newer else "not compared with the target."))
        if self.model.family_observations_of(self.ind):
            out.append("Số liệu chung cho cả nhóm dòng không được dùng để đánh giá riêng dòng này." if vi else
                       "Figures for the whole family of rows are not used to assess this row on its own.")
        return out


def _trend_hint(model: Model, points: list[Observation], lang: str) -> str:
    """What would allow a trend: a figure for a concrete year, a year apart from the one exact figure (the
    next year if it has ended, else the one before); two exact figures when there is none."""
    if not points:
        return ("Hai số liệu cùng cơ sở, có kỳ ghi rõ và cách nhau ít nhất một năm, sẽ cho phép tính xu hướng." if lang == "vi"
                else "Two figures on the same basis with their periods stated, at least a year apart, would allow a trend.")
    anchor = points[-1].period.year
    year = anchor + 1 if anchor + 1 < model.built_at.year else anchor - 1
    return (f"Thêm một số liệu cùng cơ sở cho một năm khác (ví dụ năm {year}) sẽ cho phép tính xu hướng." if lang == "vi"
            else f"One more figure on the same basis for another year (for example {year}) would allow a trend.")


# --- the assessment -------------------------------------------------------------------------------
def _make(ind: Indicator, status: str, run=(), vi: list[str] = (), en: list[str] = (), basis: str = "",
          projected=None, required=None, achieved=None, trend=(None, None)) -> Assessment:
    return Assessment(ind.id, status, tuple(run), projected, required, achieved,
                      " ".join(s for s in vi if s), " ".join(s for s in en if s), basis, *trend)


def _recorded(model: Model, ind: Indicator) -> Assessment:
    record = model.assessments.get(ind.id)
    kind_vi = "mức độ" if ind.parsed_target.operator == "level" else "định tính"
    kind_en = "a level" if ind.parsed_target.operator == "level" else "a qualitative"
    if record is None:
        return _make(ind, "not_assessed",
                     vi=[f"Mục tiêu này là mục tiêu {kind_vi}: trang không tự đánh giá bằng phép tính, "
                         "và chưa có đánh giá có nguồn của đơn vị phụ trách.",
                         "Một đánh giá đã công bố của đơn vị phụ trách sẽ cho chỉ tiêu một tình trạng."],
                     en=[f"This is {kind_en} target: the site does not assess it by calculation, and no sourced "
                         "assessment by the responsible department has been found yet.",
                         "A published assessment by the responsible department would give it a status."],
                     basis="not assessed by code")
    src = model.sources[record.source]
    return _make(ind, record.status,
                 vi=[f"Đánh giá của đơn vị phụ trách (tính đến {fmt.date_text(record.as_of, 'vi')}, nguồn: "
                     f"{src.publisher}): {record.working_vi}"],
                 en=[f"The responsible department's assessment (as of {fmt.date_text(record.as_of, 'en')}, source: "
                     f"{src.publisher_en or src.publisher}): {record.working_en}"],
                 basis=f"recorded:{record.source}")


_ASSESSED: dict[int, tuple[Model, dict[str, tuple[Indicator, Assessment]]]] = {}


def assess(model: Model, indicator: Indicator) -> Assessment:
    """The row's assessment; made once per model (the model is frozen, an Assessment too), because pages, charts,
    citations and downloads each ask for it."""
    cached = _ASSESSED.get(id(model))
    if cached is None or cached[0] is not model:
        _ASSESSED.clear()
        cached = _ASSESSED[id(model)] = (model, {})
    found = cached[1].get(indicator.id)
    if found is None or found[0] is not indicator:   # the very row asked about, not one with the same id
        found = cached[1][indicator.id] = (indicator, _assess(model, indicator))
    return found[1]


def _assess(model: Model, indicator: Indicator) -> Assessment:
    ind, target = indicator, indicator.parsed_target
    if not target.is_numeric:
        return _recorded(model, ind)
    words = Words(model, ind)
    found = model.observations_of(ind)
    if not found:
        return _make(ind, "no_data", vi=["Chưa có số liệu có nguồn cho chỉ tiêu này."] + words.others((), "vi")
                     + ["Một số liệu có nguồn sẽ cho chỉ tiêu một tình trạng."],
                     en=["No sourced figure for this target yet."] + words.others((), "en")
                     + ["One sourced figure would give it a status."])
    run = tuple(o for o in found if not o.series_break)
    if not run:
        return _make(ind, "not_comparable",
                     vi=["Mọi số liệu đều theo cơ sở khác với mục tiêu, nên chưa so sánh được."] + words.others(run, "vi")
                     + ["Một số liệu cùng cơ sở với mục tiêu sẽ cho phép so sánh."],
                     en=["Every figure is on another basis than the target's, so none can be compared."]
                     + words.others(run, "en") + ["One figure on the target's basis would allow a comparison."])
    latest = run[-1]
    basis = f"{run[0].period.code}..{latest.period.code}" if len(run) > 1 else latest.period.code
    op, value = target.operator, target.value
    met = verdict(latest, op, value)
    notes_vi = words.caveats(run, "vi") + words.others(run, "vi")
    notes_en = words.caveats(run, "en") + words.others(run, "en")
    if met:
        return _make(ind, "met", run,
                     vi=[f"Số liệu so sánh được mới nhất, {words.figure(latest, 'vi')}, đạt mục tiêu "
                         f"({words.target('vi')})."] + notes_vi + [NEWER_VI],
                     en=[f"The latest comparable figure, {words.figure(latest, 'en')}, meets the target "
                         f"({words.target('en')})."] + notes_en + [NEWER_EN], basis=basis)
    if met is None:
        return _make(ind, "undetermined", run,
                     vi=[f"Số liệu so sánh được mới nhất chỉ là một ngưỡng, {words.figure(latest, 'vi')}: chưa đủ "
                         f"để biết đã đạt mục tiêu ({words.target('vi')}) hay chưa."] + notes_vi
                     + ["Một con số chính xác sẽ trả lời được."],
                     en=[f"The latest comparable figure is only a bound, {words.figure(latest, 'en')}: it cannot show "
                         f"whether the target ({words.target('en')}) is met."] + notes_en
                     + ["An exact figure would decide."], basis=basis)
    points = [o for o in run if o.qualifier in EXACT_QUALIFIERS and not o.period.approximate]
    first, last = (points[0], points[-1]) if points else (None, None)
    span = years(midpoint(last.period)) - years(midpoint(first.period)) if points else 0.0
    if span < MIN_SPAN_YEARS:
        vi = (f"Chỉ có một số liệu so sánh được, {words.figure(latest, 'vi')}, chưa đạt mục tiêu ({words.target('vi')})"
              if len(run) == 1 else
              f"Số liệu so sánh được mới nhất, {words.figure(latest, 'vi')}, chưa đạt mục tiêu ({words.target('vi')}); "
              "chưa có hai số liệu chính xác cách nhau ít nhất một năm")
        en = (f"Only one comparable figure, {words.figure(latest, 'en')}, which does not meet the target "
              f"({words.target('en')})" if len(run) == 1 else
              f"The latest comparable figure, {words.figure(latest, 'en')}, does not meet the target "
              f"({words.target('en')}); there are not two exact figures at least a year apart")
        return _make(ind, "trend_unknown", run, vi=[vi + ": chưa tính được xu hướng."] + notes_vi
                     + [_trend_hint(model, points, "vi")],
                     en=[en + ": no trend can be computed yet."] + notes_en + [_trend_hint(model, points, "en")],
                     basis=basis)
    achieved = (last.value - first.value) / span
    left = years(TARGET_DATE) - years(midpoint(last.period))
    required = (value - last.value) / left
    projected = _clamp(last.value + achieved * left, ind)
    forward = 1 if ind.direction == "higher" else -1
    if satisfies(projected, op, value):
        status = "on_track"
    elif achieved * forward > 0:
        status = "needs_acceleration"
    else:
        status = "off_track"
    result_vi = {"on_track": "đúng hướng và đủ nhanh", "needs_acceleration": "đúng hướng nhưng chưa đủ nhanh",
                 "off_track": "không tiến về mục tiêu"}[status]
    result_en = {"on_track": "on track", "needs_acceleration": "moving the right way, but too slowly",
                 "off_track": "not moving towards the target"}[status]
    return _make(ind, status, run, projected=projected, required=required, achieved=achieved, basis=basis,
                 trend=(first, last),
                 vi=[f"Từ {words.figure(first, 'vi')} đến {words.figure(last, 'vi')}: {words.rate(achieved, 'vi')}; "
                     f"để đạt mục tiêu ({words.target('vi')}) năm 2030 cần {words.rate(required, 'vi')}, với tốc độ "
                     f"hiện nay năm 2030 sẽ khoảng {words.number(projected, 'vi')}: {result_vi}."] + notes_vi + [NEWER_VI],
                 en=[f"From {words.figure(first, 'en')} to {words.figure(last, 'en')}: {words.rate(achieved, 'en')}; "
                     f"reaching the target ({words.target('en')}) by 2030 needs {words.rate(required, 'en')}, and at "
                     f"this pace 2030 would be about {words.number(projected, 'en')}: {result_en}."] + notes_en + [NEWER_EN])


def assess_all(model: Model) -> dict[str, Assessment]:
    return {ind.id: assess(model, ind) for ind in model.catalogue.indicators}


def counts(assessments: dict[str, Assessment]) -> dict[str, int]:
    """How many targets are in each status, in the order of STATUSES (zeros kept, for a stable table)."""
    return {s: sum(1 for a in assessments.values() if a.status == s) for s in STATUSES}
