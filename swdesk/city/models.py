"""The city hub's database: one table per synced entity (links kept as uids) plus the
bookkeeping of stations, packages, per-row state (the shadow), conflicts and quarantine.

Built with peewee from these models on SQLite or PostgreSQL; separate from the
station's migrations, with its own schema version (``CITY_SCHEMA``).
"""

from __future__ import annotations

from typing import Any

import peewee as pw

from swdesk.sync import codec

# 2: no indexes on link columns, participants' clients or partner shares' partners: no
# query of the hub used them, and keeping them up to date cost a full ingest a third of
# its time. An index comes back with the query that needs it.
# 3: a service record's participants and partner shares are JSON columns of the record
# (as the package carries them) instead of tables of their own: no hub query looked into
# them, and a full package's three million participant rows cost its ingest an eighth of
# its time. Queries that need them read them with json_each / jsonb_array_elements.
# 4: a row applied as the station sent it has no row state of its own: its city row holds
# the version and the station package that applied it (``applied_in``; a return package
# acknowledges the packages up to its ``covers``). Only rows merged, in conflict, held,
# rejected or corrected keep one in ``city_row_state`` (their city row says EXPLICIT).
# Writing a row state for each of a full package's 1.8 million rows cost its ingest a
# sixth of its time.
# 5: stations' numbering epochs (a restored station starts a new one): the station's
# current epoch and the number of its first package, each package's epoch, and the
# package that set a row state's version (a version of an older epoch is no duplicate).
# 6: the entities and fields of the packages' data schema 2 (issue 22: case goals, groups
# and their members, community activities, questionnaire responses; a case's project and
# closure, a record's group session or activity …): their tables, and the new columns of
# the tables a hub had.
CITY_SCHEMA = 6
DROPPED_IN_2 = ("city_participant_client_uid", "city_partner_share_partner_uid")
DROPPED_IN_3 = ("city_participant", "city_partner_share")
# The service record's columns that hold its lists, in package form (JSON text).
RECORD_LISTS = {"participants": codec.PARTICIPANTS, "partner_shares": codec.PARTNERS}
# ``applied_in`` of a city row whose row state is kept in ``city_row_state``.
EXPLICIT = -1
city_database = pw.DatabaseProxy()


class CityModel(pw.Model):
    class Meta:
        database = city_database
        legacy_table_names = False


class CityMeta(CityModel):
    key = pw.CharField(max_length=64, primary_key=True)
    value = pw.TextField()


class CityStation(CityModel):
    """An enrolled station: its pinned keys and how far its packages got."""

    code = pw.CharField(max_length=32, primary_key=True)
    name = pw.CharField(max_length=100)
    token = pw.CharField(max_length=64)  # one-time enrolment token (base64)
    sign_pub = pw.CharField(max_length=64, null=True)
    kem_pub = pw.CharField(max_length=64, null=True)
    enrolled_at = pw.DateTimeField()
    last_number = pw.IntegerField(default=0)  # last station package applied
    applied_seq = pw.IntegerField(default=0)  # all its changes up to here are final
    last_return = pw.IntegerField(default=0)  # last return package written
    basis = pw.IntegerField(default=0)  # last return package the station applied
    # Its numbering epoch ("": the first), and the package number it began with: row
    # versions and change numbers of packages before it belong to an older numbering.
    epoch = pw.CharField(max_length=32, default="")
    epoch_from = pw.IntegerField(default=0)


class CityPackage(CityModel):
    id = pw.AutoField()
    station = pw.CharField(max_length=32, index=True)
    kind = pw.CharField(max_length=8)  # station | return
    number = pw.IntegerField()
    file_name = pw.CharField(max_length=255)
    file_hash = pw.CharField(max_length=64)
    status = pw.CharField(max_length=12)  # applied | held | written
    rows = pw.IntegerField(default=0)
    at = pw.DateTimeField()
    message = pw.TextField(default="")
    # A return package: the last station package whose rows it acknowledges (schema 4).
    covers = pw.IntegerField(null=True)
    epoch = pw.CharField(max_length=32, default="")  # the station's numbering epoch


class CityRowState(CityModel):
    """Per row that needs one (``row_states.py``): the station version applied, its
    outcome, and the shadow.

    ``diverged`` holds the station's values when they differ from the city's row
    (a merge, a conflict or a city correction): those rows go back as corrections.
    """

    entity = pw.CharField(max_length=40)
    uid = pw.CharField(max_length=36)
    station = pw.CharField(max_length=32)
    version = pw.IntegerField()
    seq = pw.IntegerField(default=0)
    outcome = pw.CharField(max_length=12)
    reason = pw.TextField(default="")
    fields = pw.TextField(default="")  # JSON list of conflicting fields
    diverged = pw.TextField(null=True)
    acked_in = pw.IntegerField(null=True)  # return package that first carried the ack
    # The station package that set ``version`` (its epoch's versions are comparable).
    number = pw.IntegerField(default=0)

    class Meta:
        primary_key = pw.CompositeKey("entity", "uid")
        indexes = ((("station", "acked_in"), False),)


# The rows that go back as corrections, found without reading the station's whole row
# state: a partial index holds only the diverged ones (SQLite and PostgreSQL alike).
CityRowState.add_index(CityRowState.index(
    CityRowState.station, CityRowState.entity, CityRowState.uid,
    name="cityrowstate_diverged").where(CityRowState.diverged.is_null(False)))


