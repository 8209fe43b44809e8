"""Closing a case, its follow-up visit (回访), and its referrals (转介) with their receipts.

Closing asks for the attainment of every goal of the service plan, the reason, the
client's satisfaction and the closure summary, and schedules the follow-up visit (by
default a month after closing). Each action writes in one transaction: a bad value
anywhere and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from swdesk import privacy, reference
from swdesk.db import faults
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import Case, CaseGoal, CaseLog, Referral, database, describe
from swdesk.services import case_goals, crud, display
from swdesk.services.actor import Actor

# A client who died or cannot be reached gives no satisfaction; one who died gets no visit.
NO_SATISFACTION = frozenset({"died", "lost_contact"})
NO_FOLLOW_UP = frozenset({"died"})
FOLLOW_UP_MONTHS = 1


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day (31 January → 28 February)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def default_follow_up(closed_on: dt.date) -> dt.date:
    return add_months(closed_on, FOLLOW_UP_MONTHS)


@dataclass(frozen=True)
class Closure:
    """What the worker says when closing a case."""

    closed_on: Any
    reason: str | None
    satisfaction: str | None
    summary: str | None
    attainments: Mapping[int, str | None] = field(default_factory=dict)  # goal id → code
    notes: Mapping[int, str] = field(default_factory=dict)  # goal id → how it was reached
    follow_up_on: Any = None  # None: a month after closing (none if the client died)


def _parsed(model: type[Any], key: str, raw: Any, errors: dict[str, str]) -> Any:
    spec = describe(model).field(key)
    try:
        value = spec.parse(raw)
        if value is not None and spec.kind == "choice":
            value = reference.resolve(spec.ref_list or "", value, spec.label)
        return value
    except ValidationError as exc:
        errors[key] = crud.labelled(spec.label, str(exc))
        return None


def _required(key: str, value: Any, errors: dict[str, str]) -> None:
    if key not in errors and (value is None or value == ""):
        errors[key] = _("{}：不能为空", "{}: required").format(describe(Case).field(key).label)


def goal_key(goal_id: int) -> str:
    """The key of a goal's attainment in a closure's ValidationError."""
    return f"goal_{goal_id}"


def close_case(case_id: int, closure: Closure, actor: Actor) -> Case:
    """Close the case: every goal's attainment, reason, satisfaction, summary, follow-up.

    Raises one ValidationError naming every missing or bad item (a goal's by
    :func:`goal_key`); nothing is written then.
    """
    with faults.guard(), database.atomic():
        case = crud.get(Case, case_id)
        if case.stage == "closed":
            raise ValidationError(_("个案已于 {} 结案", "The case was closed on {}").format(
                case.closed_on))
        errors: dict[str, str] = {}
        closed_on = _parsed(Case, "closed_on", closure.closed_on, errors)
        reason = _parsed(Case, "closure_reason", closure.reason, errors)
        satisfaction = _parsed(Case, "satisfaction", closure.satisfaction, errors)
        summary = _parsed(Case, "closure_summary", closure.summary, errors)
        follow_up_on = _parsed(Case, "follow_up_on", closure.follow_up_on, errors)
        _required("closed_on", closed_on, errors)
        _required("closure_reason", reason, errors)
        if reason not in NO_SATISFACTION:
            _required("satisfaction", satisfaction, errors)
        _required("closure_summary", summary, errors)
        if reason in NO_FOLLOW_UP:
            follow_up_on = None
        elif follow_up_on is None and closed_on is not None:
            follow_up_on = default_follow_up(closed_on)
        goal_values = _goal_values(int(case.id), closure, errors)
        if errors:
            raise ValidationError(errors)
        for goal_id, values in goal_values.items():
            crud.update(CaseGoal, goal_id, values, actor)
        return crud.update(Case, case, {
            "stage": "closed", "closed_on": closed_on, "closure_reason": reason,
            "satisfaction": satisfaction, "closure_summary": summary,
            "follow_up_on": follow_up_on}, actor)


def _goal_values(case_id: int, closure: Closure, errors: dict[str, str]) -> dict[
        int, dict[str, Any]]:
    """Each goal's attainment (given, else what it had) and note; a missing one an error."""
    goals = {int(g.id): g for g in case_goals.goals(case_id)}
    strangers = sorted(set(closure.attainments) - set(goals))
    if strangers:
        errors[""] = _("这些服务目标不属于该个案：{}", "These goals are not the case's: {}") \
            .format("、".join(str(s) for s in strangers))
    out: dict[int, dict[str, Any]] = {}
    for goal_id, goal in goals.items():
        raw = closure.attainments.get(goal_id) or goal.attainment
        key = goal_key(goal_id)
        local: dict[str, str] = {}
        attainment = _parsed(CaseGoal, "attainment", raw, local)
        if local:
            errors[key] = _("目标{}：{}", "Goal {}: {}").format(goal.seq, local["attainment"])
        elif attainment is None:
            errors[key] = _("请填写目标{}“{}”的达成情况", "Say how far goal {} ({}) was reached") \
                .format(goal.seq, goal.goal)
        values: dict[str, Any] = {"attainment": attainment}
        if goal_id in closure.notes:
            values["attainment_note"] = closure.notes[goal_id]
        out[goal_id] = values
    return out


