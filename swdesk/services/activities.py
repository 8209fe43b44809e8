"""Community activities (社区活动): the plan, holding it, its summary and satisfaction.

An activity held IS a service record of kind ``community`` linked to it (one record per
activity): the named sign-ins are the record's participants, its headcount is the named
plus the unnamed (``unnamed_count``), partners and volunteers' hours travel with it. So
the activity counts in every figure as the service it is, and nothing is entered twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from swdesk import validation as v
from swdesk.errors import NotFoundError, ValidationError
from swdesk.i18n import _
from swdesk.model import (
    Client,
    CommunityActivity,
    QuestionnaireResponse,
    ServiceParticipant,
    ServiceRecord,
    database,
)
from swdesk.services import crud, records
from swdesk.services.actor import Actor
from swdesk.services.records import PartnerEntry, RecordDetail, VolunteerEntry
from swdesk.services.this_station import current_station

# The bands of a satisfaction questionnaire (phase ``satisfaction``) that count as
# satisfied: the shipped survey (questionnaire-satisfaction.json) bands its mean as
# satisfied / neutral / dissatisfied, so only its top band counts.
SATISFIED_BANDS = frozenset({"satisfied"})
SURVEY_QUESTIONNAIRE = "satisfaction"  # the survey the activity page fills in
# What the held record copies from the activity's plan, kept equal when the plan changes.
_FROM_PLAN = {"title": "title", "category": "category", "field": "field", "place": "place",
              "worker": "worker", "project": "project", "date": "planned_on"}


@dataclass(frozen=True, slots=True)
class SignIn:
    """A named participant as the sign-in sheet lists them (phone as stored)."""

    id: int  # the client's
    name: str
    phone: str
    community: str


@dataclass(frozen=True, slots=True)
class Satisfaction:
    """The survey result: paper forms tallied by hand plus questionnaires filled in."""

    paper_surveyed: int
    paper_satisfied: int
    forms: int  # questionnaire responses (phase satisfaction) linked to the activity
    forms_satisfied: int

    @property
    def surveyed(self) -> int:
        return self.paper_surveyed + self.forms

    @property
    def satisfied(self) -> int:
        return self.paper_satisfied + self.forms_satisfied

    @property
    def rate(self) -> Decimal | None:
        """Satisfied per hundred surveyed, one decimal; None before any survey."""
        if not self.surveyed:
            return None
        return (Decimal(100 * self.satisfied) / self.surveyed).quantize(Decimal("0.1"))


@dataclass
class ActivityFile:
    """Everything of one activity, as its page and its printouts show it."""

    activity: CommunityActivity
    record: RecordDetail | None  # the service record, once held
    sign_ins: list[SignIn]
    satisfaction: Satisfaction

    @property
    def named(self) -> int:
        return len(self.sign_ins)

    @property
    def turnout(self) -> int:
        """Who came: the named sign-ins and the head count of the unnamed."""
        return int(self.record.record.headcount) if self.record is not None else 0


def find(ref: int | str) -> CommunityActivity:
    """A live activity by the number people see (XM-SM-001-A2026-012), its id or uid."""
    text = str(ref).strip()
    if text and not text.isdigit():
        row = CommunityActivity.live().where(CommunityActivity.activity_no == text).first()
        if row is not None:
            return row
    try:
        return crud.get(CommunityActivity, text)
    except NotFoundError:
        raise NotFoundError(_("找不到社区活动：{}", "There is no community activity {}")
                            .format(text)) from None


def held_record(activity_id: int) -> ServiceRecord | None:
    return ServiceRecord.live().where(ServiceRecord.activity == activity_id).first()


def save_plan(values: Mapping[str, Any], actor: Actor, activity_id: int | None = None,
              base_version: int | None = None) -> CommunityActivity:
    """Create or edit an activity's plan (活动方案); a new one is numbered and planned.

    Once held, the record follows the plan's title, category, field, place, worker,
    project and date, so the figures read what the plan says.
    """
    with database.atomic():
        fields = dict(values)
        if activity_id is None:
            fields.setdefault("status", "planned")
            return crud.create(CommunityActivity, fields, actor)
        activity = crud.update(CommunityActivity, activity_id, fields, actor,
                               base_version=base_version)
        record = held_record(int(activity.id))
        if record is not None:
            crud.update(ServiceRecord, record, {
                key: getattr(activity, attr + "_id" if attr in ("worker", "project") else attr)
                for key, attr in _FROM_PLAN.items()}, actor)
    return activity


def hold(actor: Actor, activity_id: int, *, participants: Sequence[int], unnamed_count: Any,
         content: str = "", held_on: Any = None, duration_min: Any = None,
         partners: Sequence[PartnerEntry] = (), volunteers: Sequence[VolunteerEntry] = (),
         base_version: int | None = None) -> ServiceRecord:
    """Record the activity as held: its sign-in, head count and what was done.

    Creates the activity's one service record, or updates it when the sign-in is saved
    again; the activity becomes 已开展 and takes the date it was held on.
    """
    with database.atomic():
        activity = crud.get(CommunityActivity, activity_id)
        if base_version is not None and activity.version != base_version:
            raise ValidationError(_(
                "这条记录在您编辑期间已被修改，请重新打开后再改",
                "This record was changed while you were editing it; reopen it and try again"))
        if activity.status == "cancelled":
            raise ValidationError(_("活动已取消，不能登记签到；请先恢复筹备",
                                    "The activity was cancelled; reopen it first"))
        try:
            unnamed = v.parse_int(unnamed_count if unnamed_count not in (None, "") else 0,
                                  minimum=0, maximum=100_000)
        except ValidationError as exc:
            raise ValidationError({"unnamed_count": _("未登记姓名人数：{}",
                                                      "Participants not named: {}")
                                   .format(exc)}) from None
        day = activity.planned_on if held_on in (None, "") else v.parse_date(held_on)
        if day > dt.date.today():
            raise ValidationError({"date": _("活动尚未开展：开展日期不能晚于今天",
                                             "Not held yet: the date cannot be in the future")})
        named = list(dict.fromkeys(int(c) for c in participants))
        if not named and not unnamed:
            raise ValidationError({"unnamed_count": _(
                "请签到参与者，或填写未登记姓名的人数",
                "Sign in the participants or enter how many came unnamed")})
        record = held_record(int(activity.id))
        here = current_station()
        saved = records.save_service_record({
            "date": day, "kind": "community", "title": activity.title,
            "category": activity.category, "field": activity.field, "place": activity.place,
            "content": content, "duration_min": duration_min, "worker": activity.worker_id,
            "project": activity.project_id, "activity": activity.id,
            "station": here.id if here is not None else None,
            "headcount": len(named) + unnamed,
        }, named, volunteers, partners, actor,
            record_id=int(record.id) if record is not None else None)
        crud.update(CommunityActivity, activity, {
            "status": "held", "unnamed_count": unnamed, "planned_on": day}, actor)
    return saved


def cancel(actor: Actor, activity_id: int) -> CommunityActivity:
    """A planned activity that will not take place (one held stays held)."""
    activity = crud.get(CommunityActivity, activity_id)
    if activity.status == "held":
        raise ValidationError(_("活动已开展，不能取消", "The activity was held; it cannot be "
                                "cancelled"))
    return crud.update(CommunityActivity, activity, {"status": "cancelled"}, actor)


def reopen(actor: Actor, activity_id: int) -> CommunityActivity:
    """A cancelled activity planned again."""
    activity = crud.get(CommunityActivity, activity_id)
    if activity.status != "cancelled":
        return activity
    return crud.update(CommunityActivity, activity, {"status": "planned"}, actor)


def _held(activity_id: int, what: str) -> CommunityActivity:
    activity = crud.get(CommunityActivity, activity_id)
    if activity.status != "held":
        raise ValidationError(_("活动尚未开展，请先登记签到与记录，再填写{}",
                                "The activity has not been held yet: record the sign-in "
                                "before the {}").format(what))
    return activity


def write_summary(actor: Actor, activity_id: int, summary: str) -> CommunityActivity:
    """The activity's summary (活动总结): what it achieved against its aims."""
    activity = _held(activity_id, _("活动总结", "summary"))
    return crud.update(CommunityActivity, activity, {"summary": summary}, actor)