class CityConflict(CityModel):
    id = pw.AutoField()
    station = pw.CharField(max_length=32, index=True)
    entity = pw.CharField(max_length=40)
    uid = pw.CharField(max_length=36)
    field = pw.CharField(max_length=40)
    base_value = pw.TextField(null=True)
    station_value = pw.TextField(null=True)
    city_value = pw.TextField(null=True)
    version = pw.IntegerField()
    created_at = pw.DateTimeField()
    closed_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = ((("entity", "uid"), False),)


class CityQuarantine(CityModel):
    id = pw.AutoField()
    station = pw.CharField(max_length=32, index=True)
    entity = pw.CharField(max_length=40)
    uid = pw.CharField(max_length=36, index=True)
    version = pw.IntegerField()
    reason = pw.TextField()
    data = pw.TextField()
    at = pw.DateTimeField()
    acked_in = pw.IntegerField(null=True)  # for rows without a row state of this station


class CityAudit(CityModel):
    """Changes made at the hub (``city/audit.py``): corrections, eligibility, resolved
    conflicts, reference items, enrolments."""

    id = pw.AutoField()
    at = pw.DateTimeField()
    actor = pw.CharField(max_length=64)
    action = pw.CharField(max_length=24)
    entity = pw.CharField(max_length=40, default="")
    uid = pw.CharField(max_length=36, default="")
    detail = pw.TextField(default="")


class CityRefItem(CityModel):
    """Reference-list entries the city adds; they travel in return packages."""

    list_code = pw.CharField(max_length=40)
    code = pw.CharField(max_length=32)
    zh = pw.CharField(max_length=100)
    en = pw.CharField(max_length=100)
    sort = pw.IntegerField(default=0)
    active = pw.BooleanField(default=True)

    class Meta:
        primary_key = pw.CompositeKey("list_code", "code")


class CityQuestionnaire(CityModel):
    """Questionnaire definitions the city adds or revises (docs/questionnaires.md); the
    newest version of each travels to every station in its return packages."""

    code = pw.CharField(max_length=40, primary_key=True)
    version = pw.IntegerField()
    definition = pw.TextField()  # the JSON as checked by questionnaire_defs.parse


class CityVisitRule(CityModel):
    """邻里守望 visit rules the city sets (``swdesk.visit_rules``); every one travels to
    every station in its return packages, a withdrawn one (``active`` false) too, so the
    stations drop it."""

    target_group = pw.CharField(max_length=32)  # '' = any group
    risk_level = pw.CharField(max_length=32)  # '' = any level
    every_days = pw.IntegerField()
    way = pw.CharField(max_length=32)
    active = pw.BooleanField(default=True)

    class Meta:
        primary_key = pw.CompositeKey("target_group", "risk_level")


def column_name(c: codec.Column) -> str:
    """The city table's column of a field: a link keeps the linked row's uid."""
    return f"{c.name}_uid" if c.kind == "link" else c.name


def data_columns(entity: codec.Entity) -> list[str]:
    return [column_name(c) for c in entity.columns]


def _column(c: codec.Column) -> pw.Field:
    kinds: dict[str, Any] = {
        "text": lambda: pw.TextField(null=True),
        "link": lambda: pw.CharField(max_length=36, null=True, column_name=column_name(c)),
        "int": lambda: pw.BigIntegerField(null=True),
        "decimal": lambda: pw.DecimalField(max_digits=14, decimal_places=2, null=True),
        "bool": lambda: pw.BooleanField(null=True),
        "date": lambda: pw.DateField(null=True),
        "datetime": lambda: pw.DateTimeField(null=True),
    }
    field: pw.Field = kinds[c.kind]()
    return field


def _data_model(entity: codec.Entity) -> type[CityModel]:
    attrs: dict[str, Any] = {
        "uid": pw.CharField(max_length=36, unique=True),
        "origin": pw.CharField(max_length=32),
        "version": pw.IntegerField(),
        "updated_at": pw.DateTimeField(null=True),
        "deleted": pw.BooleanField(default=False),
        # The station package that applied the row as sent (EXPLICIT: its row state is in
        # city_row_state instead).
        "applied_in": pw.IntegerField(null=True),
        "__module__": __name__,
        "Meta": type("Meta", (), {"table_name": f"c_{entity.name}",
                                  "indexes": ((("origin", "applied_in"), False),)}),
    }
    for c in entity.columns:
        attrs[c.name] = _column(c)
    if entity.name == "service_record":
        for column in RECORD_LISTS:
            attrs[column] = pw.TextField(null=True)
    return type(f"City_{entity.name}", (CityModel,), attrs)


DATA: dict[str, type[CityModel]] = {name: _data_model(e) for name, e in codec.ENTITIES.items()}
BOOKKEEPING: tuple[type[CityModel], ...] = (
    CityMeta, CityStation, CityPackage, CityRowState, CityConflict, CityQuarantine, CityRefItem,
    CityAudit, CityQuestionnaire, CityVisitRule,
)
ALL: tuple[type[CityModel], ...] = (*BOOKKEEPING, *DATA.values())


def dropped_in_2() -> list[str]:
    """Indexes a schema-1 hub has that schema 2 does not."""
    links = [f"{table(e.name)}_{c.name}_uid" for e in codec.ENTITIES.values()
             for c in e.columns if c.kind == "link"]
    return [*links, *DROPPED_IN_2]


def dropped_in_4() -> list[str]:
    """Indexes a schema-3 hub has that schema 4 does not (origin: now with applied_in)."""
    return [f"{table(name)}_origin" for name in codec.ENTITIES]


def table(entity: str) -> str:
    return f"c_{entity}"
