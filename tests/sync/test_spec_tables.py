"""Section 13 of docs/package-format.md is the entity descriptions, and enough to write rows
the hub accepts: a row of every entity built from the document's tables alone applies."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from vectorhub import STATION, VECTORS, vector_keys

sys.path.insert(0, str(VECTORS))

from refusals import Maker

from swdesk.city import models as m
from swdesk.city.db import City
from swdesk.city.ingest import ingest
from swdesk.sync import format, spec_tables
from swdesk.validation.ids import check_uscc, parse_resident_id

DOC = spec_tables.DOC


def test_the_document_is_up_to_date() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert spec_tables.updated(text) == text, (
        "docs/package-format.md is out of date: run python -m swdesk.sync.spec_tables")


def test_check_says_when_the_document_is_stale(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    text = DOC.read_text(encoding="utf-8")
    doc.write_text(text.replace("| `name` | string | 50 | yes |", "| `name` | string | 5 | no |",
                                1), encoding="utf-8")
    assert spec_tables.main(["--check", "--doc", str(doc)]) == 1
    assert spec_tables.main(["--doc", str(doc)]) == 0
    assert doc.read_text(encoding="utf-8") == text
    assert spec_tables.main(["--check", "--doc", str(doc)]) == 0


# --- what an implementer reads ----------------------------------------------------------------


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split(" | ")]


def read_document() -> tuple[dict[str, list[dict[str, str]]], dict[str, list[str]]]:
    """The field tables (entity -> rows by column heading) and code lists of section 13."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index(spec_tables.BEGIN):text.index(spec_tables.END)]
    tables: dict[str, list[dict[str, str]]] = {}
    codes: dict[str, list[str]] = {}
    entity = ""
    heading: list[str] = []
    for line in section.splitlines():
        if found := re.match(r"### `(\w+)`", line):
            entity, heading = found.group(1), []
        elif line.startswith("| list |"):
            entity = ""
        elif line.startswith("|") and not line.startswith("| ---"):
            cells = _cells(line)
            if not heading and entity:
                heading = cells
            elif entity:
                tables.setdefault(entity, []).append(dict(zip(heading, cells, strict=True)))
            elif cells[0].startswith("`"):
                codes[cells[0].strip("`")] = re.findall(r"`(\w+)` \(", cells[1])
    return tables, codes


USCC = "91350203MA3123456X"  # GB 32100: check character X
RESIDENT_ID = "11010519491231002X"  # GB 11643's own example


def value(field: dict[str, str], codes: dict[str, list[str]], uids: dict[str, str],
          entity: str) -> Any:
    """A value of ``field`` that its row of the table allows."""
    kind, rules = field["value"], field["rules"]
    if kind == "string":
        if "resident ID" in rules:
            return RESIDENT_ID
        if "credit code" in rules:
            return USCC
        if "mobile" in rules:
            return "13812345678"
        return "示例内容"[:int(field["max"])] if field["max"] != "—" else "示例内容"
    if kind == "date string":
        if field["field"] == "`birth_date`" and entity == "client":
            return "1949-12-31"  # the client table's rule across fields: RESIDENT_ID's date
        return "2024-03-01"
    if kind == "datetime string":
        return "2024-03-01 14:30:00"
    if kind == "integer":
        low = int(re.match(r"(?:at least )?(\d+)", rules).group(1))  # type: ignore[union-attr]
        return max(low, 1)
    if kind == "decimal string":
        return "1.50"
    if kind == "boolean":
        return True
    if field["field"] == "`sex`" and entity == "client":
        return "F"  # the client table's rule across fields: RESIDENT_ID's 17th digit is even
    if kind in ("code string", "codes string"):
        listed = codes[field["code list"].strip("`")]
        if len(listed) < 2:  # a list each station fills itself (its communities)
            return None
        return listed[-1] if kind == "code string" else f",{listed[-2]},{listed[-1]},"
    assert kind == "uid string", kind
    target = field["links to"].strip("`")
    return None if target == entity else uids[target]


def rows_from_document() -> dict[str, dict[str, Any]]:
    tables, codes = read_document()
    rows: dict[str, dict[str, Any]] = {}
    uids: dict[str, str] = {}
    for number, (entity, fields) in enumerate(tables.items(), 1):
        uids[entity] = f"5f0c1a2e-0000-4000-8000-{number:012d}"
        row: dict[str, Any] = {"uid": uids[entity], "origin": STATION, "version": 1,
                               "updated_at": "2024-03-01 09:00:00", "deleted": False,
                               "_seq": number}
        for field in fields:
            row[field["field"].strip("`")] = value(field, codes, uids, entity)
        rows[entity] = row
    rows["service_record"]["_participants"] = [uids["client"]]
    rows["service_record"]["_partners"] = [{"partner": uids["partner"], "contribution": "场地",
                                           "value": "100.00"}]
    return rows


def test_rows_written_from_the_document_alone_are_accepted(vector_city: City,
                                                          tmp_path: Path) -> None:
    parse_resident_id(RESIDENT_ID)  # the examples above are what their rules ask for
    check_uscc(USCC)
    rows = rows_from_document()
    assert list(rows) == list(spec_tables.codec.ORDER)  # every entity, in order
    mk = Maker.from_keys(vector_keys())
    manifest = mk.manifest(number=1, seq_to=len(rows), counts={e: 1 for e in rows})
    path = tmp_path / "independent.swpkg"
    path.write_bytes(mk.package(manifest, mk.inner({
        f"rows.{e}.jsonl": format.canonical_json(r) + b"\n" for e, r in rows.items()})))
    result = ingest(vector_city, path)
    assert result.status == "applied"
    reasons = [(q.entity, q.reason) for q in m.CityQuarantine.select()]
    assert not reasons, "\n".join(map(str, reasons))
    assert result.counts == {"applied": len(rows)}  # none held, rejected or merged
    for entity, row in rows.items():
        assert m.DATA[entity].select().where(m.DATA[entity].uid == row["uid"]).count() == 1
    client = m.DATA["client"].get(m.DATA["client"].uid == rows["client"]["uid"])
    assert (client.id_number, client.target_groups) == (RESIDENT_ID,
                                                       rows["client"]["target_groups"])
    record = m.DATA["service_record"].get()
    assert rows["client"]["uid"] in record.participants
    assert rows["partner"]["uid"] in record.partner_shares
