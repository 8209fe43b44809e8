"""Who may see an attached photo (issue 24, point 3), by the rule of ``swdesk.privacy``.

Photos of people are personal data; a photo in a case or a case log, or of a minor (a
client under 18 by birth date: the client it is attached to, or a participant of the
record or activity it is attached to), is **sensitive**. A sensitive attachment is
shown to those who may see its clients (``privacy.may_see``: the worker of one of their
cases, the station head, administrators) and to the worker in charge of its record or
activity; anyone else sees a placeholder (``masked``) and is refused the file.

A head or an administrator looking at a sensitive photo that is not in one of their own
cases is audited (``view`` of an ``attachment``), as ``privacy.reveal`` audits an
unmasked field; every export of a file is audited whoever asks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from swdesk import privacy
from swdesk.model import (
    Attachment,
    Case,
    CaseLog,
    Client,
    CommunityActivity,
    ServiceParticipant,
    ServiceRecord,
    database,
)
from swdesk.services import journal
from swdesk.services.actor import Actor

ADULT_AGE = 18


@dataclass(frozen=True)
class Subjects:
    """Whose photo an attachment is, as far as the rule goes."""

    sensitive: bool
    clients: frozenset[int]  # the clients it is sensitive for (a case's, the minors)
    workers: frozenset[int]  # workers in charge of what it is attached to


NOBODY = Subjects(False, frozenset(), frozenset())


def is_minor(birth_date: dt.date | None, today: dt.date | None = None) -> bool:
    if birth_date is None:
        return False
    today = today or dt.date.today()
    age = today.year - birth_date.year - ((today.month, today.day)
                                          < (birth_date.month, birth_date.day))
    return age < ADULT_AGE


def _minors(client_ids: Iterable[int]) -> frozenset[int]:
    ids = {int(i) for i in client_ids}
    if not ids:
        return frozenset()
    return frozenset(int(c.id) for c in Client.select(Client.id, Client.birth_date)
                     .where(Client.id.in_(ids)) if is_minor(c.birth_date))


def _record_people(record_ids: Iterable[int]) -> list[int]:
    ids = [int(i) for i in record_ids]
    return [int(p.client_id) for p in ServiceParticipant.select(ServiceParticipant.client)
            .where(ServiceParticipant.record.in_(ids))] if ids else []


def _workers(*ids: int | None) -> frozenset[int]:
    return frozenset(int(i) for i in ids if i is not None)


def subjects(row: Attachment) -> Subjects:
    """Whether ``row`` is sensitive, for which clients, and who is in charge of its owner."""
    case_id = row.case_id
    if row.case_log_id is not None:
        log = CaseLog.get_or_none(CaseLog.id == row.case_log_id)
        case_id = log.case_id if log is not None else None
    if case_id is not None:
        case = Case.get_or_none(Case.id == case_id)
        if case is None:
            return Subjects(True, frozenset(), frozenset())
        return Subjects(True, frozenset({int(case.client_id)}), _workers(case.worker_id))
    if row.client_id is not None:
        minors = _minors([row.client_id])
        return Subjects(bool(minors), minors, frozenset())
    if row.record_id is not None:
        record = ServiceRecord.get_or_none(ServiceRecord.id == row.record_id)
        minors = _minors(_record_people([row.record_id]))
        return Subjects(bool(minors), minors,
                        _workers(record.worker_id if record is not None else None))
    if row.activity_id is not None:
        activity = CommunityActivity.get_or_none(CommunityActivity.id == row.activity_id)
        records = [int(r.id) for r in ServiceRecord.select(ServiceRecord.id).where(
            ServiceRecord.activity == row.activity_id)]
        minors = _minors(_record_people(records))
        return Subjects(bool(minors), minors,
                        _workers(activity.worker_id if activity is not None else None))
    return NOBODY  # an evaluation's or a complaint's papers are nobody's photo


def _in_charge(actor: Actor, who: Subjects) -> bool:
    return actor.worker_id is not None and actor.worker_id in who.workers


def may_view(actor: Actor, who: Subjects) -> bool:
    """May ``actor`` see the file of an attachment with these subjects?"""
    if not who.sensitive or actor.role in privacy.FULL_ACCESS_ROLES or _in_charge(actor, who):
        return True
    return bool(who.clients) and all(privacy.may_see(actor, c) for c in who.clients)


def masked(actor: Actor, row: Attachment) -> bool:
    """Is ``row`` a placeholder for ``actor``?"""
    return not may_view(actor, subjects(row))


def own(actor: Actor, who: Subjects) -> bool:
    """Is it in ``actor``'s own work: the record they are in charge of, or clients all in
    their own cases? (A head looking at another worker's case is not.)"""
    if _in_charge(actor, who):
        return True
    if actor.worker_id is None or not who.clients:
        return False
    for client in who.clients:
        if not Case.live().where((Case.client == client)
                                 & (Case.worker == actor.worker_id)).exists():
            return False
    return True


def audit_view(actor: Actor, row: Attachment, who: Subjects) -> bool:
    """Audit a look at a sensitive file outside the actor's own cases; whether it was."""
    if not who.sensitive or own(actor, who):
        return False
    with database.atomic():
        journal.audit(actor, "view", "attachment", str(row.uid),
                      {"media_type": row.media_type, "sensitive": True})
    return True


def audit_export(actor: Actor, row: Attachment, who: Subjects) -> None:
    """Every file taken out of swdesk (``attach get``, saved elsewhere) is audited."""
    with database.atomic():
        journal.audit(actor, "export", "attachment", str(row.uid),
                      {"media_type": row.media_type, "sensitive": who.sensitive})
