"""The published data files: a contract the press and other tools rely on.

data/indicators.csv    id,group,name_vi,name_en,unit,target_text,target_operator,target_value,agency_vi,agency_en,
                       status,status_basis,status_working_vi,status_working_en  (tracker/progress.py)
data/observations.csv  id,period,value,qualifier,status,source,note,note_en,break,quote,source_url
UTF-8, comma-separated, header first. Column names and meanings never change without notice.
"""
from __future__ import annotations

import csv
import io

from .model import Model
from .numbers import parse_data_number, plain
from .progress import assess_all

INDICATOR_COLUMNS = ("id", "group", "name_vi", "name_en", "unit", "target_text", "target_operator",
                     "target_value", "agency_vi", "agency_en",
                     # added with the progress statuses, at the end so that readers by position keep working
                     "status", "status_basis", "status_working_vi", "status_working_en")
# The first seven columns are the original contract; later columns are only ever added at the end.
OBSERVATION_COLUMNS = ("id", "period", "value", "qualifier", "status", "source", "note",
                       "note_en", "break", "quote", "source_url")


# A spreadsheet runs a cell that begins with one of these as a formula (=HYPERLINK(…), +cmd|…, @SUM…);
# such text cells are written with a leading apostrophe, which spreadsheets show as plain text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell safe to open in a spreadsheet; numbers (already plain, "-3.5") are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and parse_data_number(value) is None:
        return "'" + value
    return value


def _csv(columns: tuple[str, ...], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: neutralise(value) for key, value in row.items()} for row in rows)
    return out.getvalue()


def indicators_csv(model: Model) -> str:
    cat = model.catalogue
    rows = []
    assessments = assess_all(model)
    for ind in cat.indicators:
        target = ind.parsed_target
        assessment = assessments[ind.id]
        dept = cat.department(ind.department)
        rows.append({"id": ind.id, "group": ind.group_id, "name_vi": cat.display_name(ind, "vi"),
                     "name_en": cat.display_name(ind, "en"), "unit": ind.unit, "target_text": ind.target,
                     "target_operator": target.operator, "target_value": plain(target.value),
                     "agency_vi": dept.name_vi, "agency_en": dept.name_en, "status": assessment.status,
                     "status_basis": assessment.basis, "status_working_vi": assessment.working_vi,
                     "status_working_en": assessment.working_en})
    return _csv(INDICATOR_COLUMNS, rows)


def citation(model: Model, source_id: str) -> str:
    """One line a reader can cite: publisher, title, date, address."""
    src = model.sources[source_id]
    parts = [src.publisher, src.title, src.reference, src.date.isoformat() if src.date else None, src.url]
    return "; ".join(p for p in parts if p)


def observations_csv(model: Model) -> str:
    rows = []
    for ind in model.catalogue.indicators:
        for obs in model.observations_of(ind):
            note, note_en = obs.note_vi, obs.note_en
            if obs.series_break:
                note = f"{note} [{model.breaks[obs.series_break].title_vi}]".strip()
                note_en = f"{note_en} [{model.breaks[obs.series_break].title_en}]".strip()
            rows.append({"id": ind.id, "period": obs.period.code, "value": plain(obs.value),
                         "qualifier": obs.qualifier, "status": obs.status,
                         "source": citation(model, obs.source), "note": note, "note_en": note_en,
                         "break": obs.series_break, "quote": obs.quote,
                         "source_url": model.sources[obs.source].url or ""})
    return _csv(OBSERVATION_COLUMNS, rows)
