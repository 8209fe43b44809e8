"""The kept figures (issue 26): what the contract figures count, kept per day and month.

Local to the station, never synced: SQLite triggers of migration 0009 keep both tables in
the transaction of every write of a service record, its participants, a case log, a case
or volunteer hours (forms, Excel and package imports alike); ``db check --repair`` and
the demo's bulk load count them again (``swdesk.db.kept_figures``). A scope is 0 for the
whole station, else a project's id: records and hours by their own project, case logs by
their case's.
"""

from __future__ import annotations

import peewee as pw

from swdesk.model.base import BaseModel


class KeptTally(BaseModel):
    """One scope's live service records of one day and kind, with that day's case logs
    and volunteer hours on the row of kind '' (their own columns, so nothing mixes)."""

    scope = pw.IntegerField()
    day = pw.DateField()
    kind = pw.CharField(max_length=32)  # the record's kind; '' for the logs and hours
    records = pw.IntegerField()
    headcount = pw.IntegerField()
    record_visits = pw.IntegerField()  # records marked 邻里守望探访
    logs = pw.IntegerField()  # live logs of live cases
    log_visits = pw.IntegerField()
    hundredths = pw.IntegerField()  # volunteer hours in whole hundredths: sums stay exact

    class Meta:
        table_name = "kept_tally"
        primary_key = pw.CompositeKey("scope", "day", "kind")
        without_rowid = True


class KeptClientMonth(BaseModel):
    """A client served in a scope and month: ``n`` live contributions (a participation in
    a live record; a live log of the client's live case); the row goes when n reaches 0."""

    scope = pw.IntegerField()
    month = pw.CharField(max_length=7)  # 'YYYY-MM'
    client_id = pw.IntegerField()
    n = pw.IntegerField()
    # The client's month before this one in the scope (NULL: none): the clients of a span
    # of months are its rows whose prev lies before the span, each once, no de-duplication.
    prev = pw.CharField(max_length=7, null=True)

    class Meta:
        table_name = "kept_client_month"
        primary_key = pw.CompositeKey("scope", "month", "client_id")
        without_rowid = True
        # a client's months in a scope in order: the neighbours a change moves prev in
        indexes = ((("scope", "client_id", "month"), False),)
