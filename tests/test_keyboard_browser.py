"""Keyboard alone (issue 13), in a real browser: on every page type, on a desktop and on a phone, Tab reaches every
link and button of the page's content, each one it reaches is in sight and looks different while it has focus, and
Tab comes back round to where it started (nothing traps it). The navigation drawer of narrow windows opens and
closes by keyboard, and a page can be reached through it.

The walk's expectations come from the page itself (every visible interactive element of its content), so a page
or a control added later is covered without editing this file."""
from __future__ import annotations

import json

import pytest

from tests.test_browser import browser, site_url  # noqa: F401  (shared fixtures)
from tests.test_quality_browser import Visit, _url, kinds  # noqa: F401

LAYOUTS = {"desktop": (1300, 900), "phone": (390, 844)}
FOCUSABLE = ("a[href], button, input:not([type=hidden]), select, textarea, summary, "
             "[tabindex]:not([tabindex='-1'])")
# Numbers every focusable element; returns how each looks without focus, and which of those in the page's content
# a reader can see (and so must be able to reach).
MARK = """sel => {
  const look = e => { const s = getComputedStyle(e);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color,
            s.textDecorationLine, s.borderBottomColor].join('|'); };
  const all = Array.from(document.querySelectorAll(sel));
  all.forEach((e, i) => e.dataset.kb = i);
  const seen = e => e.tabIndex >= 0 && !e.disabled && e.checkVisibility({visibilityProperty: true})
    && e.getClientRects().length > 0;
  return {looks: all.map(look),
          content: all.filter(e => e.closest('.md-content') && seen(e)).map(e => +e.dataset.kb)};
}"""
# How the focused element looks once the transitions it takes part in have run (a link's colour fades in over
# 0.25 s): they are taken to their end at once.
FOCUSED = """() => { const e = document.activeElement;
  if (!e || e === document.body || e.dataset.kb === undefined) return null;
  document.getAnimations().filter(a => a.effect && a.effect.target && a.effect.target.contains(e))
    .forEach(a => { try { a.finish(); } catch (infinite) {} });
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  return {kb: +e.dataset.kb, name: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40),
          look: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color,
                 s.textDecorationLine, s.borderBottomColor].join('|'),
          inSight: e.checkVisibility({visibilityProperty: true}) && r.width > 0 && r.height > 0
                   && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth};
}"""


def walk(visit: Visit) -> dict:
    """Tab from the top of the page until focus comes back to the first element it reached."""
    marked = visit.page.evaluate(MARK, FOCUSABLE)
    reached, problems, first = [], [], None
    for _ in range(len(marked["looks"]) + 10):
        visit.page.keyboard.press("Tab")
        now = visit.page.evaluate(FOCUSED)
        if now is None:
            continue   # the browser's own stop between the end of the page and its start
        if now["kb"] == first:
            break
        first = now["kb"] if first is None else first
        reached.append(now["kb"])
        if not now["inSight"]:
            problems.append(f"focus out of sight: {now['name']!r}")
        if now["look"] == marked["looks"][now["kb"]]:
            problems.append(f"focus not shown: {now['name']!r}")
    else:
        problems.append("Tab never came back to the start")
    missed = sorted(set(marked["content"]) - set(reached))
    if missed:
        names = visit.page.evaluate("ids => ids.map(i => document.querySelector(`[data-kb='${i}']`).outerHTML"
                                    ".slice(0, 100))", missed[:5])
        problems.append(f"{len(missed)} of the content's controls never reached by Tab, e.g. {names}")
    return {"reached": len(reached), "problems": problems}


@pytest.mark.browser
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_page_type_can_be_used_by_keyboard_alone(browser, site_url: str, kinds: dict[str, str],  # noqa: F811
                                                       layout: str):
    width, height = LAYOUTS[layout]
    problems, walked = {}, 0
    for kind, path in kinds.items():
        visit = Visit(browser, site_url)
        visit.page.set_viewport_size({"width": width, "height": height})
        visit.open(_url(site_url, path, "vi"))
        result = walk(visit)
        walked += result["reached"]
        if result["problems"]:
            problems[f"{kind} ({path})"] = result["problems"][:8]
        visit.close()
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)
    assert walked > 10 * len(kinds)   # the walk did walk


def _tab_to(visit: Visit, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        visit.page.keyboard.press("Tab")
        if visit.page.evaluate("sel => document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_phone_menu_opens_closes_and_leads_to_a_page_by_keyboard(browser, site_url: str, lang: str):  # noqa: F811
    visit = Visit(browser, site_url)
    visit.page.set_viewport_size({"width": 390, "height": 844})
    visit.open(_url(site_url, "indicators/4-4/", lang))
    drawer_open = "document.getElementById('__drawer').checked"
    button = ".site-drawer__open"
    _tab_to(visit, button)
    assert visit.page.get_attribute(button, "aria-expanded") == "false"
    assert visit.page.get_attribute(button, "aria-label")
    visit.page.keyboard.press("Enter")
    assert visit.page.evaluate(drawer_open) and visit.page.get_attribute(button, "aria-expanded") == "true"
    assert visit.page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
    visit.page.keyboard.press("Escape")   # closes, and focus goes back to the button
    assert not visit.page.evaluate(drawer_open)
    assert visit.page.evaluate("sel => document.activeElement.matches(sel)", button)
    visit.page.keyboard.press(" ")        # Space opens it too
    assert visit.page.evaluate(drawer_open)
    # a target group's page, inside the "targets" panel, which slides in when Tab reaches its links
    group = ".md-sidebar--primary a[href$='group-7/']"
    _tab_to(visit, group)
    visit.page.wait_for_timeout(400)   # the panel's slide
    assert visit.page.evaluate("""sel => { const r = document.querySelector(sel).getBoundingClientRect();
        return r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight; }""", group)
    with visit.page.expect_navigation():
        visit.page.keyboard.press("Enter")
    assert visit.page.url.endswith(("" if lang == "vi" else "en/") + "indicators/group-7/")
    assert visit.errors == [] and visit.warnings == [] and visit.foreign == []
    visit.close()
