"""Build step: render each row's chart (tracker/charts.py specs) to SVG and PNG with vl-convert.

Rendering is cached by the content of what is rendered (spec, number locale, vl-convert version,
font file), so a rebuild with unchanged data renders nothing. Output, per row and language, in
build/charts/ (published at the site's root as charts/<slug>.<lang>.svg|png|vl.json):

    <slug>.<lang>.svg      the chart, also put inline in the row's page
    <slug>.<lang>.png      twice the screen size, for print
    <slug>.<lang>.vl.json  the Vega-Lite spec
    <slug>.<lang>.small.svg  the small multiple for the group page (inline only)
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

import tracker
from tracker import charts
from tracker.formatting import LANGUAGES
from tracker.model import Model

from .files import link_replacing, unchanged, version_of, write_if_changed

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")   # Debian's fonts-dejavu-core (make setup installs it)
FONT_FILES = ("DejaVuSans.ttf",)
# What vl-convert measures and draws the text with: the Latin + Vietnamese subset of that DejaVu Sans which the site
# serves (docs/assets/fonts), as a TTF under a family name of its own (scripts/fonts/README.md). Same glyphs, same
# metrics, same SVG; but vl-convert lays out each piece of text with the whole font file, and with 52 kB instead of
# 760 kB a chart is drawn a third faster. The full font stays installed for any character outside the subset.
DRAWING_FONT_DIR = Path(__file__).resolve().parent / "fonts"
DRAWING_FAMILY = "DejaVu Sans VI"
PUBLISHED = (".svg", ".png", ".vl.json")
# The code that turns a row's data into a spec: a change to any of them rebuilds every spec.
SPEC_CODE = ("charts.py", "formatting.py", "progress.py", "labels.yaml")
_ID = re.compile(r'\bid="([^"]+)"')
# Slimming Vega's SVG (slim_svg): coordinates to 1/100 px, and what draws or says nothing.
_GEOMETRY = re.compile(r'\b(d|transform|x|y|x1|x2|y1|y2|width|height)="([^"]*)"')
_LONG_NUMBER = re.compile(r"-?\d+\.\d{3,}")
_EMPTY_PATHS = re.compile(r'<path class="(?:background|foreground)" aria-hidden="true" d="(?:M0,0h0v0h0Z)?" '
                          r'pointer-events="none"(?: display="none")?/>')
_NO_OP = re.compile(r' (?:opacity="1"|(?:class|role|aria-roledescription|aria-hidden|pointer-events)="[^"]*")')


@dataclass
class RenderStats:
    charts: int = 0
    rendered: int = 0
    cached: int = 0
    seconds: float = 0.0


def _font_paths() -> list[Path]:
    return [FONT_DIR / name for name in FONT_FILES] + sorted(DRAWING_FONT_DIR.glob("*.ttf"))


@functools.lru_cache(maxsize=1)
def _drawing_salt(_versions: tuple[tuple[int, int, int], ...]) -> str:
    """vl-convert's version and the fonts' bytes, read once per version of the font files (a running server)."""
    from importlib.metadata import version
    digest = hashlib.sha256(version("vl-convert-python").encode())
    for path in _font_paths():
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _register_fonts(vl_convert) -> None:
    vl_convert.register_font_directory(str(FONT_DIR))
    vl_convert.register_font_directory(str(DRAWING_FONT_DIR))


def drawable(spec: dict) -> dict:
    """The spec as vl-convert is given it: its text in the drawing font (DRAWING_FAMILY)."""
    return {**spec, "config": {**spec.get("config", {}), "font": DRAWING_FAMILY}}


def as_published(svg: str) -> str:
    """A drawn SVG as the site publishes it: its text in the served font's family, which has the same glyphs."""
    return svg.replace(f'font-family="{DRAWING_FAMILY}"', f'font-family="{charts.FONT}"')


