"""What the 同步 page reads from the core: overview, package history, conflicts, typed values."""

from __future__ import annotations

from pathlib import Path

import pytest

from swdesk.city.corrections import correct
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.errors import NotFoundError, ValidationError
from swdesk.model import Client, database
from swdesk.model.sync import SyncConflict
from swdesk.services import crud
from swdesk.services.actor import SYSTEM, Actor
from swdesk.sync import apply, export, folder, state, views
from tests.stations import here


def _round(s, hub, tmp_path: Path) -> None:
    with s.active():
        pkg = export.export_package(here(), tmp_path / "out")
    ingest(hub, pkg.path)
    ret = write_return(hub, s.code, tmp_path / "ret")
    with s.active():
        apply.import_return(ret.path)


def _phone_conflict(s, hub, tmp_path: Path) -> str:
    with s.active():
        uid = crud.create(Client, {"name": "陈阿婆", "community": "莲花社区",
                                   "phone": "13800001111"}, SYSTEM).uid
    _round(s, hub, tmp_path)
    correct(hub, "client", uid, {"phone": "13700007777"})
    with s.active():
        crud.update(Client, uid, {"phone": "13900002222"}, SYSTEM)
    _round(s, hub, tmp_path)
    return uid


def test_overview_and_history_follow_a_round(hub, station_factory, tmp_path: Path) -> None:
    s = station_factory(clients=5, records=5)
    with s.active():
        first = views.overview()
        assert first.status.enrolled and first.status.pending > 0
        assert not first.folder_reachable and views.packages() == []
        folder.set_folder(str(tmp_path / "share"))
        assert not views.overview().folder_reachable  # configured, but not there
        (tmp_path / "share").mkdir()
        assert views.overview().folder_reachable
    _round(s, hub, tmp_path)
    with s.active():
        assert views.overview().status.all_acknowledged
        back, out = views.packages()  # newest first
        assert (back.direction, back.number, back.status) == ("in", 1, "applied")
        assert back.direction_text == "市级回执" and back.status_text == "已导入"
        assert (out.direction, out.number, out.status) == ("out", 1, "written")
        assert out.file_name == "swdesk-XM-SM-001-000001.swpkg" and out.rows > 10
        assert out.changes_text == f"1–{out.seq_to}" and len(out.at) == 19


def test_conflicts_read_as_a_person_reads_them(hub, station_factory, tmp_path: Path) -> None:
    s = station_factory()
    uid = _phone_conflict(s, hub, tmp_path)
    with s.active():
        [item] = views.conflicts(SYSTEM)
        assert (item.entity_label, item.record, item.field_label) == (
            "服务对象", "陈阿婆", "联系电话")
        assert (item.base_text, item.local_text, item.city_text) == (
            "13800001111", "13900002222", "13700007777")
        assert item.choosable and item.typeable and uid[:8] in item.description
        # a worker without a case for her sees the numbers masked
        [masked] = views.conflicts(Actor("lihua", "worker"))
        assert masked.local_text == "139****2222" and masked.city_text == "137****7777"


def test_typed_value_settles_the_conflict(hub, station_factory, tmp_path: Path) -> None:
    s = station_factory()
    uid = _phone_conflict(s, hub, tmp_path)
    with s.active():
        [item] = views.conflicts(SYSTEM)
        with pytest.raises(ValidationError, match="电话"):
            views.resolve_typed(item.id, "12", SYSTEM)
        assert Client.get(Client.uid == uid).phone == "13900002222"  # nothing written
        assert state.open_conflicts().count() == 1
        views.resolve_typed(item.id, "13512345678", SYSTEM)
        assert Client.get(Client.uid == uid).phone == "13512345678"
        assert views.conflicts(SYSTEM) == []
        assert SyncConflict.get_by_id(item.id).resolution == "value"
        with pytest.raises(NotFoundError):
            views.resolve_typed(item.id, "13512345678", SYSTEM)
    _round(s, hub, tmp_path)  # the station's decision reaches the city
    assert hub.db.execute_sql('SELECT phone FROM "c_client" WHERE uid = ?',
                              (uid,)).fetchone()[0] == "13512345678"


def test_a_rejected_row_is_listed_but_not_choosable(hub, station_factory,
                                                    tmp_path: Path) -> None:
    s = station_factory()
    with s.active():
        bad = crud.create(Client, {"name": "林阿伯", "community": "莲花社区"}, SYSTEM).uid
        database.execute_sql("UPDATE client SET sex = 'Q' WHERE uid = ?", (bad,))
    _round(s, hub, tmp_path)
    with s.active():
        [item] = views.conflicts(SYSTEM)
        assert item.kind == "rejected" and "sex" in item.reason and item.record == "林阿伯"
        assert not item.choosable and not item.typeable
        with pytest.raises(ValidationError):
            views.resolve_typed(item.id, "x", SYSTEM)


def test_status_in_words_a_worker_reads() -> None:
    import datetime as dt
    from dataclasses import replace

    today = dt.date(2026, 12, 6)
    base = state.Status(station="XM-SM-001", enrolled=True, city="厦门市民政局", pending=3330,
                        acked_seq=0, last_seq=3330, sent_seq=120, last_out=12,
                        last_out_at="2026-12-05 16:02:31.5", last_in=0, last_in_at="",
                        conflicts=0, folder="", unsent=3210)
    words = views.status_words(base, today)
    assert words.waiting == "3,210 条变更等待发送；另有 120 条已发送，等待市级平台确认"
    assert words.summary == "3,210 条变更等待发送"
    assert words.last_out == "12月5日 16:02，第 12 号包"
    assert words.last_in == "还没有收到过回执"
    done = views.status_words(replace(base, pending=0, unsent=0, acked_seq=3330, last_in=3,
                                      last_in_at="2025-01-02 08:05:00"), today)
    assert done.waiting == "没有等待发送的变更，发送过的都已被市级平台确认"
    assert done.summary == "✓ 全部变更均已被市级平台确认"
    assert done.last_in == "2025年1月2日 08:05，第 3 号回执包"
    photos = views.status_words(replace(base, unsent=0, pending=0, files_waiting=12,
                                        file_bytes_waiting=48_200_000), today)
    assert photos.waiting == ("没有等待发送的变更，发送过的都已被市级平台确认；"
                              "12 张照片待发送（48 MB）")
    assert photos.summary == "12 张照片待发送（48 MB）"
    few = views.status_words(replace(base, files_waiting=1, file_bytes_waiting=300_000), today)
    assert few.waiting.endswith("等待市级平台确认；1 张照片待发送（0.3 MB）")
