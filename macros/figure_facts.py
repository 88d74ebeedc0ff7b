"""The facts under each figure's heading on a target page (its link, status, source, quote, note, break), written
as HTML and put into the converted page, as the charts are (macros/charts.py), instead of going through Markdown.

Why: Python-Markdown spent ~0.23 ms on each of these lists (its inline patterns run over every item), two fifths of a
long target page's conversion; with 15 years of figures a row (the benchmark's 10× data) that was a sixth of the build.
The heading stays in the Markdown, so it keeps its anchor and its place in the page's contents.

Text is escaped here, and the glossary's abbreviations are marked as Markdown's abbr extension marks them, with the
same tooltips. The placeholder names its HTML by a digest: data text is escaped wherever it is written, so it cannot
write one, and a forged one could only repeat a list this page already has.
"""
from __future__ import annotations

import hashlib
import html
import re
from urllib.parse import urlparse

from tracker import formatting as fmt
from tracker import wording
from tracker.catalogue import Indicator
from tracker.model import Model
from tracker.observations import Observation
from tracker.terms import abbreviation_titles, looks_vietnamese

_PLACE = re.compile(r"<!--plan219-facts ([0-9a-f]{20})-->")


class FigureFacts:
    def __init__(self, model: Model):
        self.model = model
        self._waiting: dict[str, str] = {}
        self._abbreviations = {lang: _Abbreviations(abbreviation_titles(model.glossary, lang)) for lang in fmt.LANGUAGES}

    def start_page(self) -> None:
        """Forget the last page's lists (macros/__init__.py, before each page's macros): one page's at a time."""
        self._waiting.clear()

    def place(self, ind: Indicator, obs: Observation, anchor: str, lang: str) -> str:
        """The list for one figure, as a placeholder line for the page's Markdown."""
        text = self.html(ind, obs, anchor, lang)
        key = hashlib.sha256(text.encode()).hexdigest()[:20]
        self._waiting[key] = text
        return f"\n<!--plan219-facts {key}-->\n"

    def splice(self, page_html: str) -> str:
        """The converted page with each list in its place (macros/hooks.py on_page_content)."""
        if not self._waiting:
            return page_html
        return _PLACE.sub(lambda m: self._waiting.get(m.group(1), ""), page_html)

    def html(self, ind: Indicator, obs: Observation, anchor: str, lang: str) -> str:
        """The same facts, in the same order, as the page's Markdown wrote before (indicator.md.j2)."""
        mark, t = self._abbreviations[lang].mark, (lambda key: fmt.t(key, lang))
        vi = lang == "vi"
        status = t("status." + obs.status) + (f" ({t('status_basis.' + obs.status_basis)})" if obs.status_basis else "")
        items = [(t("figure_link"), f'<a class="figure-link" href="#{html.escape(anchor)}">#{html.escape(anchor)}</a>'),
                 (t("status"), mark(status)),
                 (t("source"), self._source(obs.source, lang))]
        if obs.quote:
            quote = self._original(obs.quote, lang)
            if not vi and obs.quote_en:
                quote += f" — <em>{mark(t('quote_en'))}:</em> {mark(wording.quoted(obs.quote_en, lang))}"
            elif not vi and looks_vietnamese(obs.quote):
                quote += f" — <em>{mark(t('quote_untranslated'))}</em>"
            items.append((t("quote"), quote))
        if obs.note_vi:
            items.append((t("note"), mark(obs.note_vi if vi or not obs.note_en else obs.note_en)))
        if obs.series_break:
            brk = self.model.breaks[obs.series_break]
            items.append((t("series_break"), mark(brk.title_vi if vi else brk.title_en)))
        lines = "".join(f"<li><strong>{mark(label)}:</strong> {value}</li>\n" for label, value in items)
        return f'<ul class="figure-facts">\n{lines}</ul>'

    def _source(self, source_id: str, lang: str) -> str:
        """Publisher, title, reference, date (tracker/wording.py), then a link named by the address's host."""
        mark = self._abbreviations[lang].mark
        text = mark(wording.source(self.model, source_id, lang, with_url=False))
        url = self.model.sources[source_id].url
        if url:   # http(s) only: tracker/sources.py refuses any other
            text += f' — <a href="{html.escape(url)}">{mark(urlparse(url).netloc)}</a>'
        return text

    def _original(self, quote: str, lang: str) -> str:
        """A quote as its source wrote it; on an English page a Vietnamese one is marked lang="vi"."""
        quoted = self._abbreviations[lang].mark(wording.quoted(quote, lang))
        return f'<span lang="vi">{quoted}</span>' if lang != "vi" and looks_vietnamese(quote) else quoted


class _Abbreviations:
    """Markdown's abbr extension, on text that does not go through Markdown: each abbreviation, as a whole word (the
    longest first, as the extension matches), wrapped in <abbr title="…">; the rest escaped, line breaks as spaces."""

    def __init__(self, titles: dict[str, str]):
        self.titles = titles
        keys = sorted(titles, key=len, reverse=True)
        self.pattern = re.compile(rf"\b(?:{'|'.join(map(re.escape, keys))})\b") if keys else None

    def mark(self, text: str) -> str:
        text = text.replace("\r", " ").replace("\n", " ")
        if self.pattern is None:
            return html.escape(text, quote=False)
        out, last = [], 0
        for match in self.pattern.finditer(text):
            word = match.group(0)
            if not self.titles[word]:   # as the extension: no tooltip, no <abbr>
                continue
            out.append(html.escape(text[last:match.start()], quote=False))
            out.append(f'<abbr title="{html.escape(self.titles[word])}">{html.escape(word, quote=False)}</abbr>')
            last = match.end()
        out.append(html.escape(text[last:], quote=False))
        return "".join(out)
