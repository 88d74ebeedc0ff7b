"""The facts under each figure on a target page are written as HTML, not Markdown (macros/figure_facts.py): they must
read exactly as Markdown wrote them, with the same abbreviation tooltips, and escape whatever a data file holds."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown

from macros.figure_facts import FigureFacts
from macros.render import Renderer, escape
from tracker.model import build_model
from tracker.terms import abbreviation_definitions, looks_vietnamese

from .conftest import DATA
from .test_rendering import EVIL, _evil_model


class _Tree(HTMLParser):
    """Tags, attributes (unescaped) and text, as a browser would build them: markup written two ways compares equal."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.items: list[tuple] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag != "p":   # Markdown wraps the items of a loose list in <p>; the text is the same
            self.items.append(("<", tag, tuple(sorted((k, v.replace("%28", "(").replace("%29", ")")) for k, v in attrs))))

    def handle_endtag(self, tag):
        if tag != "p":
            self.items.append((">", tag))

    def handle_data(self, data):
        if data.strip():
            if self.items and self.items[-1][0] == "text":
                self.items[-1] = ("text", self.items[-1][1] + data)
            else:
                self.items.append(("text", data))

    def normal(self) -> list[tuple]:
        return [("text", " ".join(i[1].split())) if i[0] == "text" else i for i in self.items]


def _as_markdown_wrote_it(renderer: Renderer, ind, obs, anchor: str, lang: str) -> str:
    """The list as indicator.md.j2 wrote it in Markdown before, converted by Markdown with the page's abbreviations."""
    c = renderer._context(lang, f"indicators/{ind.slug}.{lang}.md")
    t, esc = c["t"], escape
    vi = lang == "vi"
    status = esc(t("status." + obs.status)) + (f" ({esc(t('status_basis.' + obs.status_basis))})" if obs.status_basis else "")
    lines = [f'- **{esc(t("figure_link"))}:** <a class="figure-link" href="#{anchor}">#{anchor}</a>',
             f'- **{esc(t("status"))}:** {status}', f'- **{esc(t("source"))}:** {c["source"](obs.source)}']
    if obs.quote:
        quote = c["original"](obs.quote)
        if not vi and obs.quote_en:
            quote += f' — *{esc(t("quote_en"))}:* {c["q"](obs.quote_en)}'
        elif not vi and looks_vietnamese(obs.quote):
            quote += f' — *{esc(t("quote_untranslated"))}*'
        lines.append(f'- **{esc(t("quote"))}:** {quote}')
    if obs.note_vi:
        lines.append(f'- **{esc(t("note"))}:** {esc(obs.note_vi if vi or not obs.note_en else obs.note_en)}')
    if obs.series_break:
        brk = renderer.model.breaks[obs.series_break]
        lines.append(f'- **{esc(t("series_break"))}:** {esc(brk.title_vi if vi else brk.title_en)}')
    text = "\n".join(lines)
    text += "\n\n" + abbreviation_definitions(renderer.model.glossary, lang) + "\n"
    return markdown.markdown(text, extensions=["abbr"])


def test_every_figure_reads_as_markdown_wrote_it_with_the_same_tooltips():
    model = build_model(DATA)
    renderer = Renderer(model)
    compared = abbreviations = 0
    for ind in model.catalogue.indicators:
        for obs in model.observations_of(ind) + model.family_observations_of(ind):
            for lang in ("vi", "en"):
                ours = renderer.facts.html(ind, obs, "x-1", lang)
                theirs = _as_markdown_wrote_it(renderer, ind, obs, "x-1", lang)
                assert _Tree(ours).normal()[1:-1] == _Tree(theirs).normal()[1:-1], (ind.id, obs.period.code, lang)
                compared += 1
                abbreviations += ours.count("<abbr ")
    assert compared >= 30 and abbreviations > 0   # the real data has figures, and some name an abbreviation


def test_figure_facts_escape_data_and_cannot_forge_a_place():
    renderer = Renderer(_evil_model())
    ind = renderer.cat.indicator("4.4")
    for lang in ("vi", "en"):
        markdown_text = renderer.indicator_page(lang, f"indicators/4-4.{lang}.md", "4.4")
        assert EVIL not in markdown_text and "<!--plan219-facts " in markdown_text
        page = renderer.splice(markdown.markdown(markdown_text, extensions=["attr_list", "admonition"]))
        assert "<!--plan219-facts" not in page
        facts = re.findall(r'<ul class="figure-facts">.*?</ul>', page, flags=re.S)
        assert len(facts) == len(renderer.model.observations_of(ind))
        for html in facts:
            tags = [i for i in _Tree(html).items if i[0] == "<"]
            assert not [i for i in tags if i[1] in ("script", "img", "iframe")]
            assert not [k for i in tags for k, v in i[2] if k.startswith("on") or v.startswith("javascript:")]
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page or "&lt;script&gt;alert(\"x\")&lt;/script&gt;" in page
    # a placeholder is only ever replaced by a list the renderer wrote for this page
    facts = FigureFacts(renderer.model)
    assert facts.splice("<!--plan219-facts 0123456789abcdef0123-->") == "<!--plan219-facts 0123456789abcdef0123-->"
    facts.place(ind, renderer.model.observations_of(ind)[0], "a", "vi")
    assert facts.splice("<!--plan219-facts 0123456789abcdef0123-->") == ""
    facts.start_page()
    assert not facts._waiting
