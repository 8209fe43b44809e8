"""The work list as the window shows it (待办 page, the 工作台's block, the start reminder).

``tasks.work_list`` computes the tasks; this module puts them in words for one person:
whose list it is (a worker sees their own, the head and the administrator everyone's or
one worker's), each row's kind, due date and who goes, the counts, and whether today's
reminder of overdue tasks is still to be shown to this user. The window reads it off
the GUI thread and holds no rule of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from swdesk import settings
from swdesk.handle import StationHandle
from swdesk.i18n import _
from swdesk.model import Volunteer, Worker, database
from swdesk.services import station as station_service
from swdesk.services import tasks
from swdesk.services.actor import Actor

SECTIONS = ("overdue", "today", "this_week")
SEES_ALL = frozenset({"head", "admin"})  # roles that see every worker's list
FIRST_OVERDUE = 5  # the overdue tasks the 工作台 names


def today() -> dt.date:
    """The work list's today (tests fix it)."""
    return dt.date.today()


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week (the rota's week)."""
    return day - dt.timedelta(days=day.weekday())


def rota_week(day: dt.date) -> dt.date:
    """The week whose rota one prints on ``day``: this one on a weekday, the coming one
    at the weekend (when a station hands out next week's rota)."""
    return week_start(day) + dt.timedelta(days=7 if day.weekday() >= 5 else 0)


def sees_all(actor: Actor) -> bool:
    return actor.role in SEES_ALL


def worker_choices(actor: Actor) -> list[tuple[int, str]]:
    """The workers whose list ``actor`` may choose to see (none for a worker: their own)."""
    return station_service.workers_by_name() if sees_all(actor) else []


def scope(actor: Actor, chosen: int | None) -> tuple[bool, int | None]:
    """(anything to show, the worker filter): a worker's own list whatever was chosen (an
    account with no worker record has none); the head's choice, None for everyone."""
    if sees_all(actor):
        return True, chosen
    return actor.worker_id is not None, actor.worker_id


def kind_label(task: tasks.Task) -> str:
    """探访 / 电话 (a visit by its way), 下一步, 回访, 需求."""
    if task.kind == "visit":
        return _("电话", "Call") if task.way == "phone" else _("探访", "Visit")
    return {"next_step": _("下一步", "Next step"), "follow_up": _("回访", "Follow-up"),
            "need": _("需求", "Need")}.get(task.kind, task.kind)


WEEKDAYS = (("周一", "Mon"), ("周二", "Tue"), ("周三", "Wed"), ("周四", "Thu"),
            ("周五", "Fri"), ("周六", "Sat"), ("周日", "Sun"))


def due_text(task: tasks.Task, section: str) -> str:
    """"逾期 3 天", "今天", or the day of this week ("12月10日 周四")."""
    if section == "overdue":
        return _("逾期 {} 天", "{} days overdue").format(task.overdue_days)
    if section == "today":
        return _("今天", "Today")
    zh, en = WEEKDAYS[task.due_on.weekday()]
    return _("{}月{}日 {}", "{2} {0}/{1}").format(task.due_on.month, task.due_on.day,
                                                 _(zh, en))


@dataclass(frozen=True)
class WorkRow:
    task: tasks.Task
    section: str  # overdue | today | this_week
    due: str  # in words
    kind: str  # in words
    client: str  # the client's name as this person may see it
    who: str  # the worker, and the volunteer who goes with or for them


@dataclass(frozen=True)
class WorkView:
    rows: list[WorkRow] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SECTIONS, 0))

    def first_overdue(self, n: int = FIRST_OVERDUE) -> list[WorkRow]:
        return [row for row in self.rows if row.section == "overdue"][:n]


def _names(model: type[Worker] | type[Volunteer], ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {int(r.id): str(r.name) for r in model.select(model.id, model.name)
            .where(model.id.in_(sorted(ids)))}


def work_view(station: StationHandle, *, on: dt.date, worker_id: int | None = None
              ) -> WorkView:
    """The rows of the 待办 page for ``station.actor`` (``worker_id``: the head's choice)."""
    return _view(station, on, worker_id, first=None)


def summary(station: StationHandle, *, on: dt.date, first: int = FIRST_OVERDUE) -> WorkView:
    """What the 工作台's 今日待办 shows of the actor's own :func:`work_view`: every count,
    and the rows of the ``first`` overdue tasks only (at city size the whole list's rows
    are some 100,000 objects made for five lines)."""
    return _view(station, on, None, first=first)


def _view(station: StationHandle, on: dt.date, worker_id: int | None, *, first: int | None
          ) -> WorkView:
    show, worker = scope(station.actor, worker_id)
    if not show:
        return WorkView()
    with station.bound():
        listed = tasks.work_list(station, today=on, worker_id=worker)
        parts = {"overdue": listed.overdue, "today": listed.today,
                 "this_week": listed.this_week}
        counts = {section: len(found) for section, found in parts.items()}
        if first is not None:
            parts = {"overdue": listed.overdue[:first]}
        every = [t for part in parts.values() for t in part]
        workers = _names(Worker, {t.worker_id for t in every if t.worker_id is not None})
        volunteers = _names(Volunteer, {t.volunteer_id for t in every
                                        if t.volunteer_id is not None})
    shown = tasks.shown_names(station, every)
    rows = []
    for section, found in parts.items():
        for task in found:
            who = [workers.get(task.worker_id, "") if task.worker_id is not None else "",
                   volunteers.get(task.volunteer_id, "")
                   if task.volunteer_id is not None else ""]
            rows.append(WorkRow(task, section, due_text(task, section), kind_label(task),
                                shown.get(task.key, task.client_name),
                                "、".join(name for name in who if name)))
    return WorkView(rows, counts)


def reminder(station: StationHandle, *, on: dt.date, view: WorkView | None = None) -> int:
    """How many tasks are overdue, if this user has not been told yet today; 0 otherwise.

    Asking is being told: the start-up notice shows once a day per user, not at every
    sign-in (a worker signs in after each idle lock). ``view``: the user's own
    ``work_view`` of ``on`` already at hand (the 工作台's), whose overdue count is taken
    rather than the work list computed again."""
    show, worker = scope(station.actor, None)
    if not show:
        return 0
    user = station.actor.username
    with station.bound():
        told = settings.WORK_REMINDED.get()
        if told.get(user) == on.isoformat():
            return 0
        count = view.counts["overdue"] if view is not None \
            else tasks.overdue_count(station, on, worker)
        if count:
            with database.atomic():
                settings.WORK_REMINDED.set({**told, user: on.isoformat()})
    return count


def draft(station: StationHandle, task: tasks.Task, *, on: dt.date) -> dict[str, Any]:
    """What the 完成 dialog starts with: ``tasks.draft``, done on ``on`` (today), with words
    for what was done so that Enter saves at once: the visit or call, the planned next
    step, the follow-up (the person adds what happened, or not)."""
    values = tasks.draft(station, task)
    values["date"] = on
    if not values.get("content"):
        if task.kind == "visit":
            values["content"] = (_("邻里守望电话问候", "Neighbourhood care call")
                                 if values.get("way") == "phone"
                                 else _("邻里守望探访", "Neighbourhood care visit"))
        elif task.kind == "follow_up":
            values["content"] = _("结案回访", "Follow-up after closure")
        else:
            values["content"] = task.title
    return values
