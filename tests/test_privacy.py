"""Masking and the rule of who sees a client's personal data."""

from __future__ import annotations

from swdesk import privacy
from swdesk.model import Case, Client, Worker, describe
from swdesk.services import crud, display
from swdesk.services.actor import SYSTEM, Actor


def test_masks() -> None:
    assert display.mask("350203198503071238", "id") == "350203********1238"
    assert display.mask("13812345678", "phone") == "138****5678"
    assert display.mask("思明区莲前街道莲花社区12号", "address") == "思明区莲前街****"
    assert display.mask("糖尿病", "text") == "****"
    assert display.mask(None, "id") == ""


def test_worker_sees_only_own_cases_clients(sdb: object) -> None:
    mine = crud.create(Client, {"name": "甲", "phone": "13812345678"}, SYSTEM)
    other = crud.create(Client, {"name": "乙", "phone": "13912345678"}, SYSTEM)
    me = crud.create(Worker, {"name": "李社工"}, SYSTEM)
    crud.create(Case, {"client": mine.id, "worker": me.id, "opened_on": "2026-01-05",
                       "stage": "intake", "problem": "x"}, SYSTEM)
    worker = Actor("li", "worker", worker_id=me.id)
    assert privacy.may_see(worker, mine.id) and not privacy.may_see(worker, other.id)
    assert privacy.visible_clients(worker) == {mine.id}
    assert privacy.may_see(Actor("head", "head"), other.id)
    assert privacy.visible_clients(Actor("head", "head")) is None
    phone = describe(Client).field("phone")
    assert display.format_value(other, phone) == "139****5678"
    assert display.format_value(other, phone, show_personal=True) == "13912345678"


def test_display_of_codes_links_and_flags(sdb: object) -> None:
    client = crud.create(Client, {"name": "王芳", "target_groups": "dibao,elderly"}, SYSTEM)
    case = crud.create(Case, {"client": client.id, "opened_on": "2026-01-05", "stage": "plan",
                              "problem": "x", "consent": "是"}, SYSTEM)
    spec = describe(Case)
    assert display.format_value(case, spec.field("client")) == "王芳"
    assert display.format_value(case, spec.field("stage")) == "计划"
    assert display.format_value(case, spec.field("consent")) == "是"
    assert display.format_value(client, describe(Client).field("target_groups")) == "低保、老年人"
