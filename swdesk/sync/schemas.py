"""What each data schema of the packages carries (docs/package-format.md, sections 4 and 5).

A package's manifest names its ``schema``: the entities and fields its rows hold. Schema 2
added the three methods' files (issue 22); schema 3 attachments (issue 24) and what today's
work and matching needs keep on clients, needs, volunteers, partners and records (issue 25).
Writers write the newest; the hub also takes an older schema from a station not upgraded
yet, as that station's program wrote it: without the entities and fields added since,
which it keeps as the city holds them.
"""

from __future__ import annotations

from swdesk.sync.codec import ENTITIES, ORDER

PAYLOAD_SCHEMA = 3  # the schema this program writes
# The schemas a hub takes in a station package, and a station in a return package: a
# station not upgraded yet keeps sending; a return package of a hub not upgraded yet is
# refused (returns are cumulative: the upgraded hub's next one carries it all).
STATION_SCHEMAS = frozenset({1, 2, 3})
RETURN_SCHEMAS = frozenset({3})

# What schema 2 added: whole entities, and fields of the entities schema 1 had.
ADDED_IN_2_ENTITIES = frozenset({"case_goal", "work_group", "group_member",
                                 "community_activity", "questionnaire_response",
                                 "evaluation_score"})
ADDED_IN_2_FIELDS: dict[str, frozenset[str]] = {
    "case": frozenset({"project", "closure_reason", "satisfaction", "follow_up_on",
                       "followed_up_on", "follow_up_note"}),
    "case_log": frozenset({"next_step_on", "care_visit"}),
    "referral": frozenset({"receipt_on", "receipt_note"}),
    "service_record": frozenset({"work_group", "session_no", "observations", "activity"}),
    "complaint": frozenset({"deadline"}),
    "volunteer_certificate": frozenset({"voided_on", "void_reason"}),
    "project": frozenset({"funding_source", "staff_count", "staff_months", "spent"}),
    "indicator": frozenset({"year_no", "label", "manual_actual", "actual_note", "evidence"}),
}

# What schema 3 added.
ADDED_IN_3_ENTITIES = frozenset({"attachment"})
ADDED_IN_3_FIELDS: dict[str, frozenset[str]] = {
    "client": frozenset({"visit_every_days", "visitor_worker", "visitor_volunteer",
                         "languages"}),
    "need": frozenset({"due_on", "skill", "availability"}),
    "volunteer": frozenset({"skill_codes", "languages", "service_areas",
                            "availability_codes"}),
    "partner": frozenset({"skill_codes", "service_areas", "availability_codes"}),
    "service_record": frozenset({"need"}),
}
# Each schema after the first: what it added (entities, fields by entity).
ADDED: dict[int, tuple[frozenset[str], dict[str, frozenset[str]]]] = {
    2: (ADDED_IN_2_ENTITIES, ADDED_IN_2_FIELDS),
    3: (ADDED_IN_3_ENTITIES, ADDED_IN_3_FIELDS),
}


def since(entity: str, field: str | None = None) -> int:
    """The schema that added ``entity`` (or its ``field``): 1 for what was there first."""
    for schema, (new_entities, new_fields) in sorted(ADDED.items()):
        if field is None and entity in new_entities:
            return schema
        if field is not None and field in new_fields.get(entity, frozenset()):
            return schema
    return 1


def entities(schema: int) -> tuple[str, ...]:
    """The entities a package of ``schema`` carries, parents first."""
    later = {n for s, (new, _fields) in ADDED.items() if s > schema for n in new}
    return tuple(n for n in ORDER if n not in later)


def absent(entity: str, schema: int) -> frozenset[str]:
    """The fields of ``entity`` that a package of ``schema`` does not carry."""
    return frozenset(f for s, (_new, new_fields) in ADDED.items() if s > schema
                     for f in new_fields.get(entity, frozenset()))


def fields(entity: str, schema: int) -> tuple[str, ...]:
    """The fields of ``entity`` a row of ``schema`` holds."""
    gone = absent(entity, schema)
    return tuple(c.name for c in ENTITIES[entity].columns if c.name not in gone)