def record_survey(actor: Actor, activity_id: int, surveyed: Any,
                  satisfied: Any) -> CommunityActivity:
    """The paper satisfaction survey tallied: forms returned and those satisfied."""
    activity = _held(activity_id, _("满意度调查", "satisfaction survey"))
    blank = (None, "")
    return crud.update(CommunityActivity, activity, {
        "surveyed": None if surveyed in blank else surveyed,
        "satisfied": None if satisfied in blank else satisfied}, actor)


def conclude(actor: Actor, activity_id: int, summary: str, surveyed: Any,
             satisfied: Any) -> CommunityActivity:
    """The summary and the paper survey saved together, as the page's last tab holds them."""
    activity = _held(activity_id, _("活动总结", "summary"))
    blank = (None, "")
    return crud.update(CommunityActivity, activity, {
        "summary": summary, "surveyed": None if surveyed in blank else surveyed,
        "satisfied": None if satisfied in blank else satisfied}, actor)


def satisfaction(activity: CommunityActivity) -> Satisfaction:
    bands = [r.band for r in QuestionnaireResponse.live().select(QuestionnaireResponse.band)
             .where((QuestionnaireResponse.activity == activity.id)
                    & (QuestionnaireResponse.phase == "satisfaction"))]
    return Satisfaction(int(activity.surveyed or 0), int(activity.satisfied or 0), len(bands),
                        sum(1 for band in bands if (band or "") in SATISFIED_BANDS))


def sign_ins(record_id: int) -> list[SignIn]:
    """The named participants in the order they signed in."""
    query = (Client.select(Client.id, Client.name, Client.phone, Client.community)
             .join(ServiceParticipant, on=(ServiceParticipant.client == Client.id))
             .where(ServiceParticipant.record == record_id).order_by(ServiceParticipant.id))
    return [SignIn(int(c.id), str(c.name), str(c.phone or ""), str(c.community or ""))
            for c in query]


def activity_file(ref: int | str) -> ActivityFile:
    activity = find(ref)
    record = held_record(int(activity.id))
    detail = records.record_detail(int(record.id)) if record is not None else None
    return ActivityFile(activity, detail, sign_ins(int(record.id)) if record else [],
                        satisfaction(activity))
