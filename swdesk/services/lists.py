"""What the list views show: ordered ids from SQL, rows fetched by id, cells formatted.

A list over a million service records must open at once, so the view holds only
the ordered ids (read from a covering index) and asks for the rows it is about
to show. Searching, filtering and sorting all happen here, in SQL.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import peewee as pw

from swdesk import privacy, settings
from swdesk.errors import NotFoundError
from swdesk.i18n import _
from swdesk.model import (
    ENTITIES,
    Case,
    ChangeLog,
    Client,
    ServiceParticipant,
    ServiceRecord,
    SyncedModel,
    Volunteer,
    VolunteerCertificate,
    database,
    describe,
)
from swdesk.model.base import tuples
from swdesk.model.described import FieldSpec
from swdesk.numbers import grouped
from swdesk.services import display, numbers_seen, search
from swdesk.services.actor import Actor

# The column that orders each list when the user has not chosen one: names (in pinyin
# order, see _order_column) or the newest first.
_DEFAULT_SORT = {
    "client": ("name", False), "worker": ("name", False), "volunteer": ("name", False),
    "partner": ("name", False), "agency": ("name", False), "project": ("start_on", True),
    "case": ("opened_on", True), "case_log": ("date", True),
    "service_record": ("date", True), "volunteer_hour": ("date", True),
    "training_record": ("date", True), "need": ("raised_on", True),
    "referral": ("date", True), "evaluation": ("evaluated_on", True),
    "complaint": ("received_on", True), "community_activity": ("planned_on", True),
    "work_group": ("planned_start", True),
}
# Free-text search of entities other than clients: a name-like column.
_TEXT_COLUMNS = ("name", "title", "case_no", "activity_no", "group_no", "cert_no", "organisation",
                 "content", "description")
MAX_SEARCH_HITS = 5000
# A list cell shows this much of a multi-line text: its first line, shortened.
EXCERPT_CHARS = 30
# Columns a list shows that no field holds: who took part in a service record.
PARTICIPANTS = FieldSpec("服务对象", "Served", "text", key="participants", list_column=True)
# How many came to a community activity: its held record's headcount.
TURNOUT = FieldSpec("参与人数", "Turnout", "int", key="turnout", list_column=True)
# A group's sessions held, beside those planned (a session is a record of the group).
HELD = FieldSpec("已开展节数", "Sessions held", "int", key="sessions_held", list_column=True)
_COMPUTED: dict[str, tuple[str, FieldSpec]] = {"service_record": ("title", PARTICIPANTS),
                                               "community_activity": ("place", TURNOUT),
                                               "work_group": ("planned_sessions", HELD)}


@dataclass
class ListQuery:
    entity: str  # table name, e.g. "client", "service_record"
    search: str = ""
    filters: Mapping[str, Any] = field(default_factory=dict)
    sort: str | None = None  # a field key of the entity
    descending: bool = False


@dataclass(frozen=True, slots=True)
class ListRow:
    """One row as a list shows it: the texts of its list columns and its sync state."""

    id: int
    cells: tuple[str, ...]  # one per ``list_columns(entity)``, personal data masked
    state: str  # see sync_state_label


def model_of(entity: str) -> type[SyncedModel]:
    try:
        return ENTITIES[entity]
    except KeyError:
        raise ValueError(f"unknown entity {entity!r}") from None


def list_columns(entity: str) -> list[FieldSpec]:
    """The columns of the entity's list: its list fields, and any computed one after the
    field it belongs beside."""
    columns = describe(model_of(entity)).list_fields
    computed = _COMPUTED.get(entity)
    if computed is not None:
        after, spec = computed
        keys = [c.key for c in columns]
        columns.insert(keys.index(after) + 1 if after in keys else len(columns), spec)
    return columns


def sortable(entity: str, key: str) -> bool:
    """Whether a list can be ordered by this column (a computed one or a set of codes
    cannot)."""
    model = model_of(entity)
    field_ = model._meta.fields.get(key)
    spec = getattr(field_, "spec", None)
    return spec is not None and spec.kind != "choices"


def _order_column(model: type[SyncedModel], key: str) -> Any:
    """What orders a list by ``key``: a name by its pinyin key (``swdesk.pinyin.sort_key``,
    indexed), anything else by its stored value."""
    if key == "name" and "name_sort" in model._meta.fields:
        return model._meta.fields["name_sort"]
    return getattr(model, key) if key != "id" else model.id


def list_ids(q: ListQuery, limit: int | None = None) -> list[int]:
    """Ids of the live rows matching ``q``, in display order (the first ``limit`` only).

    A window shows the first screenful from a limited call at once and loads the
    full list in the background.
    """
    model = model_of(q.entity)
    spec = describe(model)
    query = model.select(model.id).where(model.deleted == False)  # noqa: E712
    if q.search.strip():
        query = query.where(_search_condition(model, q.search))
    for key, value in q.filters.items():
        condition = _filter_condition(model, spec.field(key), value)
        if condition is not None:
            query = query.where(condition)
    sort_key, descending = (q.sort, q.descending) if q.sort and sortable(
        q.entity, q.sort) else _DEFAULT_SORT.get(q.entity, ("id", False))
    column = _order_column(model, sort_key)
    order = [column.desc(), model.id.desc()] if descending else [column.asc(), model.id.asc()]
    query = query.order_by(*order)
    if limit is not None:
        query = query.limit(limit)
    # The raw cursor: iterating peewee rows costs several times the query itself on 1M ids.
    # Iterated, not fetchall(): a million row tuples alive at once set the cyclic garbage
    # collector off a thousand times (a full pass among them), holding the GIL that the
    # window's thread waits for while this runs in the background.
    sql, params = query.sql()
    return [row[0] for row in database.execute_sql(sql, params)]


def _or(left: Any, right: Any) -> Any:
    return right if left is None else (left | right)


def _record_id(number: str) -> int:
    try:
        return int(numbers_seen.find_record(number).id)
    except NotFoundError:
        return -1


def _search_condition(model: type[SyncedModel], text: str) -> Any:
    if model is Client:
        return model.id.in_(search.search_clients(text, limit=MAX_SEARCH_HITS))
    if "client" in model._meta.fields:  # cases, needs: find them by their client
        hits = search.search_clients(text, limit=MAX_SEARCH_HITS)
        by_client = model._meta.fields["client"].in_(hits)
    elif model is VolunteerCertificate:  # the register: also by the volunteer's name
        by_client = VolunteerCertificate.volunteer.in_(Volunteer.select(Volunteer.id).where(
            pw.fn.instr(Volunteer.name, text.strip()) > 0))
    else:
        by_client = None
    columns = [getattr(model, c) for c in _TEXT_COLUMNS if c in model._meta.fields]
    needle = text.strip()
    by_text = None
    for column in columns:
        part = pw.fn.instr(column, needle) > 0
        by_text = part if by_text is None else (by_text | part)
    if model is ServiceRecord and numbers_seen.RECORD_NO.match(needle.upper()):
        by_text = _or(by_text, model.id == _record_id(needle))  # its printed number
    if by_client is not None and by_text is not None:
        return by_client | by_text
    if by_client is not None:
        return by_client
    return by_text if by_text is not None else (model.id == -1)  # nothing to search in


def _filter_condition(model: type[SyncedModel], spec: FieldSpec, value: Any) -> Any:
    if value is None or value == "":
        return None
    column = getattr(model, spec.key)
    match spec.kind:
        case "choices":
            return pw.fn.instr(column, f",{value},") > 0
        case "date":
            start, end = value if isinstance(value, tuple | list) else (value, value)
            parts = []
            if start:
                parts.append(column >= _as_date(start))
            if end:
                parts.append(column <= _as_date(end))
            return functools.reduce(operator.and_, parts) if parts else None
        case "link":
            return column == int(value)
        case _:
            return column == value


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def list_rows(entity: str, ids: Sequence[int], actor: Actor,
              visible: set[int] | None) -> dict[int, ListRow]:
    """The rows with these ids as the list shows them (a row deleted since is missing).

    ``visible`` comes from :func:`swdesk.privacy.visible_clients` (None: sees all).
    """
    rows = fetch_rows(entity, ids)
    states = sync_states(entity, list(rows.values()))
    served = participants(list(rows), visible) if entity == "service_record" else (
        turnouts(list(rows)) if entity == "community_activity" else {})
    held = sessions_held(list(rows)) if entity == "work_group" else {}
    clients = _case_clients(entity, list(rows.values()))
    return {row_id: ListRow(row_id, tuple(row_cells(
                entity, row, actor, visible, participants=served.get(row_id, ""),
                client_id=clients.get(row_id), held=str(held.get(row_id, 0)))),
                states.get(row_id, ""))
            for row_id, row in rows.items()}


def sessions_held(group_ids: Sequence[int]) -> dict[int, int]:
    """Per group, its live sessions (service records of the group): one query a block."""
    if not group_ids:
        return {}
    query = (ServiceRecord.select(ServiceRecord.work_group, pw.fn.COUNT(ServiceRecord.id))
             .where(ServiceRecord.work_group.in_(list(group_ids))
                    & (ServiceRecord.deleted == False))  # noqa: E712
             .group_by(ServiceRecord.work_group))
    return dict(tuples(query))


def participants(record_ids: Sequence[int], visible: set[int] | None) -> dict[int, str]:
    """Per service record, who was served as its list shows it: ``张三``, or ``张三 等3人``
    for several (the first named on the record); a name masked as its client's privacy
    rule requires (``visible``: see :func:`list_rows`)."""
    if not record_ids:
        return {}
    name_spec = describe(Client).field("name")
    named: dict[int, list[str]] = {}
    query = (ServiceParticipant.select(ServiceParticipant.record, Client.id, Client.name)
             .join(Client, on=(ServiceParticipant.client == Client.id))
             .where(ServiceParticipant.record.in_(list(record_ids)))
             .order_by(ServiceParticipant.record, ServiceParticipant.id))
    for record_id, client_id, name in tuples(query):
        show = visible is None or client_id in visible
        shown = name if show or not name_spec.personal else display.mask(
            name, name_spec.personal)
        named.setdefault(record_id, []).append(shown)
    return {record_id: names[0] if len(names) == 1 else _("{0} 等{1}人", "{0} and {2} more")
            .format(names[0], len(names), len(names) - 1) for record_id, names in named.items()}


def turnouts(activity_ids: Sequence[int]) -> dict[int, str]:
    """Per community activity held, how many came (named and unnamed), as a list shows it."""
    query = (ServiceRecord.select(ServiceRecord.activity, ServiceRecord.headcount)
             .where(ServiceRecord.activity.in_(list(activity_ids))
                    & (ServiceRecord.deleted == False)))  # noqa: E712
    return {activity: grouped(count) for activity, count in tuples(query)}


def _case_clients(entity: str, rows: Sequence[SyncedModel]) -> dict[int, int]:
    """The client of each row kept under a case (a case log, a referral), whose privacy
    rule applies to the row: one query for the block."""
    model = model_of(entity)
    if "case" not in model._meta.fields or not rows:
        return {}
    case_of = {int(r.id): getattr(r, "case_id") for r in rows}  # noqa: B009
    of_case: dict[int, int] = dict(tuples(
        Case.select(Case.id, Case.client).where(Case.id.in_(list(set(case_of.values()))))))
    return {row_id: of_case[case] for row_id, case in case_of.items() if case in of_case}


def fetch_rows(entity: str, ids: Sequence[int]) -> dict[int, SyncedModel]:
    """The rows with these ids, with their linked rows loaded in one query per link."""
    model = model_of(entity)
    rows = {row.id: row for row in model.select().where(model.id.in_(list(ids)))}
    for spec in list_columns(entity):
        if spec.kind != "link":
            continue
        fk = model._meta.fields[spec.key]
        wanted = {getattr(r, fk.column_name) for r in rows.values()} - {None}
        if not wanted:
            continue
        target = fk.rel_model
        linked = {t.id: t for t in target.select().where(target.id.in_(list(wanted)))}
        for row in rows.values():
            linked_row = linked.get(getattr(row, fk.column_name))
            if linked_row is not None:
                setattr(row, spec.key, linked_row)
    return rows


def row_cells(entity: str, row: SyncedModel, actor: Actor, visible: set[int] | None, *,
              participants: str = "", client_id: int | None = None,
              held: str = "") -> list[str]:
    """The texts of the list columns; personal data masked unless ``actor`` may see it.

    ``visible`` comes from :func:`swdesk.privacy.visible_clients` (None: sees all);
    ``client_id`` is the client a row under a case is about (see :func:`list_rows`);
    ``participants`` the text of a service record's 服务对象 column (an activity's 参与人数),
    ``held`` that of a group's 已开展节数.
    """
    if client_id is None:
        client_id = display.client_id_of(row)
    if client_id is not None:
        show = visible is None or client_id in visible
    else:
        show = actor.role in privacy.FULL_ACCESS_ROLES
    cells = []
    for spec in list_columns(entity):
        if spec is PARTICIPANTS or spec is TURNOUT:
            cells.append(participants)
        elif spec is HELD:
            cells.append(held)
        elif spec.kind == "longtext":
            cells.append(excerpt(display.format_value(row, spec, show_personal=show)))
        else:
            cells.append(display.format_value(row, spec, show_personal=show))
    return cells


def excerpt(text: str) -> str:
    """A multi-line text as one list cell: its first line that holds something, shortened."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    more = len(first) > EXCERPT_CHARS or first != text.strip()
    return first[:EXCERPT_CHARS] + "…" if more else first


def sync_states(entity: str, rows: Sequence[SyncedModel]) -> dict[int, str]:
    """Per row: 'pending' (changed since the city last acknowledged) or 'acked'."""
    acked = settings.ACKED_SEQ.get()
    uids = {r.uid: r.id for r in rows}
    pending = {c.row_uid for c in ChangeLog.select(ChangeLog.row_uid).where(
        (ChangeLog.entity == entity) & (ChangeLog.seq > acked)
        & (ChangeLog.row_uid.in_(list(uids))))}
    return {row_id: ("pending" if uid in pending else "acked") for uid, row_id in uids.items()}


def sync_state_label(state: str) -> str:
    return {"pending": _("未发送", "Not sent"), "sent": _("已发送", "Sent"),
            "acked": _("已确认", "Acknowledged"), "conflict": _("有冲突", "Conflict")}.get(
        state, state)
