"""Who may unmask what: the client rule for client rows, heads/admins for other people."""

from __future__ import annotations

import json

import pytest

from swdesk import privacy
from swdesk.errors import PermissionDeniedError
from swdesk.model import AuditEntry, Case, CaseLog, Client, Complaint, Volunteer, Worker, describe
from swdesk.services import crud, display
from swdesk.services.actor import SYSTEM, Actor

ID_MINE = "350203198503071238"
ID_OTHER = "35020319900101123X"


@pytest.fixture
def people(sdb: object) -> dict[str, object]:
    me = crud.create(Worker, {"name": "李社工", "phone": "13600000001"}, SYSTEM)
    colleague = crud.create(Worker, {"name": "陈社工"}, SYSTEM)
    mine = crud.create(Client, {"name": "甲", "id_number": ID_MINE}, SYSTEM)
    other = crud.create(Client, {"name": "乙", "id_number": ID_OTHER}, SYSTEM)
    crud.create(Case, {"client": mine.id, "worker": me.id, "opened_on": "2026-01-05",
                       "stage": "intake", "problem": "独居"}, SYSTEM)
    other_case = crud.create(Case, {"client": other.id, "worker": colleague.id,
                                    "opened_on": "2026-01-05", "stage": "intake",
                                    "problem": "失业"}, SYSTEM)
    log = crud.create(CaseLog, {"case": other_case.id, "date": "2026-01-06", "way": "入户探访",
                                "content": "家访，情绪低落"}, SYSTEM)
    volunteer = crud.create(Volunteer, {"name": "志愿者丙", "phone": "13700000002"}, SYSTEM)
    return {"me": me, "colleague": colleague, "mine": mine, "other": other, "log": log,
            "volunteer": volunteer, "worker": Actor("li", "worker", worker_id=me.id)}


def _unmasks() -> list[tuple[str, str, str]]:
    rows = AuditEntry.select().where(AuditEntry.action == "unmask").order_by(AuditEntry.id)
    return [(e.actor, e.entity, json.loads(e.detail)["field"]) for e in rows]


def test_worker_cannot_see_or_print_another_workers_clients_id(people: dict) -> None:
    worker, other = people["worker"], people["other"]
    before = AuditEntry.select().count()
    with pytest.raises(PermissionDeniedError, match="无权查看"):
        privacy.reveal(worker, other, "id_number")
    assert AuditEntry.select().count() == before  # a refusal writes nothing
    # What a list or printout shows this worker (show_personal follows the same rule).
    spec = describe(Client).field("id_number")
    shown = display.format_value(other, spec, show_personal=privacy.may_reveal(worker, other))
    assert shown == "350203********123X" and ID_OTHER not in shown
    # Rows about that client follow the client's rule.
    with pytest.raises(PermissionDeniedError):
        privacy.reveal(worker, people["log"], "content")


def test_reveal_own_client_is_audited(people: dict) -> None:
    worker = people["worker"]
    assert privacy.reveal(worker, people["mine"], "id_number") == ID_MINE
    assert privacy.reveal(Actor("boss", "head"), people["log"], "content") == "家访，情绪低落"
    assert privacy.reveal(worker, people["mine"], "name") == "甲"  # not personal: no entry
    assert _unmasks() == [("li", "client", "id_number"), ("boss", "case_log", "content")]


def test_other_peoples_data_is_for_heads_and_admins(people: dict) -> None:
    worker = people["worker"]
    with pytest.raises(PermissionDeniedError):
        privacy.reveal(worker, people["volunteer"], "phone")
    with pytest.raises(PermissionDeniedError):
        privacy.reveal(worker, people["colleague"], "phone")
    assert privacy.reveal(worker, people["me"], "phone") == "13600000001"  # their own record
    complaint = crud.create(Complaint, {"target": "社会工作者", "worker": people["colleague"].id,
                                        "channel": "电话",
                                        "received_on": "2026-01-07", "complainant": "丁某",
                                        "content": "服务态度", "status": "已受理"}, SYSTEM)
    with pytest.raises(PermissionDeniedError):
        privacy.reveal(worker, complaint, "complainant")
    assert privacy.reveal(Actor("a", "admin"), complaint, "complainant") == "丁某"
    assert privacy.reveal(Actor("h", "head"), people["volunteer"], "phone") == "13700000002"


def test_every_entity_with_personal_fields_has_a_rule(people: dict) -> None:
    from swdesk.model import SYNCED

    stranger = Actor("x", "worker", worker_id=None)
    for model in SYNCED:
        if describe(model).personal_fields:
            assert not privacy.may_reveal(stranger, model()), model.__name__
            assert privacy.may_reveal(Actor("h", "head"), model()), model.__name__


def test_export_and_print_are_audited(people: dict) -> None:
    worker = people["worker"]
    privacy.audit_export(worker, "client", 2)
    privacy.audit_print(worker, "client", people["mine"].uid)
    rows = list(AuditEntry.select().where(AuditEntry.action.in_(["export", "print"]))
                .order_by(AuditEntry.id))
    assert [(e.action, e.actor, e.entity) for e in rows] == [("export", "li", "client"),
                                                           ("print", "li", "client")]
    assert json.loads(rows[0].detail)["count"] == 2 and rows[1].row_uid == people["mine"].uid
