"""The attachments' files at the hub (issue 24): stored content-addressed beside its
database, acknowledged to the station that sent them.

A station package carries files ``files/<sha256>``. Opening it checks each file's bytes
against its name (``format.OpenedPackage.check_files``): one that does not match refuses
the whole package (nothing written, like any damaged package; the station sends it
again). The files then go into the hub's ``FileStore`` within the ingest (a file the store holds
already is not written again) and a ``CityFile`` row per station and file remembers what
to acknowledge. A file is stored whether or not its attachment row applied (the row may
be held or rejected, and come right later): it is the file the city holds, and the
station need not send it again. An ingest that fails after its files went into the store
rolls back its rows, not the files: they stay, named by their content, harmless, and the
package's next ingest finds them there.

The return package lists in ``files_acked.jsonl`` every file of that station not yet
confirmed: acknowledged by no return package, or by one the station has not applied
(its packages' ``basis`` names the last it applied), so the list stays short.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import peewee as pw

from swdesk.city import models as m
from swdesk.city.db import City
from swdesk.db.files import FileStore
from swdesk.errors import SwdeskError
from swdesk.i18n import _
from swdesk.model.base import now
from swdesk.sync.format import OpenedPackage, PackageRefused


def store_of(city: City) -> FileStore | None:
    return None if city.files_dir is None else FileStore(city.files_dir)


def check(city: City, opened: OpenedPackage) -> FileStore | None:
    """The store the package's files go to (None: it carries none; opening it checked
    that each file's bytes match its name); SwdeskError if this hub has no folder."""
    if not opened.files:
        return None
    store = store_of(city)
    if store is None:
        raise SwdeskError(_(
            "这个包带有附件文件，但本市级平台还没有设置附件文件夹："
            "请运行 swdesk city config --files 文件夹",
            "This package carries attachments' files, but this city hub has no folder for "
            "them yet: run swdesk city config --files FOLDER"))
    return store


def take(store: FileStore | None, opened: OpenedPackage, station: str, number: int) -> int:
    """Store the package's files and remember them for the station's acknowledgement
    (within the caller's transaction); how many it carried."""
    if store is None:
        return 0
    at = now()
    for sha in sorted(opened.files):
        with opened.open_file(sha) as src:
            try:
                store.put_stream(sha, src)
            except ValueError:  # (checked before: the package changed meanwhile)
                raise PackageRefused(_("包内附件文件的内容与其名称（SHA-256）不符：{}",
                                       "An attachment's file in the package does not match "
                                       "its name (SHA-256): {}").format(sha)) from None
        m.CityFile.insert(station=station, sha256=sha, size=opened.files[sha], number=number,
                          at=at, acked_in=None).on_conflict(
            conflict_target=[m.CityFile.station, m.CityFile.sha256],
            update={m.CityFile.number: number, m.CityFile.at: at, m.CityFile.acked_in: None},
        ).execute()
    return len(opened.files)


def to_acknowledge(db: pw.Database, station: str, basis: int) -> list[str]:
    """The files the station's next return package acknowledges, sorted."""
    p = db.param
    return [sha for (sha,) in db.execute_sql(
        f'SELECT sha256 FROM "city_file" WHERE station = {p} '
        f'AND (acked_in IS NULL OR acked_in > {p}) ORDER BY sha256', (station, basis))]


def acknowledged_in(db: pw.Database, station: str, number: int) -> None:
    """Return package ``number`` acknowledges the station's files not acknowledged before."""
    m.CityFile.update(acked_in=number).where(
        (m.CityFile.station == station) & m.CityFile.acked_in.is_null()).execute()


@dataclass(frozen=True)
class Held:
    files: int
    bytes: int


def held(db: pw.Database) -> Held:
    """How many distinct files the hub holds, and their bytes."""
    files, size = db.execute_sql(
        'SELECT count(*), coalesce(sum(size), 0) FROM (SELECT sha256, max(size) AS size '
        'FROM "city_file" GROUP BY sha256) f').fetchone()
    return Held(int(files), int(size))


def lines(shas: list[str]) -> Iterator[bytes]:
    """``files_acked.jsonl``: one JSON string (a SHA-256) per line."""
    for sha in shas:
        yield f'"{sha}"\n'.encode()
