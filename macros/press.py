"""Page drawing for the press features (issue 10): the citation block of a target page, the page of
data changes, the annual report pages. Thin: the sentences come from tracker/citation.py,
tracker/feed.py and tracker/wording.py; the layouts from macros/templates/."""
from __future__ import annotations

import posixpath

from tracker import feed, wording
from tracker.changelog import last_changed, next_report_due, report_years
from tracker.citation import cite, progress_status, short_path
from tracker.model import Model

from .render import Renderer


class PressPages:
    def __init__(self, renderer: Renderer, site_url: str):
        self.r = renderer
        self.model: Model = renderer.model
        self.site_url = site_url.rstrip("/") + "/"

    def _url(self, lang: str, path: str) -> str:
        return self.site_url + ("" if lang == "vi" else "en/") + path

    def press_block(self, lang: str, page: str, url: str, indicator_id: str) -> str:
        ind = self.model.catalogue.indicator(indicator_id)
        changed = last_changed(self.model.changes, ind.id)
        changed_day = changed.date() if changed else None
        citation = cite(self.model, ind, lang, self.site_url, changed_day, progress_status(self.model, ind, lang))
        to_root = posixpath.relpath(".", url.rstrip("/") or ".") + "/"
        to_root = "" if to_root == "./" else to_root
        return self.r._render("press_target.md.j2", lang, page, ind=ind, citation=citation, changed=changed_day,
                              next_due=next_report_due(self.model.built_at.date()), to_root=to_root,
                              short=short_path(ind, "vi"))

    def changes_list(self, lang: str, page: str, url: str) -> str:
        changes = sorted(self.model.changes, key=lambda c: (c.when, c.id, c.period), reverse=True)
        return self.r._render("changes.md.j2", lang, page, changes=changes, feed=feed,
                              ids={i.id for i in self.model.catalogue.indicators})

    def report_years(self, lang: str, page: str, url: str) -> str:
        return self.r._render("report_years.md.j2", lang, page, years=report_years(self.model.built_at.date()))

    def annual_report(self, lang: str, page: str, url: str, year: int) -> str:
        """The appendix table with each target's latest figure for a period ending by 31 December `year`."""
        cut = self.model.model_copy(update={"observations": {
            k: [o for o in v if o.period.end.year <= year] for k, v in self.model.observations.items()}})
        rows, progress = {}, {}
        for ind in cut.catalogue.indicators:
            main, elsewhere = cut.headline(ind)
            rows[ind.id] = main or elsewhere
            progress[ind.id] = progress_status(cut, ind, lang)
        return self.r._render("report.md.j2", lang, page, year=year, rows=rows, wording=wording,
                              progress=progress if any(progress.values()) else None,
                              url=self._url(lang, f"report/{year}/"))
