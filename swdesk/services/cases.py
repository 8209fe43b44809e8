"""Casework actions: logs, stages, a client's timeline, possible duplicate clients."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from swdesk import privacy, questionnaire_defs, reference
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import (
    Case,
    CaseLog,
    Client,
    Need,
    Questionnaire,
    QuestionnaireResponse,
    ServiceParticipant,
    ServiceRecord,
    Worker,
)
from swdesk.services import crud, display, lists, questionnaires
from swdesk.services.actor import Actor

# Set by change_stage (the stage strip) and the closure (``case_closure``), never typed
# into a case's form.
STAGE_FIELDS = ("stage", "closed_on", "closure_summary", "closure_reason", "satisfaction",
                "follow_up_on", "followed_up_on", "follow_up_note")
# The client classes that make the ability assessment the first one offered.
ELDERLY_GROUPS = ("elderly", "elderly_alone", "elderly_empty_nest")
ELDERLY_ABILITY = "elderly_ability"


@dataclass(frozen=True)
class TimelineItem:
    date: dt.date
    kind: str  # service_record | case_log | case_opened | case_closed | need
    title: str
    ref_entity: str
    ref_id: int


@dataclass(frozen=True, slots=True)
class SimilarClient:
    """A registered client a new one may duplicate, as the warning names them."""

    id: int
    name: str
    community: str | None
    registered_on: dt.date | None


def add_case_log(case_id: int, values: Mapping[str, Any], actor: Actor) -> CaseLog:
    values = {"worker": actor.worker_id, **values, "case": case_id}
    if values["worker"] is None:
        values.pop("worker")
    return crud.create(CaseLog, values, actor)


def change_stage(case_id: int, stage: str, actor: Actor) -> Case:
    """Move an open case to another stage before closure (the stage strip's button).

    Closing asks for more (each goal's attainment, the reason, the follow-up):
    :func:`swdesk.services.case_closure.close_case`.
    """
    if stage == "closed":
        raise ValidationError({"stage": _(
            "结案须填写各目标达成情况、结案原因和回访安排，请用“结案…”",
            "Closing asks for each goal's attainment, the reason and the follow-up: use Close…")})
    case = crud.get(Case, case_id)
    if case.stage == "closed":
        raise ValidationError({"stage": _("个案已结案", "The case is closed")})
    return crud.update(Case, case, {"stage": stage}, actor)


def find(ref: int | str) -> Case:
    """A live case by the number people see (XM-SM-001-2026-0141), its id or its uid;
    NotFoundError naming what was given, or saying the case was deleted."""
    text = str(ref).strip()
    if text and not text.isdigit():
        row = Case.get_or_none(Case.case_no == text.upper())
        if row is not None:
            return crud.get(Case, int(row.id))  # (refused with its own words if deleted)
    return crud.get(Case, text)


@dataclass(frozen=True, slots=True)
class AssessmentLine:
    """A questionnaire filled in for the case's assessment, as its score and band were
    stored when it was saved (never scored again here)."""

    id: int
    date: dt.date
    questionnaire: str  # its name, or its code where this station lacks the definition
    score: int | None
    band: str
    worker: str


def assessments(case_id: int) -> list[AssessmentLine]:
    """The case's assessment questionnaires (phase ``assessment``), oldest first; a band
    by its name where the station holds the definition, else as stored."""
    rows = list(QuestionnaireResponse.live()
                .where((QuestionnaireResponse.case == case_id)
                       & (QuestionnaireResponse.phase == "assessment"))
                .order_by(QuestionnaireResponse.date, QuestionnaireResponse.id))
    codes = {str(r.questionnaire) for r in rows}
    stored = list(Questionnaire.select().where(Questionnaire.code.in_(list(codes)))) \
        if codes else []
    names = {str(q.code): _(str(q.zh), str(q.en)) for q in stored}
    bands: dict[tuple[str, str], str] = {}
    for q in stored:
        try:
            defn = questionnaire_defs.loads(q.definition)
        except ValidationError:  # (a definition this version cannot read: bands as stored)
            continue
        bands.update({(defn.code, b.code): b.label for b in defn.bands})
    workers = {int(w.id): str(w.name) for w in Worker.select().where(
        Worker.id.in_([r.worker_id for r in rows if r.worker_id is not None]))} if rows else {}
    return [AssessmentLine(int(r.id), r.date, names.get(str(r.questionnaire),
                                                        str(r.questionnaire)),
                           r.score, bands.get((str(r.questionnaire), str(r.band or "")),
                                              str(r.band or "")),
                           workers.get(r.worker_id, "") if r.worker_id is not None else "")
            for r in rows]


def is_elderly(client: Client, today: dt.date | None = None) -> bool:
    """An older person: so classed (老年人, 独居, 空巢) or 60 and over by the birth date."""
    groups = str(client.target_groups or "")
    if any(f",{code}," in groups for code in ELDERLY_GROUPS):
        return True
    born, today = client.birth_date, today or dt.date.today()
    return born is not None and (today.year - born.year
                                 - ((today.month, today.day) < (born.month, born.day))) >= 60


def assessment_questionnaires(case_id: int) -> list[questionnaire_defs.Definition]:
    """The station's active questionnaires a case's assessment may use, the likeliest
    first: for an older client the ability assessment, then those meant for assessment."""
    case = Case.get_by_id(case_id)
    elderly = is_elderly(case.client)
    found = questionnaires.definitions()
    return sorted(found, key=lambda d: (not (elderly and d.code == ELDERLY_ABILITY),
                                        "assessment" not in d.phases))


def log_title(log: CaseLog, show_text: bool) -> str:
    """A case log as one timeline line: its way of contact and the start of its text,
    which is the client's personal data: masked when ``show_text`` is false."""
    text = str(log.content or "")
    first = lists.excerpt(text) if show_text else display.mask(text, "text")
    way = reference.label("contact_way", log.way) or _("个案记录", "Case log")
    return _("{}：{}", "{}: {}").format(way, first) if first else way


def client_timeline(client_id: int, actor: Actor, limit: int = 500) -> list[TimelineItem]:
    """Everything the client received, newest first; a case log's text only where
    ``actor`` may see this client's personal data (:func:`swdesk.privacy.may_see`)."""
    show_text = privacy.may_see(actor, client_id)
    items: list[TimelineItem] = []
    records = (ServiceRecord.select(ServiceRecord.id, ServiceRecord.date, ServiceRecord.title)
               .join(ServiceParticipant, on=(ServiceParticipant.record == ServiceRecord.id))
               .where((ServiceParticipant.client == client_id)
                      & (ServiceRecord.deleted == False))  # noqa: E712
               .order_by(ServiceRecord.date.desc()).limit(limit))
    items += [TimelineItem(r.date, "service_record", r.title, "service_record", r.id)
              for r in records]
    for case in Case.live().where(Case.client == client_id):
        items.append(TimelineItem(case.opened_on, "case_opened",
                                  _("开案 {}", "Case {} opened").format(case.case_no), "case",
                                  case.id))
        if case.closed_on:
            items.append(TimelineItem(case.closed_on, "case_closed",
                                      _("结案 {}", "Case {} closed").format(case.case_no),
                                      "case", case.id))
        for log in CaseLog.live().where(CaseLog.case == case.id):
            items.append(TimelineItem(log.date, "case_log", log_title(log, show_text),
                                      "case_log", log.id))
    for need in Need.live().where(Need.client == client_id):
        items.append(TimelineItem(need.raised_on, "need", _("提出需求", "Need raised"), "need",
                                  need.id))
    items.sort(key=lambda i: (i.date, i.ref_id), reverse=True)
    return items[:limit]


def possible_duplicates(name: str | None, id_number: str | None,
                        birth_date: dt.date | None,
                        exclude_id: int | None = None) -> list[SimilarClient]:
    """Live clients with the same resident ID, or the same name and birth date."""
    condition = None
    if id_number:
        condition = Client.id_number == id_number.strip().upper()
    if name and birth_date:
        same = (Client.name == name.strip()) & (Client.birth_date == birth_date)
        condition = same if condition is None else (condition | same)
    if condition is None:
        return []
    query = Client.live().where(condition)
    if exclude_id is not None:
        query = query.where(Client.id != exclude_id)
    return [SimilarClient(c.id, c.name, c.community, c.registered_on)
            for c in query.order_by(Client.id)]
