"""“Trích dẫn / Cite this figure”: what a newsroom needs to quote a target's figure exactly.

The long form states the latest figure with its period and qualifier, the 2030 target, the progress
status, the figure's source, the date the site last changed the target's figures and the permanent
link; the short form fits under a chart or photo. Plain text in the page's language; the share tags
(description) and the annual report reuse the same sentences.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import formatting as fmt
from . import wording
from .catalogue import Indicator
from .model import Model
from .progress import assess

SITE_NAME = {"vi": "Theo dõi Kế hoạch 219/KH-UBND", "en": "Tracking Plan 219/KH-UBND"}
PLAN = {"vi": "Kế hoạch 219/KH-UBND của UBND tỉnh Kiên Giang", "en": "Plan 219/KH-UBND of Kiên Giang province"}


def short_path(ind: Indicator, lang: str) -> str:
    """The permanent address of a target, relative to the site root: the same id in both languages."""
    return ("" if lang == "vi" else "en/") + f"t/{ind.slug}/"


def anchor(period_code: str) -> str:
    """The id of one figure on its target page ("2025-9M" → "2025-9m"; "~2024" → "c2024";
    "@2024-10-10" → "p2024-10-10"), as macros/templates/indicator.md.j2 writes it."""
    return period_code.replace("~", "c").replace("@", "p").lower()


@dataclass(frozen=True)
class Citation:
    long: str
    short: str
    permalink: str


def _words(lang: str) -> dict[str, str]:
    vi = lang == "vi"
    return {
        "row": "chỉ tiêu" if vi else "target",
        "target": "Mục tiêu 2030" if vi else "2030 target",
        "status": "Tiến độ" if vi else "Status",
        "source": "Nguồn" if vi else "Source",
        "newer": "Số liệu mới hơn" if vi else "A newer figure",
        "changed": "Trang cập nhật số liệu chỉ tiêu này ngày" if vi else "Figures for this target last changed on this site on",
        "never": "Trang chưa ghi nhận thay đổi số liệu của chỉ tiêu này" if vi else "No change to this target's figures is recorded yet",
        "via": "qua" if vi else "via",
    }


def describe(model: Model, ind: Indicator, lang: str, status: str | None = None) -> str:
    """One sentence for share previews: latest figure, target, status."""
    main, elsewhere = model.headline(ind)
    shown = main or elsewhere
    w = _words(lang)
    latest = wording.figure(model, ind, shown, lang) if shown else fmt.t("no_data", lang)
    text = f"{ind.id}. {model.catalogue.display_name(ind, lang)}: {latest}. {w['target']}: {wording.target(ind, lang)}."
    return f"{text} {w['status']}: {status}." if status else text


def cite(model: Model, ind: Indicator, lang: str, site_url: str, changed: date | None,
         status: str | None = None) -> Citation:
    w = _words(lang)
    name = model.catalogue.display_name(ind, lang)
    permalink = site_url.rstrip("/") + "/" + short_path(ind, lang)
    main, elsewhere = model.headline(ind)
    parts = [f"{name} ({w['row']} {ind.id}, {PLAN[lang]}): "
             f"{wording.figure(model, ind, main, lang) if main else fmt.t('no_data', lang)}."]
    if main:
        parts.append(f"{w['source']}: {wording.source(model, main.source, lang)}.")
    if elsewhere:
        parts.append(f"{w['newer']}: {wording.figure(model, ind, elsewhere, lang)}. "
                     f"{w['source']}: {wording.source(model, elsewhere.source, lang)}.")
    parts.append(f"{w['target']}: {wording.target(ind, lang)}.")
    if status:
        parts.append(f"{w['status']}: {status}.")
    parts.append(f"{w['changed']} {fmt.date_text(changed, lang)}." if changed else f"{w['never']}.")
    parts.append(f"{SITE_NAME[lang]}, {permalink}")
    shown = main or elsewhere
    if shown:
        short = (f"{ind.id}. {name}: {wording.amount(model, ind, shown, lang)} "
                 f"({fmt.period_text(shown.period, lang)}). {w['source']}: "
                 f"{wording.publisher(model, shown.source, lang)}, {w['via']} {SITE_NAME[lang]} ({permalink})")
    else:
        short = f"{ind.id}. {name}: {fmt.t('no_data', lang)}. {SITE_NAME[lang]} ({permalink})"
    return Citation(long=" ".join(parts), short=short, permalink=permalink)


def progress_status(model: Model, ind: Indicator, lang: str) -> str | None:
    """The target's progress status in words (tracker/progress.py); None while its label is missing."""
    try:
        return fmt.t("progress." + assess(model, ind).status, lang)
    except KeyError:
        return None
