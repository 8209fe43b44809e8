"""``swdesk tasks [--worker NAME] [--due overdue|today|week] [--date DAY]``: the work list.

Overdue, today's and this week's tasks (邻里守望 visits, case next steps, closure
follow-ups, need deadlines) in words, a section each; a client's name as the person
running the command may see it.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from swdesk import reference
from swdesk.db import open_station
from swdesk.errors import ValidationError
from swdesk.handle import StationHandle
from swdesk.i18n import _
from swdesk.services import station, tasks
from swdesk.validation import parse_date

DUE = ("overdue", "today", "week")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser("tasks", parents=[common], help=_(
        "待办：逾期、今天和本周的探访、下一步计划、回访和需求期限",
        "the work list: overdue, today's and this week's visits, next steps, follow-ups "
        "and need deadlines"))
    p.add_argument("--worker", metavar=_("姓名", "NAME"),
                   help=_("只看这位社工的待办", "only this worker's tasks"))
    p.add_argument("--due", choices=DUE, help=_("只看逾期、今天或本周的",
                                                "only the overdue, today's or this week's"))
    p.add_argument("--date", metavar="YYYY-MM-DD",
                   help=_("以这一天为今天（默认今天）", "take this day as today (default today)"))
    p.set_defaults(handler=cmd_tasks)


def _kind(kind: str) -> str:
    return {"visit": _("探访", "visit"), "next_step": _("下一步", "next step"),
            "follow_up": _("回访", "follow-up"), "need": _("需求", "need")}[kind]


def task_line(task: tasks.Task, name: str, workers: dict[int, str]) -> str:
    """One task in words: due, how late, what, whom, how, who goes."""
    late = _("逾期{}天", "{} days late").format(task.overdue_days) if task.overdue_days else ""
    parts = [task.due_on.isoformat(), late, _kind(task.kind), name or "-", task.title]
    if task.way:
        parts.append(reference.label("contact_way", task.way))
    if task.worker_id is not None:
        parts.append(_("社工：{}", "worker: {}").format(workers.get(task.worker_id, "?")))
    if task.postponed and task.planned_on is not None:
        parts.append(_("（原定 {}，已推迟）", "(was due {}, postponed)").format(
            task.planned_on.isoformat()))
    return "  " + "  ".join(p for p in parts if p)


def cmd_tasks(args: argparse.Namespace, data_dir: Path) -> int:
    today = parse_date(args.date) if args.date else dt.date.today()
    with open_station(data_dir, write=False) as sdb:
        handle = StationHandle.of(sdb)
        worker_id = None
        if args.worker:
            worker_id = station.worker_named(args.worker)
            if worker_id is None:
                raise ValidationError(_("没有名为“{}”的社工（或重名）",
                                        "No one worker is named {!r}").format(args.worker))
        work = tasks.work_list(handle, today=today, worker_id=worker_id)
        workers = dict(station.workers_by_name())
        names = tasks.shown_names(handle, work.all())
        sections = [("overdue", _("已逾期", "Overdue"), work.overdue),
                    ("today", _("今天", "Today"), work.today),
                    ("week", _("本周", "This week"), work.this_week)]
        for key, title, items in sections:
            if args.due and args.due != key:
                continue
            print(_("{}（{}）", "{} ({})").format(title, len(items)))
            for task in items:  # (labels read from the open database)
                print(task_line(task, names.get(task.key, ""), workers))
    return 0
