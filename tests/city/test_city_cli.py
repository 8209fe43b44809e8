"""The city officer's commands: conflicts, resolve, correct, eligibility, reference add."""

from __future__ import annotations

import json
import os
from pathlib import Path

import peewee as pw
import pytest
from synchelp import PG_ENV

from swdesk.city import audit
from swdesk.city import models as cm
from swdesk.city.db import City
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.cli import main
from swdesk.model import Client, RefItem
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import apply, export, state
from tests.stations import here

pytestmark = pytest.mark.usefixtures("cli_env")


@pytest.fixture
def city(hub: City, capsys: pytest.CaptureFixture[str]):
    """Runs ``swdesk city …`` on the hub's database; gives (exit code, out, err)."""
    where = ["--data-dir", str(hub.data_dir), "city"]
    if not isinstance(hub.db, pw.SqliteDatabase):  # SQLite: the data dir's city.db
        where += ["--db", os.environ[PG_ENV]]

    def run(*argv: str) -> tuple[int, str, str]:
        code = main([*where, *argv])
        cm.city_database.initialize(hub.db)  # the command closed its own connection
        out, err = capsys.readouterr()
        return code, out, err
    return run


def _round(s, hub: City, tmp_path: Path, *, up: bool = True) -> apply.Imported:
    if up:
        with s.active():
            ingest(hub, export.export_package(here(), tmp_path / "out").path)
    ret = write_return(hub, s.code, tmp_path / "ret")
    with s.active():
        return apply.import_return(ret.path)


def _groups(s, uid: str) -> set[str]:
    with s.active():
        stored = Client.get(Client.uid == uid).target_groups or ""
    return set(stored.strip(",").split(",")) - {""}


def test_a_city_officer_corrects_settles_and_grants(hub, station_factory, city,
                                                    tmp_path: Path) -> None:
    s = station_factory()
    with s.active():
        uid = crud.create(Client, {"name": "陈阿婆", "phone": "13800001111",
                                   "target_groups": "elderly"}, SYSTEM).uid
    _round(s, hub, tmp_path)
    code, out, err = city("correct", "--entity", "client", "--uid", uid, "phone=13700007777",
                          "address=莲花路2号")
    assert code == 0 and "已更正" in out and "XM-SM-001" in out, err
    with s.active():
        crud.update(Client, uid, {"phone": "13900002222"}, SYSTEM)
        ingest(hub, export.export_package(here(), tmp_path / "out").path)
    code, out, _ = city("conflicts")
    [line] = [x for x in out.splitlines() if "\t" in x]
    cid, station, entity, row, field = line.split("\t")[:5]
    assert (station, entity, row, field) == ("XM-SM-001", "client", uid, "phone")
    assert "未解决的冲突：1" in out

    code, out, err = city("resolve", cid, "--keep", "city")
    assert code == 0 and f"冲突 {cid} 已处理" in out, err
    code, out, err = city("eligibility", "--client", uid, "--set", "低保,tekun")
    assert code == 0 and "dibao、tekun" in out, err
    code, out, err = city("reference", "add", "--list", "target_group", "--code",
                          "xm_veteran", "--zh", "退役军人", "--en", "Veterans")
    assert code == 0 and "target_group/xm_veteran" in out, err
    assert "未解决的冲突：0" in city("conflicts")[1]

    imported = _round(s, hub, tmp_path, up=False)  # the next return carries all of it
    assert imported.conflicts == 0 and imported.reference == 1
    with s.active():
        row = Client.get(Client.uid == uid)
        assert (row.phone, row.address) == ("13700007777", "莲花路2号")
        assert not state.open_conflicts().exists()
        assert RefItem.get((RefItem.list_code == "target_group")
                           & (RefItem.code == "xm_veteran")).zh == "退役军人"
    assert _groups(s, uid) == {"elderly", "dibao", "tekun"}

    assert city("eligibility", "--client", uid, "--clear")[0] == 0
    _round(s, hub, tmp_path)
    _round(s, hub, tmp_path)
    assert _groups(s, uid) == {"elderly"}
    with s.active():
        assert state.status().all_acknowledged

    # Each change made at the hub is in its audit log, newest first, with the account that
    # made it and field names, never the values.
    code, out, _ = city("audit", "--limit", "0")
    entries = [line.split("\t") for line in out.splitlines() if "\t" in line]
    assert [e[2] for e in entries] == ["eligibility", "reference", "eligibility", "resolve",
                                       "correct", "enroll"]
    assert {e[1] for e in entries} == {audit.who()}
    assert entries[-2][3:5] == ["client", uid]
    assert json.loads(entries[-2][5]) == {"fields": ["address", "phone"],
                                          "station": "XM-SM-001"}
    assert "13700007777" not in out and "莲花路" not in out
    assert "共 2 条" in city("audit", "--limit", "2")[1]