def record_follow_up(case_id: int, actor: Actor, *, followed_up_on: Any, note: str | None,
                     way: str | None = None) -> Case:
    """The follow-up visit done: its date and what was found; with ``way`` (a
    ``contact_way`` code) it is also written as a case log of that date."""
    with faults.guard(), database.atomic():
        case = crud.get(Case, case_id)
        if case.stage != "closed":
            raise ValidationError(_("个案结案后才能回访", "A follow-up comes after the case "
                                    "is closed"))
        errors: dict[str, str] = {}
        day = _parsed(Case, "followed_up_on", followed_up_on, errors)
        text = _parsed(Case, "follow_up_note", note, errors)
        _required("followed_up_on", day, errors)
        _required("follow_up_note", text, errors)
        if errors:
            raise ValidationError(errors)
        updated = crud.update(Case, case, {"followed_up_on": day, "follow_up_note": text},
                              actor)
        if way:
            values: dict[str, Any] = {"case": case.id, "date": day, "way": way,
                                      "content": _("回访：{}", "Follow-up: {}").format(text)}
            if actor.worker_id is not None:
                values["worker"] = actor.worker_id
            crud.create(CaseLog, values, actor)
        return updated


@dataclass(frozen=True, slots=True)
class FollowUp:
    """Where a closed case's follow-up stands, as the case page says it."""

    state: str  # none | due | overdue | done
    due_on: dt.date | None
    done_on: dt.date | None

    def words(self, today: dt.date) -> str:
        if self.state == "done":
            return _("已于 {} 回访", "Followed up on {}").format(self.done_on)
        if self.state == "overdue" and self.due_on is not None:
            return _("应于 {} 回访，已过 {} 天", "Follow-up was due on {}, {} days ago").format(
                self.due_on, (today - self.due_on).days)
        if self.state == "due":
            return _("计划于 {} 回访", "Follow-up due on {}").format(self.due_on)
        return _("无需回访", "No follow-up")


def follow_up(case: Case, today: dt.date | None = None) -> FollowUp:
    today = today or dt.date.today()
    if case.followed_up_on is not None:
        return FollowUp("done", case.follow_up_on, case.followed_up_on)
    if case.follow_up_on is None:
        return FollowUp("none", None, None)
    return FollowUp("overdue" if case.follow_up_on < today else "due", case.follow_up_on, None)


def add_referral(case_id: int, values: Mapping[str, Any], actor: Actor) -> Referral:
    """A referral out of or into the case (organisation, date, reason, result, receipt)."""
    return crud.create(Referral, {**values, "case": case_id}, actor)


def record_receipt(referral_id: int, actor: Actor, *, receipt_on: Any, receipt_note: str | None,
                   result: str | None = None) -> Referral:
    """The receiving organisation's receipt (回执) of a referral: its date and what it said."""
    errors: dict[str, str] = {}
    day = _parsed(Referral, "receipt_on", receipt_on, errors)
    text = _parsed(Referral, "receipt_note", receipt_note, errors)
    for key, value in (("receipt_on", day), ("receipt_note", text)):
        if key not in errors and not value:
            errors[key] = _("{}：不能为空", "{}: required").format(
                describe(Referral).field(key).label)
    if errors:
        raise ValidationError(errors)
    values: dict[str, Any] = {"receipt_on": day, "receipt_note": text}
    if result is not None:
        values["result"] = result
    return crud.update(Referral, referral_id, values, actor)


@dataclass(frozen=True, slots=True)
class ReferralLine:
    """One referral as the case page's 转介 table shows it; the reason, result and receipt
    are about the client, masked for one who may not see them."""

    id: int
    direction: str  # its label: 转出 / 转入
    date: dt.date
    organisation: str
    reason: str
    result: str
    receipt_on: dt.date | None
    receipt_note: str


def referral_lines(case_id: int, actor: Actor) -> list[ReferralLine]:
    """The case's live referrals, oldest first."""
    rows = list(Referral.live().where(Referral.case == case_id)
                .order_by(Referral.date, Referral.id))
    lines = []
    for row in rows:
        shown = privacy.may_reveal(actor, row)

        def text(value: str | None, shown: bool = shown) -> str:
            return str(value or "") if shown or not value else display.mask(value, "text")

        lines.append(ReferralLine(
            int(row.id), reference.label("referral_direction", row.direction), row.date,
            str(row.organisation), text(row.reason), text(row.result), row.receipt_on,
            text(row.receipt_note)))
    return lines
