"""The one model of the site: catalogue, sources, breaks, observations and plan corrections.

`build_model` reads and validates data/ (collecting every problem); `save`/`load` write and read the
merged YAML file that the MkDocs macros render from, so scripts and pages share one model.
"""
from __future__ import annotations

import os
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from .assessments import RecordedAssessment, load_assessments
from .catalogue import Catalogue, Indicator, load_catalogue
from .changelog import Change, load_changes
from .context import ContextFigure, load_context
from .glossary import Glossary, load_glossary
from .observations import Observation, load_observations
from .problems import Problems, ValidationFailed
from .schema import Strict, validate
from .sources import SeriesBreak, Source, cited_source_is_known, load_breaks, load_sources
from .textfile import refuse_links
from .yamlfile import load_yaml

# The merged model is our own output, read twice per build (once per language): libyaml's safe loader
# reads it ~10× faster than pure Python, which matters on a large data set. Same safe subset of YAML.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Correction(Strict):
    where: str
    kind: Literal["page-break", "misread", "heading-level", "omission", "duplicate"]
    received: str
    corrected: str
    note_vi: str
    note_en: str


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)

    catalogue: Catalogue
    sources: dict[str, Source]
    breaks: dict[str, SeriesBreak]
    observations: dict[str, list[Observation]]          # per target row: its own series
    family_observations: dict[str, list[Observation]] = {}  # per family: the whole of a split indicator
    context: dict[str, list[ContextFigure]] = {}             # per row or family: never part of a series
    corrections: list[Correction]
    glossary: Glossary = Glossary()
    built_at: datetime
    changes: list[Change] = []  # when figures changed (tracker/changelog.py)
    assessments: dict[str, RecordedAssessment] = {}  # by row id: level and qualitative targets only

    def observations_of(self, indicator: Indicator) -> list[Observation]:
        return self.observations.get(indicator.id, [])

    def family_observations_of(self, indicator: Indicator) -> list[Observation]:
        """Figures for the whole of the indicator this row is a breakdown of (never this row's values)."""
        return self.family_observations.get(indicator.family, []) if indicator.family else []

    def context_of(self, indicator: Indicator) -> list[ContextFigure]:
        """Context for this row, and for its family as a whole."""
        own = self.context.get(indicator.id, [])
        return own + (self.context.get(indicator.family, []) if indicator.family else [])

    def latest(self, indicator: Indicator) -> Observation | None:
        found = self.observations_of(indicator)
        return found[-1] if found else None

    def headline(self, indicator: Indicator) -> tuple[Observation | None, Observation | None]:
        """The figure to show against the target: the latest one for the plan's own territory; and, when
        a newer figure exists only for another territory (the merged province), that one beside it."""
        found = self.observations_of(indicator)
        # One pass, no `o in list` test: comparing pydantic models is slow, and quadratic on a long series.
        is_own = [not o.series_break or self.breaks[o.series_break].kind != "geography" for o in found]
        own = [o for o, mine in zip(found, is_own) if mine]
        main = own[-1] if own else None
        other = [o for o, mine in zip(found, is_own) if not mine and (main is None or o.period > main.period)]
        return main, (other[-1] if other else None)

    def save(self, path: Path) -> None:
        """Write the merged model; written to a temporary file first so a reader never sees half of it. Fields left at
        their defaults are left out (load() gives them back): the file is 40 % smaller and written twice as fast."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(yaml.dump(self.model_dump(mode="json", exclude_defaults=True), Dumper=_DUMPER, allow_unicode=True,
                                 sort_keys=False), encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> "Model":
        return cls.model_validate(yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER))


def _load_corrections(data_dir: Path, problems: Problems) -> list[Correction]:
    path = data_dir / "plan" / "corrections.yaml"
    if not path.is_file():
        return []
    located = load_yaml(path, problems)
    if located is None or not isinstance(located.data, list):
        return []
    found = [validate(Correction, item, file=path, problems=problems, line_of=located.line_of, base=(i,))
             for i, item in enumerate(located.data)]
    return [c for c in found if c is not None]


def build_time() -> datetime:
    """When the site was built, for reproducible builds: SOURCE_DATE_EPOCH (scripts/build.py sets it
    from the last commit) when given, so two builds of one commit are identical; else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def build_model(data_dir: Path, today: date | None = None) -> Model:
    """Read and check everything under data_dir; raise ValidationFailed listing every problem."""
    problems = Problems(root=data_dir)
    refuse_links(data_dir, problems)
    catalogue = load_catalogue(data_dir, problems)
    sources = load_sources(data_dir, problems)
    breaks = load_breaks(data_dir, problems)
    corrections = _load_corrections(data_dir, problems)
    changes = load_changes(data_dir, problems)
    glossary = load_glossary(data_dir, problems)
    found = (load_observations(data_dir, catalogue, sources, breaks, problems, today)
             if catalogue is not None else {})
    observations = {k: v for k, v in found.items() if catalogue and k not in catalogue.families}
    family_observations = {k: v for k, v in found.items() if catalogue and k in catalogue.families}
    context = load_context(data_dir, catalogue, sources, problems, today) if catalogue is not None else {}
    if catalogue is not None:
        for dept in catalogue.departments:
            cited = [dept.since_2025.source, dept.since_2025.duties_source] if dept.since_2025 else []
            for source in filter(None, cited):
                cited_source_is_known(source, sources, problems, data_dir / "catalogue" / "departments.yaml", None)
        for ind in catalogue.indicators:
            for source_id in ind.note_sources:
                cited_source_is_known(source_id, sources, problems, data_dir / "catalogue" / "indicators.yaml", None,
                                      f" của ghi chú dòng {ind.id}", f" of the note of row {ind.id}")
    assessments = load_assessments(data_dir, catalogue, sources, problems) if catalogue is not None else {}
    for key, series_break in breaks.items():
        if series_break.source:
            cited_source_is_known(series_break.source, sources, problems, data_dir / "breaks.yaml", None)
    if problems or catalogue is None:
        raise ValidationFailed(problems)
    return Model(catalogue=catalogue, sources=sources, breaks=breaks, observations=observations,
                 family_observations=family_observations, context=context,
                 corrections=corrections, glossary=glossary, built_at=build_time(),
                 assessments=assessments, changes=changes)