class Renderer:
    """vl-convert, loaded and given the font only when something has to be rendered."""

    def __init__(self, cache: Path):
        self.cache = cache
        self._vlc = None
        self.stats = RenderStats()
        self.salt = self._salt()

    @staticmethod
    def _salt() -> str:
        missing = [name for name in FONT_FILES if not (FONT_DIR / name).is_file()]
        if missing:
            raise SystemExit(f"Thiếu phông chữ {', '.join(missing)} trong {FONT_DIR} / Font files missing: "
                             "install Debian's fonts-dejavu-core (`make setup` does).")
        return _drawing_salt(tuple(version_of(path) for path in _font_paths()))

    @property
    def vlc(self):
        if self._vlc is None:
            import vl_convert
            _register_fonts(vl_convert)
            self._vlc = vl_convert
        return self._vlc

    def render(self, spec: dict, lang: str, kind: str) -> bytes:
        """kind: "svg" (its text in the served font's family: as_published) or "png" (twice the size)."""
        out, drawn = self._render(spec, lang, kind)
        if drawn:
            self.stats.rendered += 1
        else:
            self.stats.cached += 1
        return as_published(out.decode()).encode() if kind == "svg" else out

    def _render(self, spec: dict, lang: str, kind: str) -> tuple[bytes, bool]:
        """The file's bytes, and whether they had to be drawn. The PNG is the SVG rasterised (what
        vegalite_to_png does inside, byte for byte, after running Vega a second time). The SVG is as drawn, in the
        drawing font (as_published names the served one)."""
        locale = charts.number_locale(lang)
        key = hashlib.sha256(json.dumps([self.salt, kind, locale, spec], sort_keys=True, ensure_ascii=False)
                             .encode()).hexdigest()
        path = self.cache / f"{key}.{kind}"
        if path.is_file():
            return path.read_bytes(), False
        if kind == "svg":
            out = self.vlc.vegalite_to_svg(drawable(spec), format_locale=locale).encode()
        else:
            out = self.vlc.svg_to_png(self._render(spec, lang, "svg")[0].decode(), scale=2)
        self.cache.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(out)
        tmp.replace(path)
        return out, True


def warm_up(model: Model | None = None, rows: int = 4) -> None:
    """Load Altair and vl-convert and run vl-convert's JavaScript engine once (about 0.7 s in all), so that
    `make serve` pays for it while the maintainer is still reading, not after a figure is saved. Given the model, it
    also builds and draws the charts of a few rows, into a cache of its own that is then thrown away: the first spec
    and the first real charts are slower (Altair fills its lookups; V8 compiles Vega's code as it runs it), ~0.15 s of
    the first rebuild after a start, not of later ones."""
    import tempfile

    import altair  # noqa: F401  (tracker/charts.py imports it on first use)
    import vl_convert
    _register_fonts(vl_convert)
    svg = vl_convert.vegalite_to_svg(drawable({"data": {"values": [{"x": 1}]}, "mark": "point",
                                               "encoding": {"x": {"field": "x", "type": "quantitative"}}}))
    vl_convert.svg_to_png(svg, scale=2)
    if model is None:
        return
    with tempfile.TemporaryDirectory(prefix="plan219-warm-up-") as cache:
        renderer = Renderer(Path(cache))
        for ind in [i for i in model.catalogue.indicators if charts.has_chart(model, i)][:rows]:
            assessed = charts.assessed(model, ind)
            for lang in LANGUAGES:
                for small in (False, True):
                    spec = charts.spec(model, ind, lang, assessed, small=small)
                    renderer.render(spec, lang, "svg" if small else "png")   # a PNG draws its SVG first


@functools.lru_cache(maxsize=1)
def _spec_code() -> tuple[str, ...]:
    folder = Path(tracker.__file__).parent
    return tuple(hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in SPEC_CODE)


def _spec_inputs(model: Model, ind, assessed: charts.Assessed) -> str:
    """Everything a row's spec is made from, as text: its key in the cache (building a spec with Altair
    costs ~0.1 s; a warm rebuild should cost none)."""
    rows = charts.breakdown(model, ind)
    dump = lambda items: [item.model_dump(mode="json") for item in items]  # noqa: E731
    family = model.catalogue.families.get(ind.family) if ind.family else None
    return json.dumps({
        "rows": dump(rows), "observations": [dump(model.observations_of(i)) for i in rows],
        "whole": dump(model.family_observations_of(ind)), "context": dump(model.context_of(ind)),
        "breaks": {k: b.model_dump(mode="json") for k, b in model.breaks.items()},
        "family": family.model_dump(mode="json") if family else None,   # its own only: the cost stays per row
        "units": model.catalogue.units, "assessed": dataclasses.asdict(assessed),
        "code": _spec_code(),
    }, sort_keys=True, default=str, ensure_ascii=False)


def _spec(cache: Path, inputs: str, model: Model, ind, lang: str, assessed, small: bool) -> dict:
    key = hashlib.sha256(f"{inputs}|{lang}|{small}".encode()).hexdigest()
    path = cache / f"spec-{key}.json"
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    spec = charts.spec(model, ind, lang, assessed, small=small)
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    return spec


