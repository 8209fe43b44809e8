"""The goals of a case's service plan: add, edit, delete, reorder.

Each goal has its measures and a target date; its attainment is asked for when the case
closes (:mod:`swdesk.services.case_closure`). The goals are numbered 1, 2, 3 … in the
order the worker puts them (``seq``), and stay so numbered after a delete or a move.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from swdesk import reference
from swdesk.db import faults
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import Case, CaseGoal, database
from swdesk.services import crud
from swdesk.services.actor import Actor

# What the worker types for a goal; the case and the number are the service's to set.
GOAL_FIELDS = ("goal", "measures", "target_on", "attainment", "attainment_note")
MAX_GOALS = 99  # the description's limit of ``seq``


@dataclass(frozen=True, slots=True)
class GoalLine:
    """One goal as the case page's table shows it."""

    id: int
    seq: int
    goal: str
    measures: str
    target_on: dt.date | None
    attainment: str | None  # a ``goal_attainment`` code
    attainment_label: str
    attainment_note: str


def goals(case_id: int) -> list[CaseGoal]:
    """The live goals of a case, in their order."""
    return list(CaseGoal.live().where(CaseGoal.case == case_id)
                .order_by(CaseGoal.seq, CaseGoal.id))


def goal_lines(case_id: int) -> list[GoalLine]:
    return [GoalLine(int(g.id), int(g.seq), str(g.goal), str(g.measures or ""), g.target_on,
                     g.attainment, reference.label("goal_attainment", g.attainment)
                     if g.attainment else "", str(g.attainment_note or ""))
            for g in goals(case_id)]


def _typed(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(values) - set(GOAL_FIELDS))
    if unknown:
        raise ValidationError(_("服务目标没有这些项：{}", "A goal has no such fields: {}")
                              .format("、".join(unknown)))
    return dict(values)


def add_goal(case_id: int, values: Mapping[str, Any], actor: Actor) -> CaseGoal:
    """A new goal at the end of the case's list."""
    values = _typed(values)
    with faults.guard(), database.atomic():
        case = crud.get(Case, case_id)
        if case.stage == "closed":
            raise ValidationError(_("个案已结案，不能再添加服务目标",
                                    "The case is closed; no goal can be added"))
        current = goals(int(case.id))
        if len(current) >= MAX_GOALS:
            raise ValidationError(_("一个个案最多 {} 个服务目标", "A case has at most {} goals")
                                  .format(MAX_GOALS))
        seq = max((int(g.seq) for g in current), default=0) + 1
        return crud.create(CaseGoal, {**values, "case": case.id, "seq": seq}, actor)


def edit_goal(goal_id: int, values: Mapping[str, Any], actor: Actor) -> CaseGoal:
    return crud.update(CaseGoal, goal_id, _typed(values), actor)


def delete_goal(goal_id: int, actor: Actor) -> None:
    """Delete a goal; the ones after it move up a number."""
    with faults.guard(), database.atomic():
        goal = crud.get(CaseGoal, goal_id)
        crud.delete(CaseGoal, goal, actor)
        _renumber(goals(int(goal.case_id)), actor)


def move_goal(goal_id: int, step: int, actor: Actor) -> CaseGoal:
    """Move a goal ``step`` places up (negative) or down the list; at an end it stays."""
    with faults.guard(), database.atomic():
        goal = crud.get(CaseGoal, goal_id)
        order = goals(int(goal.case_id))
        index = next(i for i, g in enumerate(order) if g.id == goal.id)
        target = max(0, min(len(order) - 1, index + step))
        order.insert(target, order.pop(index))
        _renumber(order, actor)
    return crud.get(CaseGoal, goal_id)


def _renumber(order: list[CaseGoal], actor: Actor) -> None:
    for seq, goal in enumerate(order, start=1):
        if goal.seq != seq:
            crud.update(CaseGoal, goal, {"seq": seq}, actor)
