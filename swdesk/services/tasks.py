"""Today's work (issue 25): the dated tasks a worker has, computed, never stored.

Four sources give tasks:

- ``visit``: an active client (服务中) whose target groups, or whose open case's risk
  level, have a visit rule (``swdesk.visit_rules``), or whose own ``visit_every_days``
  is set (it overrides the rules); the shortest interval applies. Due on the last care
  visit (``visit_seen``: a service record marked 邻里守望 the client took part in, or a
  case log so marked of the client's case) plus the interval. A client never visited is
  due on the later of the registration day and the day the rules came to this station
  (a station that takes this version does not find every client years overdue).
- ``next_step``: the dated next step (``next_step_on``) of the newest log of an open case;
  a later log of the case is what doing it leaves behind.
- ``follow_up``: a closed case's follow-up (``follow_up_on`` set, ``followed_up_on`` not).
- ``need``: an open need's deadline (``Need.due_on``); matched or closed elsewhere.

A task's worker: the client's visiting worker, else the case's worker, else the need's.
A worker sees their own; the head and administrators all (or one worker's). A task
put off (:func:`postpone`) keeps its key and moves to the day given, until what it was
due for changes (a visit recorded moves the next one's due date: the postponement of
the earlier one no longer applies).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, NamedTuple

from swdesk import privacy, reference, visit_rules
from swdesk.db import visit_seen
from swdesk.errors import ValidationError
from swdesk.handle import StationHandle
from swdesk.i18n import _
from swdesk.model import Case, CaseLog, Client, ServiceRecord, TaskDeferral, database
from swdesk.model.described import text_to_codes
from swdesk.privacy import FULL_ACCESS_ROLES
from swdesk.services import case_closure, cases, journal, records
from swdesk.services.display import name_for_colleague
from swdesk.services.lists import excerpt

KINDS = ("visit", "next_step", "follow_up", "need")
ACTIVE = "active"  # client_status 服务中
WEEK_DAYS = 7  # "this week": the seven days after today
MAX_POSTPONE_DAYS = 366
_DEFAULT_WAY = "home_visit"


class Task(NamedTuple):
    """One dated thing to do (a named tuple: the head's list at city size holds tens of
    thousands, made in a blink)."""

    key: str  # stable across runs: kind and the row it is about
    kind: str  # visit | next_step | follow_up | need
    due_on: dt.date  # after any postponement
    client_id: int | None
    client_name: str
    title: str
    worker_id: int | None
    volunteer_id: int | None
    case_id: int | None
    need_id: int | None
    case_log_id: int | None
    way: str | None  # contact_way code the rule or the log suggests
    overdue_days: int
    planned_on: dt.date | None = None  # the due date before a postponement
    every_days: int | None = None  # a visit's interval
    last_visit_on: dt.date | None = None  # a visit's last care visit

    @property
    def postponed(self) -> bool:
        return self.planned_on is not None and self.planned_on != self.due_on


@dataclass(frozen=True, slots=True)
class WorkList:
    overdue: list[Task] = field(default_factory=list)
    today: list[Task] = field(default_factory=list)
    this_week: list[Task] = field(default_factory=list)

    def all(self) -> list[Task]:
        return [*self.overdue, *self.today, *self.this_week]


# --- whose tasks ---

def _scope(station: StationHandle, worker_id: int | None) -> tuple[bool, int | None]:
    """(everyone's?, the worker whose tasks) for the actor: a worker sees their own."""
    actor = station.actor
    if actor.role in FULL_ACCESS_ROLES:
        return worker_id is None, worker_id
    if worker_id is not None and worker_id != actor.worker_id:
        raise ValidationError(_("只有站长和管理员可以查看其他社工的待办",
                                "Only the station head and administrators may see another "
                                "worker's tasks"))
    return False, actor.worker_id


# --- the rules of a client ---

class _Rules:
    """The visit rules, the answer memoised per (groups, risk) as stored on clients."""

    def __init__(self, db: Any) -> None:
        self.by = visit_rules.table(db)
        self._memo: dict[tuple[str, str], tuple[int, str] | None] = {}

    def of(self, groups: str, risk: str) -> tuple[int, str] | None:
        key = (groups, risk)
        if key not in self._memo:
            self._memo[key] = visit_rules.shortest(self.by, text_to_codes(groups), risk)
        return self._memo[key]


# --- the computation ---

def _deferrals(db: Any) -> dict[tuple[str, str], dt.date]:
    """(task key, due date put off) -> the newest date it was put off to."""
    out: dict[tuple[str, str], dt.date] = {}
    for key, due, to in db.execute_sql(
            "SELECT task_key, due_on, deferred_to FROM task_deferral ORDER BY id"):
        out[(str(key), str(due))] = dt.date.fromisoformat(str(to))
    return out


def _day(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


class _Collector:
    def __init__(self, today: dt.date, until: dt.date, deferrals: dict[tuple[str, str], dt.date],
                 everyone: bool, worker_id: int | None) -> None:
        self.today, self.until, self.deferrals = today, until, deferrals
        self.everyone, self.worker_id = everyone, worker_id
        self.tasks: list[Task] = []

    def mine(self, worker_id: int | None) -> bool:
        return self.everyone or (self.worker_id is not None and worker_id == self.worker_id)

    def due(self, key: str, planned: dt.date) -> dt.date | None:
        """The due date after any postponement, None when after ``until``."""
        moved = self.deferrals.get((key, planned.isoformat()), planned) if self.deferrals \
            else planned
        return moved if moved <= self.until else None

    def add(self, key: str, kind: str, planned: dt.date, due: dt.date, *,
            client_name: str = "", **kw: Any) -> None:
        overdue = (self.today - due).days if due < self.today else 0
        self.tasks.append(Task(key=key, kind=kind, due_on=due, planned_on=planned,
                               overdue_days=overdue, client_name=client_name, **kw))

    def visit(self, cid: int, name: str, planned: dt.date, title: str, worker: int | None,
              volunteer: int | None, case_id: int | None, way: str, every: int,
              last_on: dt.date | None) -> None:
        """A visit task (positional: the head's list makes tens of thousands)."""
        key = f"visit:{cid}"
        due = self.deferrals.get((key, planned.isoformat()), planned) if self.deferrals \
            else planned
        if due <= self.until:
            self.tasks.append(Task(key, "visit", due, cid, name, title, worker, volunteer,
                                   case_id, None, None, way,
                                   (self.today - due).days if due < self.today else 0,
                                   planned, every, last_on))


# A client's newest open case: its worker and risk level count for the visits.
_OPEN_CASES = ('SELECT k.client_id, k.id AS case_id, k.worker_id, coalesce(k.risk_level, \'\') '
               'AS risk FROM "case" k WHERE k.id IN (SELECT max(id) FROM "case" '
               "WHERE deleted = 0 AND stage <> 'closed' GROUP BY client_id)")
# The visits due by :until, picked out where the rows are: the client columns come from
# their covering index (migration 0008), the last visit from visit_seen, the interval from
# the rules: ``r0`` each stored target-group text's shortest rule, ``rr`` the same with a
# risk level (for a client with an open case). (A join on the risk level for every client
# costs the index lookup its speed: bench/README.md.)
_VISITS = (
    "WITH oc AS MATERIALIZED (" + _OPEN_CASES + "), "
    "r0(groups, every, way) AS MATERIALIZED ({plain}), "
    "rr(groups, risk, every, way) AS MATERIALIZED ({risky}), "
    "ruled AS (SELECT c.id AS cid, c.name AS name, c.visitor_worker_id AS vw, "
    "c.visitor_volunteer_id AS vv, oc.case_id AS case_id, oc.worker_id AS kw, "
    "c.registered_on AS registered, coalesce(c.visit_every_days, rr.every, r0.every) AS every, "
    "coalesce(rr.way, r0.way, :way) AS way, v.last_on AS last_on "
    "FROM client c LEFT JOIN oc ON oc.client_id = c.id "
    "LEFT JOIN r0 ON r0.groups = coalesce(c.target_groups, '') "
    "LEFT JOIN rr ON rr.groups = coalesce(c.target_groups, '') AND rr.risk = oc.risk "
    "LEFT JOIN visit_seen v ON v.client_id = c.id "
    "WHERE c.deleted = 0 AND c.status = :active {who}) "
    "SELECT cid, name, vw, vv, case_id, kw, every, way, last_on, registered FROM ruled "
    "WHERE every IS NOT NULL AND (last_on IS NULL "
    "OR last_on <= date(:until, '-' || every || ' days'))")
_ONE_WORKER = ("AND c.id IN (SELECT id FROM client WHERE deleted = 0 AND status = :active "
               "AND visitor_worker_id = :worker UNION SELECT client_id FROM oc "
               "WHERE worker_id = :worker)")
_NO_ROWS = "SELECT {} WHERE 0"


def _rule_rows(db: Any, rules: _Rules) -> tuple[str, str, dict[str, Any]]:
    """``r0``'s and ``rr``'s rows (SQL and parameters): every stored target-group text of
    an active client, alone and with each risk level open cases have, where a rule fits."""
    groups = [g for (g,) in db.execute_sql(
        "SELECT DISTINCT coalesce(target_groups, '') FROM client "
        "WHERE deleted = 0 AND status = ?", (ACTIVE,))]
    risks = [r for (r,) in db.execute_sql(
        "SELECT DISTINCT risk_level FROM \"case\" WHERE deleted = 0 AND stage <> 'closed' "
        "AND risk_level IS NOT NULL AND risk_level <> ''")]
    plain: list[str] = []
    risky: list[str] = []
    params: dict[str, Any] = {}
    for g in groups:
        for r in ["", *risks]:
            rule = rules.of(g, r)
            if rule is None:
                continue
            n = len(params)
            params.update({f"g{n}": g, f"r{n}": r, f"e{n}": rule[0], f"w{n}": rule[1]})
            if r:
                risky.append(f"(:g{n}, :r{n}, :e{n}, :w{n})")
            else:
                plain.append(f"(:g{n}, :e{n}, :w{n})")
    return ("VALUES " + ", ".join(plain) if plain else _NO_ROWS.format("NULL, NULL, NULL"),
            "VALUES " + ", ".join(risky) if risky else _NO_ROWS.format("NULL, NULL, NULL, NULL"),
            params)


def _visits(db: Any, c: _Collector, rules: _Rules) -> None:
    if not c.everyone and c.worker_id is None:
        return
    plain, risky, params = _rule_rows(db, rules)
    since = visit_rules.since() or c.today
    params.update(active=ACTIVE, way=_DEFAULT_WAY, until=c.until.isoformat(),
                  worker=c.worker_id)
    who = "" if c.everyone else _ONE_WORKER
    fromiso, days = dt.date.fromisoformat, dt.timedelta
    visit, mine, everyone = c.visit, c.mine, c.everyone
    title = _("邻里守望探访（每{}天）", "Care visit (every {} days)")
    titles: dict[int, str] = {}
    for cid, name, vw, vv, case_id, kw, every, way, last_text, registered in db.execute_sql(
            _VISITS.format(plain=plain, risky=risky, who=who), params):
        worker = vw if vw is not None else kw
        if not everyone and not mine(worker):
            continue
        text = titles.get(every)
        if text is None:
            text = titles[every] = title.format(every)
        last_on: dt.date | None = None
        if last_text:
            seen = fromiso(last_text)
            planned, last_on = seen + days(every), seen
        else:  # never visited: from registration, or from when the rules came
            reg = _day(registered)
            planned = max(reg, since) if reg is not None else since
        visit(cid, name, planned, text, worker, vv, case_id, way, every, last_on)


def _dated(c: _Collector, kind: str, row_id: int, on: Any, worker: int | None,
           **kw: Any) -> None:
    """A task of a row's own date (a next step, a follow-up, a need's deadline)."""
    planned = _day(on)
    if planned is None or not c.mine(worker):
        return
    key = f"{kind}:{row_id}"
    due = c.due(key, planned)
    if due is not None:
        c.add(key, kind, planned, due, worker_id=worker, **kw)


def _next_steps(db: Any, c: _Collector) -> None:
    """The dated next step of each open case's newest log (found in the index on
    case_log (case, deleted, date)); a later log is what doing it leaves behind."""
    who = "" if c.everyone else "AND k.worker_id = :worker "
    for log_id, case_id, on, text, way, client_id, worker in db.execute_sql(
            'SELECT l.id, l.case_id, l.next_step_on, l.next_step, l.way, k.client_id, k.worker_id '
            'FROM "case" k JOIN case_log l ON l.id = (SELECT n.id FROM case_log n '
            "WHERE n.case_id = k.id AND n.deleted = 0 ORDER BY n.date DESC, n.id DESC LIMIT 1) "
            "WHERE k.deleted = 0 AND k.stage <> 'closed' " + who +
            "AND l.next_step_on IS NOT NULL AND l.next_step_on <= :until",
            {"worker": c.worker_id, "until": c.until.isoformat()}):
        _dated(c, "next_step", log_id, on, worker, client_id=client_id,
               title=excerpt(text or "") or _("下一步计划", "Next step"), volunteer_id=None,
               case_id=case_id, need_id=None, case_log_id=log_id, way=way)


def _follow_ups(db: Any, c: _Collector) -> None:
    for case_id, case_no, client_id, worker, on in db.execute_sql(
            'SELECT id, case_no, client_id, worker_id, follow_up_on FROM "case" '
            "WHERE deleted = 0 AND stage = 'closed' AND follow_up_on <= :until "
            "AND followed_up_on IS NULL" + ("" if c.everyone else " AND worker_id = :worker"),
            {"until": c.until.isoformat(), "worker": c.worker_id}):
        _dated(c, "follow_up", case_id, on, worker, client_id=client_id,
               title=_("结案回访 {}", "Follow-up of case {}").format(case_no or ""),
               volunteer_id=None, case_id=case_id, need_id=None, case_log_id=None,
               way=_DEFAULT_WAY)


def _needs(db: Any, c: _Collector) -> None:
    for need_id, client_id, worker, volunteer, on, category in db.execute_sql(
            "SELECT id, client_id, worker_id, volunteer_id, due_on, category FROM need "
            "WHERE deleted = 0 AND status = 'open' AND due_on <= :until"
            + ("" if c.everyone else " AND worker_id = :worker"),
            {"until": c.until.isoformat(), "worker": c.worker_id}):
        _dated(c, "need", need_id, on, worker, client_id=client_id,
               title=_("需求对接：{}", "Match a need: {}").format(
                   reference.label("service_category", category)),
               volunteer_id=volunteer, case_id=None, need_id=need_id, case_log_id=None,
               way=None)


def _replace(task: Task, **changes: Any) -> Task:
    return task._replace(**changes)


def _names(db: Any, tasks: list[Task]) -> list[Task]:
    wanted = sorted({t.client_id for t in tasks if t.client_id is not None and not t.client_name})
    names: dict[int, str] = {}
    for i in range(0, len(wanted), 500):
        block = wanted[i:i + 500]
        marks = ",".join("?" * len(block))
        names.update((int(k), str(n)) for k, n in db.execute_sql(
            f"SELECT id, name FROM client WHERE id IN ({marks})", block))
    return [t if t.client_name or t.client_id is None
            else _replace(t, client_name=names.get(t.client_id, "")) for t in tasks]


def compute(station: StationHandle, *, today: dt.date, worker_id: int | None = None,
            until: dt.date | None = None, kinds: Iterable[str] = KINDS) -> list[Task]:
    """Every task due by ``until`` (default: a week after today), due date order."""
    everyone, worker = _scope(station, worker_id)
    until = until or today + dt.timedelta(days=WEEK_DAYS)
    with station.bound():
        db = station.db
        c = _Collector(today, until, _deferrals(db), everyone, worker)
        wanted = set(kinds)
        if "visit" in wanted:
            _visits(db, c, _Rules(db))
        if "next_step" in wanted:
            _next_steps(db, c)
        if "follow_up" in wanted:
            _follow_ups(db, c)
        if "need" in wanted:
            _needs(db, c)
        tasks = _names(db, c.tasks)
    # (stable: a day's tasks stay in the order of KINDS, then as the queries gave them)
    tasks.sort(key=attrgetter("due_on"))
    return tasks


def work_list(station: StationHandle, *, today: dt.date, worker_id: int | None = None,
              until: dt.date | None = None) -> WorkList:
    """Overdue, today's and this week's tasks of the actor (or of ``worker_id``)."""
    out = WorkList()
    for task in compute(station, today=today, worker_id=worker_id, until=until):
        if task.due_on < today:
            out.overdue.append(task)
        elif task.due_on == today:
            out.today.append(task)
        else:
            out.this_week.append(task)
    return out


def shown_names(station: StationHandle, items: Iterable[Task]) -> dict[str, str]:
    """Task key -> the client's name as the actor may see it: in full for the task's own
    worker (who must know whom to visit) and whoever may see the client
    (``privacy.visible_clients``), the surname alone for anyone else."""
    actor = station.actor
    with station.bound():
        visible = privacy.visible_clients(actor)
    return {t.key: t.client_name if visible is None or t.client_id in visible
            or (actor.worker_id is not None and t.worker_id == actor.worker_id)
            else name_for_colleague(t.client_name) for t in items}


def overdue_count(station: StationHandle, today: dt.date, worker_id: int | None = None) -> int:
    """How many tasks are overdue (the start-up reminder)."""
    return len(compute(station, today=today, worker_id=worker_id, until=today - dt.timedelta(1)))


# --- postponing ---

def postpone(station: StationHandle, task: Task, to: dt.date, reason: str) -> TaskDeferral:
    """Put ``task`` off to ``to``, with the reason (required); its key stays."""
    text = (reason or "").strip()
    errors: dict[str, str] = {}
    if not text:
        errors["reason"] = _("请填写推迟的原因", "Give the reason for postponing")
    if to <= task.due_on:
        errors["deferred_to"] = _("推迟到的日期应晚于 {}", "Postpone to a day after {}").format(
            task.due_on.isoformat())
    elif (to - task.due_on).days > MAX_POSTPONE_DAYS:
        errors["deferred_to"] = _("最多推迟一年", "Postpone by a year at most")
    if errors:
        raise ValidationError(errors)
    planned = task.planned_on or task.due_on
    with station.bound(), database.atomic():
        row = TaskDeferral.create(task_key=task.key, due_on=planned, deferred_to=to,
                                  reason=text, username=station.actor.username)
        journal.audit(station.actor, "postpone", "task_deferral", task.key,
                      {"kind": task.kind, "due_on": planned.isoformat(),
                       "deferred_to": to.isoformat()})
    return row


# --- doing it ---

# A visit's record: the 近邻 category and field by the client's first fitting group.
def _open_case(client_id: int) -> Case | None:
    return (Case.live().where((Case.client == client_id) & (Case.stage != "closed"))
            .order_by(Case.id.desc()).first())  # (the newest, as the list takes it)


def draft(station: StationHandle, task: Task) -> dict[str, Any]:
    """What the form to record ``task`` starts with (field key -> value).

    A visit of a client with an open case is written as a case log of that case (marked
    邻里守望): the case's worker reads what happened where they read everything else, and
    the contract figure counts case logs so marked as it counts records. Otherwise a
    service record of kind individual with the client as participant.
    """
    with station.bound():
        worker = station.actor.worker_id or task.worker_id
        way = task.way or _DEFAULT_WAY
        base: dict[str, Any] = {"date": min(task.due_on, dt.date.today()), "way": way,
                                "worker": worker, "content": ""}
        if task.kind == "visit" and task.client_id is not None:
            case = _open_case(task.client_id)
            if case is not None:
                return {**base, "as": "case_log", "case": case.id, "care_visit": True}
            client = Client.get_by_id(task.client_id)
            category, fieldcode = visit_rules.care_category(
                text_to_codes(client.target_groups))
            return {**base, "as": "record", "kind": "individual", "category": category,
                    "field": fieldcode, "care_visit": True, "participants": [task.client_id],
                    "title": _("邻里守望探访", "Neighbourhood care visit")}
        if task.kind == "next_step":
            return {**base, "as": "case_log", "case": task.case_id, "care_visit": False}
        if task.kind == "follow_up":
            return {**base, "as": "follow_up", "case": task.case_id}
        return {**base, "as": "need", "need": task.need_id}


def complete(station: StationHandle, task: Task, *, on: dt.date, way: str, content: str,
             duration_min: int | None = None) -> ServiceRecord | CaseLog:
    """Record what doing ``task`` was; the task is gone from the next list."""
    if task.kind == "need":
        raise ValidationError(_("需求在“需求对接”中对接或完成", "A need is matched or closed "
                                "where needs are matched"))
    if not content.strip():  # the draft offers a line; a visit recorded as nothing is no evidence
        raise ValidationError({"content": _("请写下这次做了什么（如探访所见）",
                                            "Say what was done (what the visit found, say)")})
    form = draft(station, task)
    actor = station.actor
    with station.bound():
        if form["as"] == "follow_up":
            assert task.case_id is not None
            case_closure.record_follow_up(task.case_id, actor, followed_up_on=on,
                                          note=content, way=way)
            return (CaseLog.live().where(CaseLog.case == task.case_id)
                    .order_by(CaseLog.id.desc()).get())
        values: dict[str, Any] = {"date": on, "way": way, "content": content,
                                  "duration_min": duration_min,
                                  "care_visit": form["care_visit"]}
        if form["worker"] is not None:
            values["worker"] = form["worker"]
        if form["as"] == "case_log":
            return cases.add_case_log(int(form["case"]), values, actor)
        values.pop("way")
        values.update(kind=form["kind"], category=form["category"], field=form["field"],
                      title=form["title"])
        return records.save_service_record(values, form["participants"], [], [], actor)


def last_visits(station: StationHandle) -> dict[int, dt.date]:
    """Every visited client's last care visit (kept; see ``swdesk.db.visit_seen``)."""
    with station.bound():
        return visit_seen.last_visits(station.db)
