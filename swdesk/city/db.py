"""Opening the city hub: its database (SQLite by default, PostgreSQL by URL) and its keys."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import peewee as pw
from playhouse.db_url import connect
from playhouse.migrate import SchemaMigrator, migrate

from swdesk.city import models as m
from swdesk.db import leftovers
from swdesk.errors import DatabaseError, SwdeskError
from swdesk.i18n import _
from swdesk.sync import codec, crypto

KEYS_FILE = "city-keys.json"
DB_FILE = "city.db"


def default_url(data_dir: Path) -> str:
    return f"sqlite:///{(data_dir / DB_FILE).resolve()}"


@dataclass
class City:
    """An open city hub: database bound to ``models.city_database``, keys, data dir."""

    db: pw.Database
    data_dir: Path
    city_id: str
    name: str
    keys: crypto.KeyPair
    # Where the attachments' files go (hub meta ``files_dir``): a SQLite hub's default is
    # ``attachments/`` in its data folder; a PostgreSQL hub's, a folder its operator names.
    files_dir: Path | None = None

    @property
    def staging(self) -> Path:
        return self.data_dir / "staging"

    @property
    def held(self) -> Path:
        return self.data_dir / "held"

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()
        if m.city_database.obj is self.db:
            m.city_database.initialize(None)

    def __enter__(self) -> City:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _connect(url: str) -> pw.Database:
    try:
        if url.startswith("sqlite"):
            # FULL sync: a commit the hub reported must survive a power cut.
            # A big page cache (up to 2 GiB, taken only as used): ingesting a full package
            # inserts millions of index entries on random uids, and SQLite's 2 MB default
            # cache, or one smaller than what a full package writes, slows that down.
            db = connect(url, pragmas={"journal_mode": "wal", "synchronous": 2,
                                       "cache_size": -2 * 1024 * 1024}, timeout=30)
        else:
            db = connect(url)
        db.connect()
    except Exception as exc:  # drivers raise their own types (psycopg2, sqlite3 …)
        raise DatabaseError(_("无法连接市级数据库 {}：{}", "Cannot connect to the city database "
                              "{}: {}").format(_safe(url), exc)) from None
    return db


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://…@{rest.split('@', 1)[1]}"
    return url


FILES_DIR = "files_dir"  # the hub's meta key of its attachments' folder
FILES_FOLDER = "attachments"


def files_dir_of(data_dir: Path, db: pw.Database, configured: str | None) -> Path | None:
    """The folder of the hub's attachments' files: as configured, else (SQLite only)
    ``attachments/`` beside the database."""
    if configured:
        return Path(configured)
    return data_dir / FILES_FOLDER if isinstance(db, pw.SqliteDatabase) else None


def set_files_dir(city: City, folder: Path) -> Path:
    """Name the folder the hub keeps the attachments' files in (stored in its meta)."""
    folder = folder.resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SwdeskError(_("无法创建附件文件夹 {}：{}", "Cannot make the attachments' folder "
                            "{}: {}").format(folder, exc)) from None
    with city.db.atomic():
        m.CityMeta.insert(key=FILES_DIR, value=str(folder)).on_conflict(
            conflict_target=[m.CityMeta.key], update={m.CityMeta.value: str(folder)}).execute()
    city.files_dir = folder
    return folder


