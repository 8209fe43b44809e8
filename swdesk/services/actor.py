"""Who is acting: every service call is made on behalf of someone."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    username: str
    role: str = "worker"  # reference list "role": worker | head | admin
    worker_id: int | None = None  # the social worker this account belongs to


# The command line and maintenance jobs act as the station's system account.
SYSTEM = Actor("system", "admin")
