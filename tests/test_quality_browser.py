"""Every page type of the built site, in both languages, in a real browser (Playwright driving Debian's
Chromium): it works under its Content-Security-Policy (no violation, no console error or warning, no
failed request, nothing from another host), axe-core finds no accessibility violation of any impact (in a
desktop and a phone layout, and in the open search dialog), no status is shown by colour alone, and the
language switch leads to the same page in the other language.

Page types are discovered from the built site, so pages added later are covered without editing this
file: one page per section index, per kind of numbered page (target rows, groups) and per hand-written
section page, plus a few pages that carry tables."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.test_browser import PageWatch, browser, expect, goto, settle, site_url  # noqa: F401  (shared fixtures)

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_URL = "__tests__/axe.min.js"  # same origin, so the page's CSP allows it; answered by a Playwright route
# beside the first page of each type: pages with tables, the methodology, downloads and glossary pages
ALSO = ("plan/corrections/", "about/data/", "about/method/", "about/glossary/", "about/changes/")
# A status (on track, not yet, no data…) must be said in words, not only by a colour: any element whose class or
# data attribute names a status carries text, an aria-label or a title (an <svg> chart says it in its own text).
COLOUR_ONLY = """() => Array.from(document.querySelectorAll(
    'article [class*="status"], article [class*="badge"], article [data-status]'))
  .filter(e => !e.closest('svg') && !(e.textContent.trim() || e.getAttribute('aria-label') || e.getAttribute('title')))
  .map(e => e.outerHTML.slice(0, 120))"""
KNOWN_WARNINGS: tuple[str, ...] = ()  # console warnings accepted, with the reason; none today


def page_types(site: Path) -> dict[str, str]:
    """One site path per page type, e.g. {"indicators/N-N": "indicators/1-1/", "plan/*": "plan/1-purposes/"}."""
    found: dict[str, str] = {}
    for html in sorted(site.rglob("*.html"), key=lambda p: p.as_posix()):
        rel = html.relative_to(site).as_posix()
        if rel.startswith(("en/", "assets/", "search/")) or "/" not in rel and rel != "index.html":
            continue
        if 'http-equiv="refresh"' in html.read_text(encoding="utf-8")[:2000]:
            continue  # a short permanent link (t/4-4/): a redirect to a page that is tested as itself
        parts = rel.split("/")[:-1]
        if not parts:
            kind = "home"
        elif len(parts) == 1:
            kind = parts[0] + "/"
        else:
            last = parts[-1]
            kind = "/".join(parts[:-1]) + "/" + (re.sub(r"\d+", "N", last) if re.fullmatch(r"[a-z]*-?\d+(-\d+)*", last)
                                                 else "*")
        found.setdefault(kind, "/".join(parts) + "/" if parts else "")
    for extra in ALSO:
        if (site / extra / "index.html").is_file():
            found[extra] = extra
    found["404"] = "404.html"
    return found


class Visit(PageWatch):
    """A PageWatch that also keeps console warnings and CSP violations, and can run axe-core."""

    def __init__(self, browser, base: str):
        super().__init__(browser, base)
        self.warnings: list[str] = []
        self.page.on("console", lambda m: self._warn(m.text) if m.type == "warning" else None)
        self.page.route("**/" + AXE_URL, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
        self.base_url = base

    def _warn(self, text: str) -> None:
        if not text.startswith(KNOWN_WARNINGS):
            self.warnings.append(text)

    def open(self, url: str, expect_status: int = 200) -> None:
        response = goto(self.page, url)
        assert response is not None and response.status == expect_status, url
        # a CSP violation also shows as a console error; this catches those the console misses
        self.page.evaluate("""() => { window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation',
                e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI)); }""")

    def axe(self, context: str = "document") -> list[dict]:
        if not self.page.evaluate("typeof axe !== 'undefined'"):
            self.page.add_script_tag(url=self.base_url + AXE_URL)
        result = self.page.evaluate(f"async () => JSON.stringify((await axe.run({context})).violations)")
        return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
                for v in json.loads(result)]


def _url(site_url: str, path: str, lang: str) -> str:
    return site_url + ("en/" if lang == "en" else "") + path


def test_page_types_cover_the_site(built_site: Path):
    kinds = page_types(built_site)
    for kind in ("home", "indicators/", "indicators/N-N", "indicators/group-N", "plan/", "plan/*",
                 "departments/", "departments/*", "about/*", "404"):
        assert kind in kinds, sorted(kinds)


@pytest.fixture(scope="module")
def kinds(built_site: Path) -> dict[str, str]:
    return page_types(built_site)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_type_is_accessible_and_works_under_its_csp(browser, site_url: str, built_site: Path,  # noqa: F811
                                                               kinds: dict[str, str], lang: str):
    problems = {}
    for kind, path in kinds.items():
        if lang == "en" and kind == "404":
            continue  # one 404 page for the whole site, at its root
        visit = Visit(browser, site_url)
        visit.open(_url(site_url, path, lang))
        assert visit.page.get_attribute("html", "lang") == lang, path
        meta = visit.page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content") or ""
        assert "script-src 'self'" in meta and "unsafe-inline" not in meta.split("script-src")[1].split(";")[0]
        violations = visit.axe()
        csp = visit.page.evaluate("window.__cspViolations")
        visit.page.set_viewport_size({"width": 390, "height": 844})  # a phone: the menus change
        visit.page.reload(wait_until="load")  # laid out afresh, not caught mid-transition
        settle(visit.page)
        violations += [dict(v, viewport="phone") for v in visit.axe()]
        colour_only = visit.page.evaluate(COLOUR_ONLY)
        other = "vi" if lang == "en" else "en"
        switch = [] if kind == "404" else visit.page.evaluate(
            "lang => Array.from(document.querySelectorAll(`a[hreflang='${lang}']`), a => a.href)", other)
        wrong_switch = [] if kind == "404" or _url(site_url, path, other) in switch else switch
        found = {"axe": violations, "csp": csp, "status by colour alone": colour_only,
                 "language switch not to the same page": wrong_switch, "errors": visit.errors, "warnings": visit.warnings,
                 "foreign": visit.foreign}
        if any(found.values()):
            problems[f"{lang} {kind} ({path})"] = {k: v for k, v in found.items() if v}
        visit.close()
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_open_search_dialog_is_accessible(browser, site_url: str, lang: str):  # noqa: F811
    visit = Visit(browser, site_url)
    visit.open(_url(site_url, "indicators/", lang))
    visit.page.keyboard.press("/")  # by keyboard alone
    query = "bảo hiểm" if lang == "vi" else "insurance"
    visit.page.keyboard.type(query, delay=20)
    dialog = visit.page.locator('dialog[open], [role="dialog"]').first
    # results are links; those of the whole query, so that axe does not run while the list is redrawn
    expect(dialog.locator(f'[data-query="{query}"] a').first).to_be_visible()
    assert dialog.get_attribute("aria-label") or dialog.get_attribute("aria-labelledby")
    assert visit.axe() == []
    assert visit.errors == [] and visit.warnings == [] and visit.foreign == []
    assert visit.page.evaluate("window.__cspViolations") == []
    visit.close()


@pytest.mark.browser
def test_inline_script_is_refused(browser, site_url: str):  # noqa: F811
    """The policy really is enforced: a script injected inline does not run."""
    visit = Visit(browser, site_url)
    visit.open(site_url)
    visit.page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__injected = true'; document.head.appendChild(s); }""")
    assert visit.page.evaluate("window.__injected === undefined")
    # the violation event is queued as a task of its own: wait for it rather than read the list at once
    visit.page.wait_for_function("() => window.__cspViolations.length > 0")
    assert visit.page.evaluate("window.__cspViolations").__len__() == 1
    visit.close()


