"""Who may see personal data, and how it looks to those who may not.

A worker sees a client's full personal data only when the client is in one of
the worker's own cases; station heads and administrators see everything. Lists,
printouts and exports call :func:`may_see`, and show what they may not as
:func:`swdesk.services.display.mask` has it.
"""

from __future__ import annotations

import peewee as pw

from swdesk.errors import PermissionDeniedError
from swdesk.i18n import _
from swdesk.model import (
    Case,
    CaseLog,
    Client,
    QuestionnaireResponse,
    Referral,
    Worker,
    database,
    describe,
)
from swdesk.services import journal
from swdesk.services.actor import Actor
from swdesk.services.display import format_plain

FULL_ACCESS_ROLES = frozenset({"head", "admin"})


def may_see(actor: Actor, client_id: int | None) -> bool:
    """May ``actor`` see the personal data of client ``client_id`` unmasked?"""
    if actor.role in FULL_ACCESS_ROLES:
        return True
    if client_id is None or actor.worker_id is None:
        return False
    return bool(Case.live().where((Case.client == client_id)
                                  & (Case.worker == actor.worker_id)).exists())


def visible_clients(actor: Actor) -> set[int] | None:
    """Ids of clients whose personal data ``actor`` may see; None means all of them.

    Lists ask once per page rather than once per row.
    """
    if actor.role in FULL_ACCESS_ROLES:
        return None
    if actor.worker_id is None:
        return set()
    query = (Client.select(Client.id).join(Case, on=(Case.client == Client.id))
             .where((Case.worker == actor.worker_id) & (Case.deleted == False)))  # noqa: E712
    return {row.id for row in query}


def subject_client(row: pw.Model) -> int | None:
    """The client whose personal data ``row`` holds, or None if it is not about a client."""
    if isinstance(row, Client):
        return int(row.id) if row.id is not None else None
    if isinstance(row, CaseLog | Referral) or (isinstance(row, QuestionnaireResponse)
                                                and row.client_id is None and row.case_id):
        case = Case.get_or_none(Case.id == row.case_id)
        return int(case.client_id) if case is not None else None
    value = getattr(row, "client_id", None)
    return int(value) if value is not None else None


def _about_a_client(row: pw.Model) -> bool:
    return isinstance(row, Client | CaseLog | Referral) or "client" in row._meta.fields


def may_reveal(actor: Actor, row: pw.Model) -> bool:
    """May ``actor`` see the personal fields of ``row`` unmasked?

    Rows about a client (the client, its cases, case logs, referrals, needs) follow
    the client rule of :func:`may_see`; other people's data (volunteers, workers,
    complainants) is for heads and administrators, and a worker's own record.
    """
    if actor.role in FULL_ACCESS_ROLES:
        return True
    if isinstance(row, QuestionnaireResponse) and row.activity_id is not None \
            and subject_client(row) is None:
        return True  # an activity's anonymous satisfaction survey is about nobody
    if _about_a_client(row):
        return may_see(actor, subject_client(row))  # the ability assessment's health data too
    return isinstance(row, Worker) and actor.worker_id is not None and row.id == actor.worker_id


def reveal(actor: Actor, row: pw.Model, field_key: str) -> str:
    """The unmasked text of one field, with an "unmask" audit entry for a personal one.

    Raises PermissionDeniedError (and writes nothing) when ``actor`` may not see it.
    """
    spec = describe(type(row)).field(field_key)
    value = getattr(row, field_key)
    if not spec.personal:
        return format_plain(value, spec)
    if not may_reveal(actor, row):
        raise PermissionDeniedError(_(
            "您无权查看此{}的{}（只有负责该个案的社工、站长和管理员可以查看）",
            "You may not see the {1} of this {0} (only the case's own worker, the station head "
            "and administrators may)").format(describe(type(row)).label, spec.label))
    with database.atomic():
        journal.audit(actor, "unmask", row._meta.table_name, str(getattr(row, "uid", row.get_id())),
                      {"field": field_key})
    return format_plain(value, spec)


def audit_export(actor: Actor, what: str, count: int, *, unmasked: bool = False) -> None:
    """Record an export (Excel, package …) of ``count`` rows of ``what``."""
    with database.atomic():
        journal.audit(actor, "export", what, "", {"count": int(count), "unmasked": unmasked})


def audit_print(actor: Actor, what: str, row_uid: str = "", *, unmasked: bool = False) -> None:
    """Record a printout (a form, a list, a certificate) of ``what``."""
    with database.atomic():
        journal.audit(actor, "print", what, row_uid, {"unmasked": unmasked})
