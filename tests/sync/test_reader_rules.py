"""What docs/package-format.md, section 10, says a reader accepts though no writer makes it:
a package that breaks every writer rule at once (but none of section 8) is applied."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

from vectorhub import VECTORS, vector_keys

sys.path.insert(0, str(VECTORS))

from refusals import CLIENT, STATION_ROW, Maker, Member

from swdesk.city import models as m
from swdesk.city.db import City
from swdesk.city.ingest import ingest


def test_a_reader_accepts_what_only_writers_must_avoid(vector_city: City,
                                                       tmp_path: Path) -> None:
    mk = Maker.from_keys(vector_keys())
    client = {k: v for k, v in CLIENT.items() if k != "notes"}  # an absent member is null
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:  # stored, no ZIP64, children first, 2021 dates
        zf.writestr(zipfile.ZipInfo("rows.client.jsonl", (2021, 5, 6, 7, 8, 10)),
                    b"\n" + json.dumps(client, indent=None).encode() + b"\r\n\r\n")
        zf.writestr(zipfile.ZipInfo("rows.station.jsonl", (2021, 5, 6, 7, 8, 10)),
                    json.dumps(STATION_ROW, ensure_ascii=True).encode())  # no final \n
    manifest = mk.manifest(note="not a member of section 4")

    def members(text: bytes, ciphertext: bytes) -> list[Member]:
        loose = json.dumps(json.loads(text), indent=2).encode()  # not canonical JSON
        return [Member("payload.bin", ciphertext, zipfile.ZIP_DEFLATED, zip64=True,
                       date=(2024, 3, 7, 18, 0, 0)),
                Member("manifest.json", loose, zipfile.ZIP_DEFLATED)]

    path = tmp_path / "loose.swpkg"
    path.write_bytes(mk.package(manifest, inner.getvalue(), members=members))
    result = ingest(vector_city, path)
    assert (result.status, result.counts) == ("applied", {"applied": 2})
    row = m.DATA["client"].get(m.DATA["client"].uid == CLIENT["uid"])
    assert (row.name, row.notes, row.station) == ("王阿姨", None, STATION_ROW["uid"])