# The sum of the page's layout shifts (those not caused by the reader's input), as Lighthouse counts them.
LAYOUT_SHIFT = """() => new Promise(done => {
  const seen = [];
  const observer = new PerformanceObserver(list => seen.push(...list.getEntries()));
  observer.observe({type: 'layout-shift', buffered: true});
  setTimeout(() => { seen.push(...observer.takeRecords()); observer.disconnect();
    done(seen.filter(e => !e.hadRecentInput).map(e => ({value: e.value,
      moved: (e.sources || []).map(s => s.node && s.node.className ? String(s.node.className) : '?')})));
  }, 300);
})"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1300, "height": 900}],
                         ids=["phone", "desktop"])
def test_nothing_moves_when_the_scripts_arrive(browser, site_url: str, viewport: dict):  # noqa: F811
    """No layout shift: the page is painted first with Material's script held back (as on a slow connection),
    then the script runs. Controls that only work with it (search, the menu button) keep their room meanwhile."""
    shifts = {}
    for path in ("", "plan/3-4-labour-market/", "indicators/4-4/", "en/indicators/group-4/"):
        visit = Visit(browser, site_url)
        visit.page.set_viewport_size(viewport)
        held = []
        visit.page.route("**/assets/javascripts/bundle.*.min.js", lambda route: held.append(route))
        visit.page.goto(site_url + path, wait_until="commit")
        expect(visit.page.locator("#__config")).to_be_attached()   # the parser waits for the held script
        visit.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")  # painted
        # a layout shift is recorded only when something moves that was painted: it was, in the header
        assert visit.page.evaluate("() => document.documentElement.classList.contains('no-js')")
        visit.page.wait_for_timeout(100)
        held[0].continue_()
        settle(visit.page)
        found = visit.page.evaluate(LAYOUT_SHIFT)
        if found:
            shifts[path or "home"] = found
        visit.close()
    assert shifts == {}, json.dumps(shifts, indent=1)