def _rounded(number: re.Match) -> str:
    text = f"{float(number.group(0)):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def slim_svg(svg: str) -> str:
    """Vega's SVG, a third lighter (issue 13: pages for cheap phones) and drawn the same: coordinates rounded to
    1/100 px, empty paths and default opacity dropped, and the marks' class, role and ARIA attributes dropped, which
    say nothing inside the role="img" element that carries the chart's text alternative (macros/charts.py). The root
    element is kept whole. By hand: a few patterns in vl-convert's own output; scour (the Python SVG optimiser) is
    unmaintained since 2020 and rewrites far more than this."""
    svg = _EMPTY_PATHS.sub("", svg)
    svg = _GEOMETRY.sub(lambda m: f'{m.group(1)}="{_LONG_NUMBER.sub(_rounded, m.group(2))}"', svg)
    root, close, marks = svg.partition(">")
    return root + close + _NO_OP.sub("", marks)


def unique_ids(svg: str, prefix: str) -> str:
    """Several inline SVGs share one page: give each one's ids (clip paths) its own prefix."""
    for name in set(_ID.findall(svg)):
        svg = svg.replace(f'id="{name}"', f'id="{prefix}-{name}"').replace(f"url(#{name})", f"url(#{prefix}-{name})")
    return svg


def _drawing_code(renderer: Renderer) -> str:
    """What turns a spec's inputs into files, besides the inputs: this module, the spec code, vl-convert and fonts."""
    return hashlib.sha256("|".join([Path(__file__).read_text(encoding="utf-8"), *_spec_code(), renderer.salt])
                          .encode()).hexdigest()


def render_charts(model: Model, build_dir: Path) -> RenderStats:
    """Write every chart file into build_dir/charts; remove those of rows that no longer have one.

    A manifest (build_dir/charts.json) records what each row's files were made from: a row whose inputs did not change
    and whose files are all there is skipped without reading its specs or drawings from the cache (at 10x data, that
    reading was 4 s of a 48 s build)."""
    started = time.perf_counter()
    out = build_dir / "charts"
    out.mkdir(parents=True, exist_ok=True)
    renderer = Renderer(build_dir / "chart-cache")
    manifest_path = build_dir / "charts.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    drawing = _drawing_code(renderer)
    present = {p.name for p in out.iterdir()}
    made: dict[str, str] = {}
    wanted: set[str] = set()
    for ind in model.catalogue.indicators:
        if not charts.has_chart(model, ind):
            continue
        assessed = charts.assessed(model, ind)
        inputs = _spec_inputs(model, ind, assessed)
        made[ind.slug] = hashlib.sha256(f"{inputs}|{drawing}".encode()).hexdigest()
        names = [f"{ind.slug}.{lang}{kind}" for lang in LANGUAGES for kind in (".svg", ".png", ".vl.json", ".small.svg")]
        if manifest.get(ind.slug) == made[ind.slug] and present.issuperset(names):
            wanted.update(names)
            renderer.stats.charts += len(LANGUAGES)
            renderer.stats.cached += 3 * len(LANGUAGES)   # as if each drawing had been read from the cache
            continue
        for lang in LANGUAGES:
            name = f"{ind.slug}.{lang}"
            spec = _spec(renderer.cache, inputs, model, ind, lang, assessed, small=False)
            small = _spec(renderer.cache, inputs, model, ind, lang, assessed, small=True)
            svg = lambda drawn, prefix: slim_svg(unique_ids(drawn.decode(), prefix)).encode()  # noqa: E731
            files = {
                f"{name}.svg": svg(renderer.render(spec, lang, "svg"), f"c{name}"),
                f"{name}.png": renderer.render(spec, lang, "png"),
                f"{name}.vl.json": json.dumps(spec, ensure_ascii=False, indent=1).encode(),
                f"{name}.small.svg": svg(renderer.render(small, lang, "svg"), f"s{name}"),
            }
            for file, data in files.items():
                write_if_changed(out / file, data)   # replaced, never rewritten: the site links to these
            wanted.update(files)
            renderer.stats.charts += 1
    for path in out.iterdir():
        if path.name not in wanted:
            path.unlink()
    if made != manifest:
        manifest_path.write_text(json.dumps(made, sort_keys=True), encoding="utf-8")
    renderer.stats.seconds = time.perf_counter() - started
    return renderer.stats


def publish_charts(build_dir: Path, site: Path) -> None:
    """The downloadable files at the site's root: charts/<slug>.<lang>.svg|png|vl.json, hard links to the drawn
    files (which are replaced, never rewritten: scripts/files.py). The folder is kept from one build to the next
    (scripts/incremental.py), so a chart is linked again only when drawn again, and one no longer drawn is removed."""
    target = site / "charts"
    target.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for path in sorted((build_dir / "charts").iterdir()):
        if path.name.endswith(PUBLISHED) and not path.name.endswith(".small.svg"):
            wanted.add(path.name)
            copy = target / path.name
            if not unchanged(path, copy):
                link_replacing(path, copy)
    for old in target.iterdir():
        if old.name not in wanted:
            old.unlink()
