"""Every sync action a person takes leaves one audit entry, and the chain still verifies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from swdesk.city.enroll import enroll_station
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.model import AuditEntry
from swdesk.services import audit_log, journal
from swdesk.services.actor import Actor
from swdesk.sync import apply, enrolment, export, folder
from tests.stations import here

HEAD = Actor("wang", "head")


def _new_entries(after: int) -> list[AuditEntry]:
    return list(AuditEntry.select().where(AuditEntry.id > after).order_by(AuditEntry.id))


def _last_id() -> int:
    last = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    return int(last.id) if last else 0


def test_enrolment_is_audited_with_who_did_it(hub, sdb, tmp_path: Path) -> None:
    enrol_file = enroll_station(hub, "XM-SM-001", "嘉莲街道社工站", tmp_path / "enrol.json")
    before = _last_id()
    fingerprint = hub.keys.public().fingerprint()
    enrolment.enrol(enrol_file, HEAD, fingerprint)
    [entry] = _new_entries(before)
    assert (entry.actor, entry.action, entry.row_uid) == ("wang", "sync-enrol", "XM-SM-001")
    assert json.loads(entry.detail) == {"city": hub.city_id, "city_name": "厦门市民政局",
                                        "again": False, "fingerprint": fingerprint}
    assert audit_log.action_label("sync-enrol") == "登记到市级平台"
    assert journal.verify_audit_chain() == []


def test_a_refused_enrolment_leaves_no_entry(hub, sdb, tmp_path: Path) -> None:
    other = enroll_station(hub, "XM-HL-002", "湖里站", tmp_path / "enrol.json")
    before = _last_id()
    with pytest.raises(Exception, match="XM-HL-002"):
        enrolment.enrol(other, HEAD, hub.keys.public().fingerprint())
    assert _new_entries(before) == []


def test_setting_and_clearing_the_sync_folder(station_factory, tmp_path: Path) -> None:
    s = station_factory()
    with s.active():
        before = _last_id()
        folder.set_folder(str(tmp_path / "share"), HEAD)
        folder.set_folder(None, HEAD)
        entries = _new_entries(before)
        assert [(e.actor, e.action, e.entity, e.row_uid) for e in entries] == [
            ("wang", "setting", "setting", "sync_folder")] * 2
        assert [json.loads(e.detail) for e in entries] == [{}, {"cleared": True}]
        assert journal.verify_audit_chain() == []


def test_writing_a_package_and_importing_a_return(hub, station_factory,
                                                  tmp_path: Path) -> None:
    s = station_factory(clients=5, records=5)
    with s.active():
        before = _last_id()
        pkg = export.export_package(here(HEAD), tmp_path / "out")
        [entry] = _new_entries(before)
        assert (entry.actor, entry.action, entry.row_uid) == ("wang", "sync-export",
                                                             pkg.path.name)
        assert json.loads(entry.detail) == {"number": 1, "rows": pkg.rows, "seq_from": 1,
                                            "seq_to": pkg.seq_to, "files": 0,
                                            "file_bytes": 0}
    ingest(hub, pkg.path)
    ret = write_return(hub, s.code, tmp_path / "ret")
    with s.active():
        before = _last_id()
        done = apply.import_return(ret.path, HEAD)
        entries = [e for e in _new_entries(before) if e.action == "sync-import"]
        assert [(e.actor, e.row_uid) for e in entries] == [("wang", ret.path.name)]
        detail = json.loads(entries[0].detail)
        assert detail["number"] == 1 and detail["acks"] == sum(done.acks.values())
        before = _last_id()
        assert apply.import_return(ret.path, HEAD).status == "duplicate"
        assert _new_entries(before) == []  # nothing imported, nothing audited
        assert journal.verify_audit_chain() == []


def test_auto_sync_audits_both_with_the_person(hub, station_factory, tmp_path: Path) -> None:
    s = station_factory(clients=3)
    share = tmp_path / "share"
    share.mkdir()
    with s.active():
        folder.set_folder(str(share), HEAD)
        ingest(hub, export.export_package(here(), share).path)
    write_return(hub, s.code, share)
    with s.active():
        before = _last_id()
        result = folder.auto(here(HEAD))
        assert len(result.imported) == 1 and result.exported is not None
        actions = [(e.actor, e.action) for e in _new_entries(before)
                   if e.action.startswith("sync-")]
        assert actions == [("wang", "sync-import"), ("wang", "sync-export")]
        assert journal.verify_audit_chain() == []
