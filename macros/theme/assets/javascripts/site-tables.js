/* A table wider than a phone scrolls sideways in Material's wrapper; make each such area reachable and
   scrollable by keyboard (axe: scrollable-region-focusable). Runs after Material has wrapped the tables. */
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) { wrap.tabIndex = 0; });
});
