"""Page rendering: strings from data are escaped wherever they are printed, and numbers follow the page's locale."""
from __future__ import annotations

from html.parser import HTMLParser

import markdown

from macros.render import Renderer
from tracker.model import build_model

from .conftest import DATA

EVIL = '<script>alert("x")</script> | *bold* [link](javascript:alert(1)) {: onclick="x" }'


def _to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list", "admonition"])


class _Elements(HTMLParser):
    """Collects the elements and attributes that a browser would actually create."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _evil_model():
    model = build_model(DATA)
    cat = model.catalogue
    indicators = [i.model_copy(update={"name_vi": EVIL, "name_en": EVIL, "note_vi": EVIL, "note_en": EVIL})
                  if i.id == "4.4" else i for i in cat.indicators]
    sources = dict(model.sources)
    key = model.observations["4.4"][0].source
    sources[key] = sources[key].model_copy(update={"title": EVIL, "publisher": EVIL})
    observations = dict(model.observations)
    observations["4.4"] = [o.model_copy(update={"quote": EVIL, "note_vi": EVIL}) for o in observations["4.4"]]
    return model.model_copy(update={"catalogue": cat.model_copy(update={"indicators": indicators}),
                                    "sources": sources, "observations": observations})


def test_data_strings_are_escaped_on_every_data_page():
    renderer = Renderer(_evil_model())
    outputs = [renderer.indicator_page("vi", "indicators/4-4.vi.md", "4.4"),
               renderer.group_page("en", "indicators/group-4.en.md", 4),
               renderer.department_page("vi", "departments/so-y-te.vi.md", "so-y-te"),
               renderer.appendix("en", "indicators/index.en.md")]
    for text in outputs:
        html = renderer.splice(_to_html(text))   # the figures' facts are written as HTML (macros/figure_facts.py)
        elements = _Elements(html).tags
        assert not [tag for tag, _ in elements if tag in ("script", "img", "iframe")]
        assert not [a for _, attrs in elements for a in attrs if a.startswith("on")]
        assert not [v for _, attrs in elements for v in attrs.values() if v and v.startswith("javascript:")]
        assert "&lt;script&gt;" in html


def test_numbers_follow_the_locale_of_the_page():
    renderer = Renderer(build_model(DATA))
    vi = renderer.indicator_page("vi", "indicators/4-4.vi.md", "4.4")
    en = renderer.indicator_page("en", "indicators/4-4.en.md", "4.4")
    assert "87,52\u00a0%" in vi and "tính đến 31/5/2025" in vi
    assert "87.52%" in en and "as of 31 May 2025" in en
    housing_vi = renderer.indicator_page("vi", "indicators/9-1.vi.md", "9.1")
    housing_en = renderer.indicator_page("en", "indicators/9-1.en.md", "9.1")
    assert "1.500" in housing_vi and "1,500" in housing_en


def test_links_are_relative_to_the_page_and_resolve_in_the_docs():
    renderer = Renderer(build_model(DATA))
    text = renderer.indicator_page("vi", "indicators/4-4.vi.md", "4.4")
    assert "(group-4.md)" in text and "(../departments/so-y-te.md)" in text
    assert "(../plan/2-objectives.md#chi-tieu)" in text


def test_escape_makes_every_markdown_and_html_special_literal():
    """macros/render.py escape(), one character at a time: HTML's &, <, > as entities, Markdown's specials behind a
    backslash, line breaks as spaces; Markdown then shows the text exactly as it was."""
    from macros.render import Raw, escape

    text = "a & b < c > d \\ e ` f * g _ h { i } j [ k ] l | m\nn\ro 'p' \"q\" #r"
    assert escape(text) == ("a &amp; b &lt; c &gt; d \\\\ e \\` f \\* g \\_ h \\{ i \\} j \\[ k \\] l \\| m n o "
                            "'p' \"q\" #r")
    assert _to_html(escape(text)) == "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace("\n", " ").replace("\r", " ") + "</p>"
    assert escape(None) == "" and escape(Raw("*kept*")) == "*kept*" and escape(3.5) == "3.5"
