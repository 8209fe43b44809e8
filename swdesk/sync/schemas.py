"""What each data schema of the packages carries (docs/package-format.md, sections 4 and 5).

A package's manifest names its ``schema``: the entities and fields its rows hold. Schema 2
added the three methods' files (issue 22). Writers write the newest; the hub also takes
schema 1 from a station not upgraded yet, as that station's program wrote it: without the
entities and fields schema 2 added, which it keeps as the city holds them.
"""

from __future__ import annotations

from swdesk.sync.codec import ENTITIES, ORDER

PAYLOAD_SCHEMA = 2  # the schema this program writes
# The schemas a hub takes in a station package, and a station in a return package: a
# station not upgraded yet keeps sending; a return package of a hub not upgraded yet is
# refused (returns are cumulative: the upgraded hub's next one carries it all).
STATION_SCHEMAS = frozenset({1, 2})
RETURN_SCHEMAS = frozenset({2})

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


def entities(schema: int) -> tuple[str, ...]:
    """The entities a package of ``schema`` carries, parents first."""
    return ORDER if schema >= 2 else tuple(n for n in ORDER if n not in ADDED_IN_2_ENTITIES)


def absent(entity: str, schema: int) -> frozenset[str]:
    """The fields of ``entity`` that a package of ``schema`` does not carry."""
    return frozenset() if schema >= 2 else ADDED_IN_2_FIELDS.get(entity, frozenset())


def fields(entity: str, schema: int) -> tuple[str, ...]:
    """The fields of ``entity`` a row of ``schema`` holds."""
    gone = absent(entity, schema)
    return tuple(c.name for c in ENTITIES[entity].columns if c.name not in gone)
