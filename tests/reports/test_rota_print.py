"""The volunteers' visit rota: one volunteer a page, clients masked, tick boxes, the slip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pdf_read import chars, squares

from swdesk.db import StationDatabase
from swdesk.model import AuditEntry, Client, Volunteer
from swdesk.reports import rota as rota_print
from swdesk.services import crud, rota
from swdesk.services.actor import SYSTEM, Actor

MONDAY = dt.date(2026, 11, 30)


def _text(pdf: Path) -> list[str]:
    return ["".join(c.text for c in page) for page in chars(pdf)]


def test_the_rota_shows_only_what_a_volunteer_may_see(sdb: StationDatabase,
                                                      tmp_path: Path) -> None:
    chen = crud.create(Client, {"name": "陈秀英", "phone": "13812345678",
                                "address": "莲岳里12号楼503室", "community": "前埔社区"}, SYSTEM)
    lin = crud.create(Client, {"name": "林国栋", "phone": "13900001111",
                               "address": "前埔南路88号", "community": "前埔社区"}, SYSTEM)
    zhang = crud.create(Volunteer, {"name": "张志明", "active": True}, SYSTEM)
    wu = crud.create(Volunteer, {"name": "吴丽", "active": True}, SYSTEM)
    rows = [rota.rota_row(chen, zhang, MONDAY + dt.timedelta(days=1), "home_visit", "v:1"),
            rota.rota_row(lin, wu, MONDAY + dt.timedelta(days=3), "phone", "v:2")]
    out = tmp_path / "排班 表.pdf"
    pages = rota_print.write_rota(MONDAY, rows, Actor("lihua", "worker"), out)
    assert pages == 2  # a page for each volunteer
    second, first = _text(out)  # 吴 (wu) before 张 (zhang)
    assert "张志明" in first and "陈秀*" in first and "尾号5678" in first
    assert "莲岳里12号楼" in first and "前埔社区" in first
    assert "林国*" in second and "吴丽" in second and "陈秀*" not in second
    everything = first + second
    for secret in ("陈秀英", "林国栋", "13812345678", "138", "503", "88号"):
        assert secret not in everything, secret
    assert "回执" in first and "志愿者签名" in first and "2026-11-30至2026-12-06" in first
    for word in ("探访了", "电话", "未见到", "备注"):
        assert word in first
    assert squares(out, 0) >= 3  # a row's three tick boxes
    assert AuditEntry.select().where((AuditEntry.action == "print")
                                     & (AuditEntry.entity == "rota")).count() == 1