def test_conflicts_are_listed_in_the_same_order_every_time(hub, station_factory, city,
                                                          tmp_path: Path) -> None:
    s = station_factory()
    with s.active():
        uids = [crud.create(Client, {"name": f"对象{n}", "phone": "13800001111",
                                     "address": "甲"}, SYSTEM).uid for n in range(5)]
    _round(s, hub, tmp_path)
    for uid in reversed(uids):
        assert city("correct", "--entity", "client", "--uid", uid, "address=乙",
                    "phone=13700007777")[0] == 0
    with s.active():
        for uid in uids:
            crud.update(Client, uid, {"phone": "13900002222", "address": "丙"}, SYSTEM)
        ingest(hub, export.export_package(here(), tmp_path / "out").path)
    first, second = city("conflicts")[1], city("conflicts")[1]
    assert first == second
    listed = [tuple(line.split("\t")[2:5]) for line in first.splitlines() if "\t" in line]
    assert listed == sorted(("client", u, f) for u in uids for f in ("address", "phone"))


@pytest.mark.parametrize(("argv", "words"), [
    (("correct", "--entity", "client", "--uid", "{uid}", "phone"), "字段=值"),
    (("correct", "--entity", "client", "--uid", "{uid}", "colour=red"), "未知字段 colour"),
    (("correct", "--entity", "service_record", "--uid", "{uid}", "title=x"), "不能在市级更正"),
    (("correct", "--entity", "client", "--uid", "nobody", "phone=1"), "没有这条记录"),
    (("correct", "--entity", "client", "--uid", "{uid}", "birth_date=1950-02-30"), "不是有效的值"),
    (("eligibility", "--client", "{uid}", "--set", "elderly"), "只能设置"),
    (("eligibility", "--client", "nobody", "--clear"), "没有这位服务对象"),
    (("resolve", "999", "--keep", "city"), "没有未解决的冲突 999"),
    (("reference", "add", "--list", "colours", "--code", "red", "--zh", "红", "--en", "Red"),
     "没有名为 colours 的参考数据列表"),
    (("reference", "add", "--list", "target_group", "--code", "a,b", "--zh", "甲", "--en",
      "A"), "编码只能由"),
])
def test_bad_input_gets_a_clear_message_and_changes_nothing(
        hub, station_factory, city, tmp_path: Path, argv: tuple[str, ...], words: str) -> None:
    s = station_factory()
    with s.active():
        uid = crud.create(Client, {"name": "陈阿婆", "phone": "13800001111"}, SYSTEM).uid
    _round(s, hub, tmp_path)
    before = hub.db.execute_sql('SELECT phone, target_groups, version FROM "c_client"'
                                ).fetchall()
    code, out, err = city(*(a.replace("{uid}", uid) for a in argv))
    assert code == 1 and words in err and "Traceback" not in err, (out, err)
    assert hub.db.execute_sql('SELECT phone, target_groups, version FROM "c_client"'
                              ).fetchall() == before
    assert not cm.CityRefItem.select().exists()


