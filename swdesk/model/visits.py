"""Regular visits (邻里守望) and the work list's postponements (issue 25); both local.

A visit rule says how often a client of a target group (and, where it matters, a risk
level) must be visited or called; the defaults ship in ``swdesk/data/visit-rules.json``
and the city may send others in a return package. A client's own ``visit_every_days``
overrides the rule. The work list's tasks are computed, not stored: a postponement is
the one thing about a task that is kept.
"""

from __future__ import annotations

import peewee as pw

from swdesk.model.base import BaseModel, now


class VisitRule(BaseModel):
    """How often a target group (at a risk level, '' for any) is visited or called."""

    id = pw.AutoField()
    target_group = pw.CharField(max_length=32)  # reference list "target_group"
    risk_level = pw.CharField(max_length=32, default="")  # "risk_level", '' = any level
    every_days = pw.IntegerField()
    way = pw.CharField(max_length=32)  # reference list "contact_way": home_visit, phone …
    source = pw.CharField(max_length=16, default="builtin")  # builtin | city

    class Meta:
        table_name = "visit_rule"
        indexes = ((("target_group", "risk_level"), True),)


class TaskDeferral(BaseModel):
    """A task of the work list put off to a later day, with the reason given."""

    id = pw.AutoField()
    task_key = pw.CharField(max_length=120, index=True)  # what the task is, stable
    due_on = pw.DateField()  # the date it was due when put off
    deferred_to = pw.DateField()
    reason = pw.TextField()
    username = pw.CharField(max_length=40, default="")
    at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "task_deferral"


class VisitSeen(BaseModel):
    """A client's last care visit (邻里守望), kept so the work list need not search a
    million records: SQLite triggers of migration 0008 keep it in the transaction of
    every write of a service record, its participants, a case log or a case (forms,
    package imports, the demo's bulk load alike); ``db check --repair`` rebuilds it
    (``swdesk.db.visit_seen``)."""

    client_id = pw.IntegerField(primary_key=True)
    last_on = pw.DateField()

    class Meta:
        table_name = "visit_seen"
