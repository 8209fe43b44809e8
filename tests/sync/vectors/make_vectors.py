"""Writes the test vectors of docs/package-format.md (run once; the files are committed).

    PYTHONPATH=. python tests/sync/vectors/make_vectors.py            # the worked example
    PYTHONPATH=. python tests/sync/vectors/make_vectors.py refusals   # refused-*.swpkg

The keys are those of ``keys.json`` (made once, when it is missing). HPKE encryption is
randomised, so running it again gives different (equally valid) packages; the tests
only read the committed ones. The worked example holds a row of every entity of the
current data schema; ``v1/`` keeps the example of data schema 1 as a station not upgraded
yet sends it (written once by the earlier version of this script, kept as it is).
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import refusals  # noqa: E402  (beside this script)

from swdesk.sync import codec, crypto, format, package_write, zipwrite  # noqa: E402
from swdesk.sync.enrolment import proof  # noqa: E402


def _keys() -> dict[str, str]:
    path = HERE / "keys.json"
    if path.exists():
        keys: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        return keys
    city = crypto.KeyPair.generate()
    station = crypto.KeyPair.generate()
    keys = {"city_sign_private": city.private_b64()[0], "city_kem_private": city.private_b64()[1],
            "station_sign_private": station.private_b64()[0],
            "station_kem_private": station.private_b64()[1],
            "enrolment_token": crypto.b64(bytes(range(32)))}
    path.write_text(json.dumps(keys, indent=1) + "\n", encoding="utf-8")
    return keys


ORIGIN = "XM-SM-001"
# The example's attached photo: a PNG of two pixels (the attachment row names its hash).
EXAMPLE_PHOTO = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000020000000108020000007b40e8dd0000000f49444154"
    "789c6338a1a1f1e1840d000abb030d126062df0000000049454e44ae426082")


def uid(n: int) -> str:
    return f"5f0c1a2e-0000-4000-8000-{n:012d}"


def _row(entity: str, n: int, values: dict[str, Any], *, version: int = 1,
         updated_at: str = "2024-03-01 09:00:00", deleted: bool = False,
         extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """A whole row as the station writes it: every field of its entity, ``null`` unless
    given (links by number: ``uid(n)``)."""
    fields = [c.name for c in codec.ENTITIES[entity].columns]
    unknown = set(values) - set(fields)
    assert not unknown, f"{entity} has no field {unknown}"
    row: dict[str, Any] = {"uid": uid(n), "origin": ORIGIN, "version": version,
                           "updated_at": updated_at, "deleted": deleted}
    row.update({name: values.get(name) for name in fields})
    return {**row, **(extra or {})}


def example_rows() -> dict[str, list[dict[str, Any]]]:
    """The worked example: a row of every entity (data schema 3), by inner file."""
    s, client, agency, worker, partner, volunteer, project, case = (
        uid(1), uid(2), uid(4), uid(5), uid(7), uid(8), uid(10), uid(14))
    group, activity, held = uid(18), uid(20), uid(22)
    by_entity: dict[str, list[dict[str, Any]]] = {
        "agency": [_row("agency", 4, {"name": "厦门市嘉莲社会工作服务中心",
                                      "filing_status": "filed"})],
        "station": [_row("station", 1, {"code": ORIGIN, "name": "嘉莲街道社工站",
                                        "level": "station", "district": "siming"})],
        "worker": [_row("worker", 5, {"name": "李晓红", "sex": "F", "station": s,
                                      "agency": agency, "cert_level": "assistant",
                                      "sw_degree": True, "is_supervisor": False,
                                      "active": True})],
        "training_record": [_row("training_record", 6, {
            "worker": worker, "date": "2024-02-20", "title": "个案管理实务", "kind": "course",
            "hours": "6.00"})],
        "partner": [_row("partner", 7, {"kind": "community", "name": "莲花社区居委会",
                                        "skill_codes": ",visiting,",
                                        "availability_codes": ",weekday_am,"})],
        "volunteer": [_row("volunteer", 8, {"name": "黄志明", "id_type": "resident_id",
                                            "team": partner, "active": True,
                                            "skill_codes": ",visiting,culture,",
                                            "languages": ",minnan,putonghua,",
                                            "availability_codes": ",weekend_am,"})],
        "client": [
            _row("client", 2, {"name": "陈阿婆", "phone": "13800001111", "address": "莲花路1号",
                               "community": "莲花社区", "target_groups": ",elderly,dibao,",
                               "registered_on": "2024-03-01", "station": s,
                               "visit_every_days": 7, "visitor_worker": worker,
                               "visitor_volunteer": volunteer, "languages": ",minnan,"},
                 version=3, updated_at="2024-03-05 10:30:00",
                 extra={"_base": {"phone": "13800000000"}}),
            _row("client", 3, {"name": "林阿公", "station": s}, version=2,
                 updated_at="2024-03-06 08:00:00", deleted=True)],
        "need": [_row("need", 9, {"client": client, "category": "jinglao",
                                  "description": "想参加社区活动，多认识邻居", "status": "closed",
                                  "raised_on": "2024-02-01", "volunteer": volunteer,
                                  "due_on": "2024-02-29", "skill": "culture",
                                  "availability": "weekend_am"})],
        "project": [_row("project", 10, {
            "name": "嘉莲街道社工站运营项目", "purchaser": "嘉莲街道办事处", "station": s,
            "agency": agency, "start_on": "2024-01-01", "end_on": "2024-12-31",
            "budget": "500000.00", "first_purchase": True})],
        "indicator": [_row("indicator", 11, {"project": project, "kind": "cases",
                                             "target": 20})],
        "evaluation": [_row("evaluation", 12, {"project": project, "kind": "midterm",
                                               "evaluated_on": "2024-03-01",
                                               "grade": "good"})],
        "evaluation_score": [_row("evaluation_score", 26, {
            "evaluation": uid(12), "indicator": uid(11), "score": 85,
            "note": "个案服务记录完整"})],
        "complaint": [_row("complaint", 13, {
            "target": "worker", "worker": worker, "channel": "phone",
            "received_on": "2024-03-02", "content": "探访时间多次更改", "status": "closed",
            "handled_on": "2024-03-03"})],
        "case": [_row("case", 14, {
            "case_no": "GA2024-001", "client": client, "worker": worker,
            "opened_on": "2024-03-01", "stage": "plan", "risk_level": "medium",
            "consent": True, "consent_on": "2024-03-01", "problem": "独居，行动不便",
            "project": project, "follow_up_on": "2024-09-01"})],
        "case_goal": [_row("case_goal", 15, {
            "case": case, "seq": 1, "goal": "每周两次上门探访，建立支持网络",
            "target_on": "2024-06-30", "attainment": "partly"})],
        "case_log": [_row("case_log", 16, {
            "case": case, "date": "2024-03-05", "way": "home_visit", "duration_min": 60,
            "content": "上门探访，了解饮食与用药情况", "next_step_on": "2024-03-12",
            "care_visit": True, "worker": worker})],
        "referral": [_row("referral", 17, {
            "case": case, "direction": "out", "date": "2024-03-05",
            "organisation": "莲花社区卫生服务站", "reason": "慢病随访",
            "receipt_on": "2024-03-06", "receipt_note": "已接收，安排家庭医生"})],
        "work_group": [_row("work_group", 18, {
            "group_no": "XZ2024-001", "name": "长者健康互助小组", "worker": worker,
            "project": project, "category": "jinglao", "field": "welfare",
            "status": "running", "planned_start": "2024-03-04", "planned_sessions": 6,
            "aims": "增进长者健康知识，建立互助关系"})],
        "group_member": [_row("group_member", 19, {"work_group": group, "client": client,
                                                   "joined_on": "2024-03-04"})],
        "community_activity": [_row("community_activity", 20, {
            "activity_no": "HD2024-001", "title": "邻里元宵游园会", "worker": worker,
            "project": project, "category": "jinglao", "field": "community",
            "status": "held", "planned_on": "2024-02-24", "place": "莲花社区广场",
            "expected_turnout": 80, "aims": "促进邻里交往", "unnamed_count": 40,
            "surveyed": 30, "satisfied": 28})],
        "service_record": [
            _row("service_record", 21, {
                "date": "2024-03-04", "kind": "group", "category": "jinglao",
                "field": "welfare", "title": "第1节：相识", "duration_min": 90, "headcount": 1,
                "care_visit": False, "worker": worker, "project": project, "station": s,
                "work_group": group, "session_no": 1, "observations": "组员参与积极"},
                 extra={"_participants": [client], "_partners": []}),
            _row("service_record", 22, {
                "date": "2024-02-24", "kind": "community", "category": "jinglao",
                "field": "community", "title": "邻里元宵游园会", "headcount": 41,
                "care_visit": False, "worker": worker, "project": project, "station": s,
                "activity": activity, "need": uid(9)},
                 extra={"_participants": [client],
                        "_partners": [{"partner": partner, "contribution": "场地",
                                       "value": None}]})],
        "volunteer_hour": [_row("volunteer_hour", 23, {
            "volunteer": volunteer, "date": "2024-02-24", "hours": "3.00",
            "content": "游园会引导", "record": held, "project": project})],
        "volunteer_certificate": [_row("volunteer_certificate", 24, {
            "cert_no": "ZS2024-0001", "volunteer": volunteer, "period_from": "2024-01-01",
            "period_to": "2024-03-06", "hours": "3.00", "entries": 1,
            "issued_on": "2024-03-06", "station": s})],
        "questionnaire_response": [_row("questionnaire_response", 25, {
            "questionnaire": "loneliness", "q_version": 1, "phase": "pre",
            "date": "2024-03-04", "client": client, "work_group": group,
            "answers": '{"1":3,"2":2,"3":3}', "score": 8, "band": "moderate",
            "worker": worker})],
        "attachment": [_row("attachment", 27, {
            "sha256": hashlib.sha256(EXAMPLE_PHOTO).hexdigest(), "size": len(EXAMPLE_PHOTO),
            "media_type": "image/png", "file_name": "游园会合影.png",
            "caption": "元宵游园会合影", "taken_at": "2024-02-24 10:15:00", "width": 2,
            "height": 1, "attached_at": "2024-02-24 16:00:00", "attached_by": worker,
            "record": held})],
    }
    assert list(by_entity) == list(codec.ORDER), "one file per entity, in order"
    seq = 0
    for rows in by_entity.values():  # the change numbers in the order the rows apply
        for row in rows:
            seq += 1
            row["_seq"] = seq
            if "_base" in row:  # (after _seq, as the station writes it)
                row["_base"] = row.pop("_base")
    return {f"rows.{name}.jsonl": rows for name, rows in by_entity.items()}


def main() -> None:
    keys = _keys()
    if sys.argv[1:] == ["refusals"]:
        refusals.write(HERE / "refusals", keys)
        return
    city = crypto.KeyPair.from_b64(keys["city_sign_private"], keys["city_kem_private"])
    station = crypto.KeyPair.from_b64(keys["station_sign_private"], keys["station_kem_private"])
    token = keys["enrolment_token"]
    rows = example_rows()
    pub = station.public()
    manifest = {
        "format": format.FORMAT_VERSION, "kind": "station", "suite": crypto.SUITE_NAME,
        "schema": format.PAYLOAD_SCHEMA, "app": "swdesk 0.2.0",
        "city": "city-0123456789abcdef", "station": ORIGIN, "number": 7,
        "created_at": "2024-03-06 18:00:00", "seq_from": 1,
        "seq_to": sum(map(len, rows.values())), "basis": 0,
        "counts": {name.split(".")[1]: len(lines) for name, lines in rows.items()},
        "station_keys": {"sign": pub.sign, "kem": pub.kem},
        "proof": proof(token, "city-0123456789abcdef", ORIGIN, pub),
    }
    entries: package_write.Entries = [
        (name, [(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
                for r in lines]) for name, lines in rows.items()]
    photo = hashlib.sha256(EXAMPLE_PHOTO).hexdigest()
    files = zipwrite.FileBatch([(photo, len(EXAMPLE_PHOTO))],
                               lambda _sha: io.BytesIO(EXAMPLE_PHOTO), 1024**2)
    path = HERE / format.file_name("station", ORIGIN, 7)
    package_write.write_package(path, manifest, [*entries, ("files", files)], station,
                                city.public())
    assert files.chosen == [(photo, len(EXAMPLE_PHOTO))]
    (HERE / "expected.json").write_text(json.dumps({
        "file": path.name, "rows": rows,
        "files": {f"files/{photo}": EXAMPLE_PHOTO.hex()}}, ensure_ascii=False, indent=1)
        + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