def test_resolve_needs_a_choice(hub, city) -> None:
    code, _out, err = city("resolve", "1")
    assert code == 2 and "--keep" in err


def test_ingest_goes_on_after_a_refused_file_and_says_which(
        hub, station_factory, city, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    # `city ingest A B` stopped at A ("unexpected error") and never ingested B.
    from fuzzing import set_entry_field

    from swdesk.city import ingest as ingest_module
    from swdesk.sync import format

    a = station_factory("XM-SM-001", clients=3, records=3, seed=1)
    b = station_factory("XM-HL-002", clients=3, records=3, seed=2)
    with a.active():
        pa = export.export_package(here(), tmp_path / "out").path
    with b.active():
        pb = export.export_package(here(), tmp_path / "out").path
    bad = tmp_path / "bad.swpkg"
    bad.write_bytes(set_entry_field(pa.read_bytes(), format.MANIFEST, "flags", 0x1))
    code, out, _err = city("ingest", str(bad), str(pb))
    assert code == 1 and out.count("已导入") == 1 and "拒收 " + str(bad) in out
    assert "共 2 个文件，拒收 1 个：" + str(bad) in out
    assert cm.CityStation.get(cm.CityStation.code == b.code).last_number == 1
    # A bug while one file goes in: logged with its traceback; the next file goes on.
    real = ingest_module._apply

    def failing(city_: City, path: Path, *args: object) -> object:
        if path.name == pa.name:
            raise RuntimeError("a bug")
        return real(city_, path, *args)

    monkeypatch.setattr(ingest_module, "_apply", failing)
    with b.active():
        crud.create(Client, {"name": "李大爷"}, SYSTEM)
        pb2 = export.export_package(here(), tmp_path / "out").path
    code, out, _err = city("ingest", str(pa), str(pb2))
    assert code == 1 and "意外错误" in out and "Traceback" not in out
    assert "a bug" in caplog.text and any(r.exc_info for r in caplog.records)
    assert cm.CityStation.get(cm.CityStation.code == a.code).last_number == 0
    assert cm.CityStation.get(cm.CityStation.code == b.code).last_number == 2


def test_ingest_says_what_became_of_the_rows_in_chinese(hub, station_factory, city,
                                                        tmp_path: Path) -> None:
    # `city ingest` printed its row outcomes as code words ("applied 12").
    s = station_factory("XM-SM-001", clients=3, records=3, seed=1)
    with s.active():
        package = export.export_package(here(), tmp_path / "out").path
    code, out, err = city("ingest", str(package))
    assert code == 0, err
    assert "已入库" in out and "行" in out
    assert "applied" not in out


def test_config_names_the_attachments_folder(city, hub: City, station_factory,
                                             tmp_path: Path) -> None:
    """``city config --files DIR``: kept in the hub's meta; the files held are counted."""
    from swdesk.db.files import FileStore
    from swdesk.model import Attachment
    from swdesk.model.base import now

    folder = tmp_path / "附件 文件夹"
    code, out, _err = city("config", "--files", str(folder))
    assert code == 0 and str(folder) in out and "已收到 0 个附件文件" in out
    s = station_factory(clients=1)
    with s.active():
        sha = FileStore.of(s.dir).put(b"\x89PNG photo" * 1000)
        crud.create(Attachment, {"client": Client.select().first().id}, SYSTEM, derived={
            "sha256": sha, "size": 10_000, "media_type": "image/png", "file_name": "a.png",
            "attached_at": now()})
        pkg = export.export_package(here(), tmp_path / "out")
    code, out, _err = city("ingest", str(pkg.path))
    assert code == 0 and "附件文件 1 个" in out
    assert (folder / sha[:2] / sha).is_file()
    code, out, _err = city("config")
    assert "已收到 1 个附件文件，共 0.0 MB" in out
