"""Share tags of a target page (Open Graph and Twitter card, printed by macros/theme/main.html): a
description stating the latest figure, the target and the status, and the chart as a PNG image.

Both are set on the page after mkdocs-macros ran (macros/__init__.py) and printed by the theme as they are:
so they are HTML-escaped here,
with braces as entities so that no template engine ever sees "{{" from a data file.
"""
from __future__ import annotations

import html

from .catalogue import Indicator
from .charts import has_chart
from .citation import describe, progress_status
from .model import Model

SITE_IMAGE = "assets/share.png"  # docs/assets/share.png: the site's card, for pages without a chart


def chart_image(ind: Indicator, lang: str) -> str:
    """Where scripts/charts.py publishes a target's chart (site root): charts/5-2.vi.png."""
    return f"charts/{ind.slug}.{lang}.png"


def safe(text: str) -> str:
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def share_meta(model: Model, ind: Indicator, lang: str) -> dict[str, str]:
    """The chart when the row has one (tracker/charts.py decides; scripts/charts.py publishes it), else the site's card."""
    return {"description": safe(describe(model, ind, lang, progress_status(model, ind, lang))),
            "image": chart_image(ind, lang) if has_chart(model, ind) else SITE_IMAGE}
