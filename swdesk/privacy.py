"""Who may see personal data, and how it looks to those who may not.

A worker sees a client's full personal data only when the client is in one of
the worker's own cases; station heads and administrators see everything. Lists,
printouts and exports call :func:`may_see` and :func:`mask`.
"""

from __future__ import annotations

from typing import Any

from swdesk.model import Case, Client
from swdesk.model.described import Personal
from swdesk.services.actor import Actor

FULL_ACCESS_ROLES = frozenset({"head", "admin"})


def mask(value: Any, kind: Personal) -> str:
    """The masked form of a personal value: enough to recognise, not enough to misuse."""
    if value is None or value == "":
        return ""
    text = str(value)
    match kind:
        case "id":  # 350203********1234: region and tail, as on official lists
            return text[:6] + "*" * max(len(text) - 10, 0) + text[-4:] if len(text) > 10 else "****"
        case "phone":
            digits = text.replace("-", "")
            return digits[:3] + "****" + digits[-4:] if len(digits) >= 11 else "****" + text[-2:]
        case "address":  # the district/street part stays, the house number goes
            return text[:6] + "****" if len(text) > 6 else "****"
        case "text":
            return "****"
    return text


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
