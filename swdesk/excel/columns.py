"""Which spreadsheet columns each kind of ledger has, and how headings find them.

Everything here is read from the entity descriptions (``describe(Model)``): a
column is a described field, matched by its Chinese or English label, its key or
one of its Excel aliases. The only columns that are not fields of the entity are
a service record's participants (registered clients, by name or resident ID), and
its volunteers and their hours, which become entries of the volunteer-hours ledger
(described by :class:`VolunteerHour`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from swdesk.errors import SwdeskError
from swdesk.i18n import _
from swdesk.model import (
    Agency,
    Case,
    CaseGoal,
    Client,
    CommunityActivity,
    Complaint,
    Evaluation,
    EvaluationScore,
    FieldSpec,
    Indicator,
    Partner,
    Project,
    ServiceRecord,
    Station,
    SyncedModel,
    Volunteer,
    VolunteerCertificate,
    VolunteerHour,
    WorkGroup,
    describe,
)

IMPORT_KINDS: dict[str, type[SyncedModel]] = {
    "clients": Client, "volunteers": Volunteer, "partners": Partner, "records": ServiceRecord,
    "groups": WorkGroup, "activities": CommunityActivity,
    # The contract year's ledgers (issue 23): a station's paper registers typed in.
    "evaluations": Evaluation, "complaints": Complaint, "agencies": Agency, "stations": Station,
}
EXPORT_KINDS: dict[str, type[SyncedModel]] = {
    "clients": Client, "volunteers": Volunteer, "partners": Partner, "records": ServiceRecord,
    "cases": Case, "case_goals": CaseGoal, "groups": WorkGroup, "activities": CommunityActivity,
    "evaluations": Evaluation, "complaints": Complaint, "agencies": Agency, "stations": Station,
    "evaluation_scores": EvaluationScore, "certificates": VolunteerCertificate,
    "projects": Project, "indicators": Indicator,
}

# Key of the record column naming the clients who took part.
PARTICIPANTS = "participants"
# Keys of the two record columns that fill the volunteer-hours ledger.
VOLUNTEERS = "volunteers"
VOLUNTEER_HOURS = "volunteer_hours"

# Cells of a template's notes row start with this mark; the importer skips such rows.
NOTE_MARK = "※"

# Links that the importer fills in itself (the row belongs to this station).
_AUTOMATIC_LINKS = frozenset({"station"})


@dataclass(frozen=True)
class Column:
    """One column a sheet of this kind may have."""

    key: str
    zh: str
    en: str
    aliases: tuple[str, ...]
    spec: FieldSpec | None  # None: a related column (a record's volunteers and hours)
    derived: bool = False  # computed by the rules (a client's sex); checked, not stored

    @property
    def label(self) -> str:
        return _(self.zh, self.en)


def model_of(kind: str, kinds: Mapping[str, type[SyncedModel]] = IMPORT_KINDS
             ) -> type[SyncedModel]:
    try:
        return kinds[kind]
    except KeyError:
        raise SwdeskError(_("不支持的类型“{}”，可选：{}", "Unknown kind “{}”; choose from: {}")
                          .format(kind, ", ".join(kinds))) from None


def import_columns(model: type[SyncedModel]) -> list[Column]:
    """The columns an import of ``model`` understands, in the entity's field order."""
    out: list[Column] = []
    for spec in describe(model).fields:
        if spec.kind == "link" and spec.target in _AUTOMATIC_LINKS:
            continue
        if spec.editable:
            out.append(Column(spec.key, spec.zh, spec.en, spec.aliases, spec))
        elif spec.kind in ("choice", "date"):  # e.g. sex, birth date: from the resident ID
            out.append(Column(spec.key, spec.zh, spec.en, spec.aliases, spec, derived=True))
    if model is ServiceRecord:
        out.extend(_related_columns())
    return out


def _related_columns() -> list[Column]:
    hour = describe(VolunteerHour)
    who, hours = hour.field("volunteer"), hour.field("hours")
    return [
        Column(PARTICIPANTS, "参与的服务对象", "Participants",
               ("参与对象", "服务对象", "参与者", "参加人员", "服务对象姓名"), None),
        Column(VOLUNTEERS, who.zh, "Volunteers",
               ("参与志愿者", "志愿者姓名", "服务志愿者"), None),
        Column(VOLUNTEER_HOURS, "志愿" + hours.zh, "Volunteer hours",
               ("志愿时长", "志愿者时长", "志愿服务时长", "志愿时数"), None),
    ]


def template_columns(model: type[SyncedModel]) -> list[Column]:
    """The columns a blank template offers: what a worker types (no derived values)."""
    return [c for c in import_columns(model) if not c.derived]


# --- headings -------------------------------------------------------------------------------

_DROP = re.compile(r"\*|\((?:必填|选填|可选|非必填)\)|[:：]$")
_SPACE = re.compile(r"\s+")


def normalise(heading: object) -> str:
    """A heading as compared: no spaces, half-width, no '*' or '(必填)', lower case."""
    if heading is None:
        return ""
    text = unicodedata.normalize("NFKC", str(heading))
    text = _SPACE.sub("", text)
    text = _DROP.sub("", text)
    return text.lower()


def heading_index(columns: Iterable[Column]) -> dict[str, str]:
    """normalised heading -> column key; labels win over aliases shared with another column."""
    columns = list(columns)
    index: dict[str, str] = {}
    for c in columns:
        for name in (c.zh, c.en, c.key):
            index.setdefault(normalise(name), c.key)
    for c in columns:
        for name in c.aliases:
            index.setdefault(normalise(name), c.key)
    return index


def resolve_target(columns: Iterable[Column], wanted: str) -> str | None:
    """The column key a user named (key, label or alias); None for "ignore this column"."""
    text = normalise(wanted)
    if text in ("", "-", normalise("忽略"), "ignore"):
        return None
    key = heading_index(columns).get(text)
    if key is None:
        raise SwdeskError(_("“{}”不是可导入的字段", "“{}” is not a field that can be imported")
                          .format(wanted))
    return key


def match_headings(headings: list[str], columns: list[Column],
                   explicit: Mapping[str, str] | None = None) -> dict[int, str]:
    """Column position -> column key for the headings of a sheet.

    ``explicit`` maps a heading as written (any spacing or width) to a key, label or
    alias, or to "" to ignore that column; it wins over automatic matching. When two
    headings name the same column the first one is used.
    """
    index = heading_index(columns)
    chosen: dict[str, str | None] = {}
    for heading, target in (explicit or {}).items():
        chosen[normalise(heading)] = resolve_target(columns, target)
    unknown = set(chosen) - {normalise(h) for h in headings}
    if unknown:
        raise SwdeskError(_("表头中没有“{}”这一列", "The sheet has no column headed “{}”")
                          .format("、".join(sorted(unknown))))
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for position, heading in enumerate(headings):
        text = normalise(heading)
        if not text:
            continue
        key = chosen[text] if text in chosen else index.get(text)
        if key is not None and key not in taken:
            mapping[position] = key
            taken.add(key)
    return mapping


def missing_required(mapping: Mapping[int, str], columns: list[Column]) -> list[Column]:
    present = set(mapping.values())
    return [c for c in columns
            if c.spec is not None and c.spec.required and not c.derived and c.key not in present]
