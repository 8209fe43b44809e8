"""What a new row's form shows before anything is typed.

Today's date, this station, the signed-in person's own social-worker record as the
worker in charge, a new client being served: a worker then types only what is new.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from swdesk.model import (
    Case,
    CaseLog,
    Client,
    CommunityActivity,
    Need,
    ServiceRecord,
    Station,
    SyncedModel,
    TrainingRecord,
    WorkGroup,
    describe,
)
from swdesk.services.actor import Actor
from swdesk.services.this_station import current_station

# Where "worker" means whoever does the work (not, say, the worker a complaint is about).
_OWN_WORK = (ServiceRecord, Case, CaseLog, TrainingRecord, CommunityActivity, WorkGroup)


def _fixed(model: type[SyncedModel], today: dt.date) -> dict[str, Any]:
    if model is Client:
        return {"status": "active", "registered_on": today}
    if model is Case:
        return {"stage": "intake", "opened_on": today}
    if model is Need:
        return {"status": "open", "raised_on": today}
    if model is ServiceRecord:
        return {"date": today}
    if model is CommunityActivity:
        return {"status": "planned", "planned_on": today}
    if model is WorkGroup:
        return {"status": "planned", "planned_start": today}
    return {}


def new_row_defaults(model: type[SyncedModel], actor: Actor,
                     today: dt.date | None = None) -> dict[str, Any]:
    """Field key -> the value a new ``model`` row starts with for ``actor``."""
    day = today or dt.date.today()
    values = _fixed(model, day)
    here = current_station()
    for spec in describe(model).form_fields:
        if spec.kind != "link":
            continue
        if spec.key == "station" and here is not None and \
                model._meta.fields[spec.key].rel_model is Station:
            values["station"] = int(here.id)
        elif spec.key == "worker" and model in _OWN_WORK and actor.worker_id is not None:
            values["worker"] = actor.worker_id
    return values
