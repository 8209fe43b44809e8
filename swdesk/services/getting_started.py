"""The first steps of a new station, for the 工作台 to list until the station is set up."""

from __future__ import annotations

from dataclasses import dataclass

from swdesk.model import AuditEntry, Client, Project, SyncKey, User, Worker

# In the order a station takes them: people first, then work, then the city.
STEPS = ("workers", "accounts", "project", "import", "enrol")


@dataclass(frozen=True)
class Step:
    key: str  # one of STEPS
    done: bool


def _colleagues() -> bool:
    """Social workers besides the administrators' own records (the wizard makes those)."""
    own = [u.worker_uid for u in User.select(User.worker_uid).where(
        (User.role == "admin") & User.worker_uid.is_null(False))]
    return bool(Worker.live().where(Worker.uid.not_in(own)).exists())


def _ledger() -> bool:
    """An Excel ledger was imported, or clients were entered by hand instead."""
    imported = AuditEntry.select().where(AuditEntry.action == "import").exists()
    return bool(imported or Client.live().exists())


def steps() -> list[Step]:
    done = {
        "workers": _colleagues(),
        "accounts": User.select().count() > 1,
        "project": bool(Project.live().exists()),
        "import": _ledger(),
        "enrol": SyncKey.select().where(SyncKey.name == "city").exists(),
    }
    return [Step(key, bool(done[key])) for key in STEPS]