def init_city(data_dir: Path, url: str | None, name: str,
              files: Path | None = None) -> City:
    """Make the city's keys and database (once); ``files``: the attachments' folder."""
    data_dir.mkdir(parents=True, exist_ok=True)
    keys_path = data_dir / KEYS_FILE
    if keys_path.exists():
        raise SwdeskError(_("{} 中已有市级平台的密钥，不能重复初始化",
                            "{} already holds the city hub's keys; it cannot be initialised "
                            "twice").format(data_dir))
    db = _connect(url or default_url(data_dir))
    m.city_database.initialize(db)
    try:
        if m.CityMeta.table_exists() and m.CityMeta.get_or_none(m.CityMeta.key == "city_id"):
            raise SwdeskError(_("该市级数据库已经初始化过", "This city database is already "
                                "initialised"))
        city_id = "city-" + secrets.token_hex(8)
        keys = crypto.KeyPair.generate()
        sign, kem = keys.private_b64()
        text = json.dumps({"city": city_id, "name": name, "sign": sign, "kem": kem}, indent=1)
        fd = os.open(keys_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        with db.atomic():
            db.create_tables(m.ALL)
            for key, value in (("schema_version", str(m.CITY_SCHEMA)), ("city_id", city_id),
                               ("name", name)):
                m.CityMeta.create(key=key, value=value)
    except BaseException:
        m.city_database.initialize(None)
        db.close()
        raise
    city = City(db, data_dir, city_id, name, keys, files_dir_of(data_dir, db, None))
    if files is not None:
        set_files_dir(city, files)
    return city


def _upgrade(db: pw.Database, version: int) -> None:
    """Bring an older hub to ``models.CITY_SCHEMA``, in one transaction."""
    with db.atomic():
        if version < 2:  # drop the indexes no query used
            for name in m.dropped_in_2():
                db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
        if version < 3:
            _lists_into_records(db)
        if version < 4:
            _acks_into_rows(db)
        if version < 5:
            _epochs(db)
        if version < 7:  # (6: data schema 2's fields; 7: schema 3's — the same step)
            _new_fields(db)
        m.CityMeta.update(value=str(m.CITY_SCHEMA)).where(
            m.CityMeta.key == "schema_version").execute()


def _lists_into_records(db: pw.Database) -> None:
    """Schema 3: participants and partner shares move into JSON columns of the record."""
    table = m.table("service_record")
    for column in m.RECORD_LISTS:
        _add_column(db, table, column, "TEXT")
    if isinstance(db, pw.SqliteDatabase):
        parts = "json_group_array(x.client_uid)"
        share = ("json_group_array(json_object('partner', x.partner_uid, 'contribution', "
                 "x.contribution, 'value', iif(x.value IS NULL, NULL, "
                 "printf('%.2f', x.value))))")
    else:
        parts = "json_agg(x.client_uid)::text"
        share = ("json_agg(json_build_object('partner', x.partner_uid, 'contribution', "
                 "x.contribution, 'value', to_char(x.value, 'FM999999999990.00')))::text")
    for column, source, lists in (("participants", "city_participant", parts),
                                  ("partner_shares", "city_partner_share", share)):
        value = "'[]'"
        if db.table_exists(source):
            value = (f'coalesce((SELECT {lists} FROM "{source}" x '
                     f'WHERE x.record_uid = "{table}".uid), {value})')
        db.execute_sql(f'UPDATE "{table}" SET "{column}" = {value} WHERE "{column}" IS NULL')
    for gone in m.DROPPED_IN_3:
        db.execute_sql(f'DROP TABLE IF EXISTS "{gone}"')


def _add_column(db: pw.Database, table: str, column: str, kind: str) -> None:
    """Add a nullable column unless the table has it (an upgrade may have stopped midway
    on a back end without transactional DDL)."""
    if column not in {c.name for c in db.get_columns(table)}:
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {kind}')


def _acks_into_rows(db: pw.Database) -> None:
    """Schema 4: city rows hold ``applied_in``, return packages ``covers``. An older hub
    wrote a row state for every row it stored: those rows are marked EXPLICIT (their
    state stays where it is)."""
    for name in m.dropped_in_4():
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
    _add_column(db, "city_package", "covers", "INTEGER")
    p = db.param
    for entity in codec.ENTITIES:
        table = m.table(entity)
        _add_column(db, table, "applied_in", "INTEGER")
        db.execute_sql(f'UPDATE "{table}" SET applied_in = {m.EXPLICIT} WHERE uid IN '
                       f'(SELECT uid FROM "city_row_state" WHERE entity = {p})', (entity,))


def _epochs(db: pw.Database) -> None:
    """Schema 5: numbering epochs. Everything so far is of each station's first epoch."""
    for table in ("city_station", "city_package"):
        _add_column(db, table, "epoch", "VARCHAR(32) NOT NULL DEFAULT ''")
    _add_column(db, "city_station", "epoch_from", "INTEGER NOT NULL DEFAULT 0")
    _add_column(db, "city_row_state", "number", "INTEGER NOT NULL DEFAULT 0")


def _new_fields(db: pw.Database) -> None:
    """Schemas 6 and 7: the columns data schemas 2 and 3 added to the entities an older hub
    has (its new entities' tables are made by ``open_city`` with the other missing
    tables)."""
    migrator = SchemaMigrator.from_database(db)
    for model in m.DATA.values():
        table = model._meta.table_name
        if not db.table_exists(table):
            continue
        have = {c.name for c in db.get_columns(table)}
        for field in model._meta.sorted_fields:
            if field.column_name not in have:  # (every data column takes null)
                migrate(migrator.add_column(table, field.column_name, field))


def open_city(data_dir: Path, url: str | None) -> City:
    keys_path = data_dir / KEYS_FILE
    if not keys_path.exists():
        raise SwdeskError(_("{} 中没有市级平台（请先运行 swdesk city init）",
                            "There is no city hub in {} (run swdesk city init first)")
                          .format(data_dir))
    try:
        stored = json.loads(keys_path.read_text(encoding="utf-8"))
        if not (isinstance(stored, dict)
                and all(isinstance(stored.get(k), str) for k in ("sign", "kem"))):
            raise ValueError("not the object of docs/package-format.md, section 12")
        keys = crypto.KeyPair.from_b64(stored["sign"], stored["kem"])
    except (OSError, ValueError, crypto.CryptoError) as exc:
        raise SwdeskError(_("市级平台密钥文件已损坏：{}", "The city hub's key file is damaged: "
                            "{}").format(keys_path)) from exc
    db = _connect(url or default_url(data_dir))
    m.city_database.initialize(db)
    leftovers.remove_hub_staging(data_dir / "staging")  # decrypted packages of killed ingests
    try:
        meta = ({r.key: r.value for r in m.CityMeta.select()}
                if m.CityMeta.table_exists() else {})
        if not meta:
            raise DatabaseError(_("该市级数据库尚未初始化", "This city database is not "
                                  "initialised"))
        if int(meta.get("schema_version", "0")) > m.CITY_SCHEMA:
            raise DatabaseError(_("该市级数据库由更新版本的 swdesk 创建，请先升级",
                                  "This city database was made by a newer swdesk; please "
                                  "upgrade"))
        if meta.get("city_id") != stored.get("city"):
            raise DatabaseError(_("密钥文件与市级数据库不属于同一个平台",
                                  "The key file and the city database belong to different "
                                  "hubs"))
        if int(meta.get("schema_version", "0")) < m.CITY_SCHEMA:
            _upgrade(db, int(meta.get("schema_version", "0")))
        # Tables and indexes added by a later version (after the upgrade: an index may
        # need a column it adds).
        db.create_tables(m.ALL, safe=True)
    except BaseException:
        m.city_database.initialize(None)
        db.close()
        raise
    return City(db, data_dir, meta["city_id"], meta.get("name", ""), keys,
                files_dir_of(data_dir, db, meta.get(FILES_DIR)))
