"""Importing the city's return package at the station, in one transaction.

Acknowledgements move rows to "acknowledged" (and their base to the values the
city confirmed); corrections from the city merge field by field against that
base, a field both sides changed differently becoming a conflict for a person;
reference data joins the local lists, newer questionnaire definitions replace the
station's; the acknowledged change number advances.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from swdesk import questionnaire_defs, reference, settings, visit_rules
from swdesk.db import epochs, faults
from swdesk.errors import SwdeskError, ValidationError
from swdesk.i18n import _
from swdesk.model import RefItem, database
from swdesk.model.base import now
from swdesk.model.sync import SyncConflict, SyncPackage, SyncRow
from swdesk.services import city_owned, crud, journal
from swdesk.services.actor import SYSTEM, Actor
from swdesk.services.this_station import station_code
from swdesk.sync import codec, crypto, enrolment, format, nogc, return_lines, rows
from swdesk.sync.format import PackageRefused, open_package
from swdesk.sync.merge import merge
from swdesk.sync.state import close_settled

SYNC_ACTOR = Actor("sync", "admin")


@dataclass
class Imported:
    number: int
    status: str  # applied | duplicate
    acks: dict[str, int] = field(default_factory=dict)
    corrected: int = 0
    conflicts: int = 0
    reference: int = 0
    questionnaires: int = 0  # definitions stored (newer than the station's)
    visit_rules: int = 0  # visit rules changed (set or withdrawn by the city)


def staging_root() -> Path:
    return Path(database.obj.database).parent / "staging"


def _sender(ident: enrolment.Identity) -> Any:
    def lookup(manifest: dict[str, Any]) -> crypto.PublicKeys:
        if manifest["kind"] != "return":
            raise PackageRefused(_("这是站点的同步包，不是市级平台的回执包",
                                   "This is a station's package, not a return package"))
        if manifest["city"] != ident.city:
            raise PackageRefused(_("这个回执包来自另一个市级平台", "This return package comes "
                                   "from another city hub"))
        if manifest["station"] != ident.station:
            raise PackageRefused(_("这个回执包是给站点 {} 的，本站是 {}",
                                   "This return package is for station {}; this station is {}")
                                 .format(manifest["station"][:40], ident.station))
        return ident.city_keys
    return lookup


Progress = Callable[[int, int], None]  # (steps done, steps in all); may raise to stop


class _Steps:
    """How far a return package is: acknowledgements read, then applied, then corrections."""

    EVERY = 20_000

    def __init__(self, progress: Progress | None, counts: Any) -> None:
        self.progress = progress
        # The manifest's own figures, only for the bar: acks count twice (read, applied).
        items = counts.items() if isinstance(counts, dict) else []
        self.total = sum(v * (2 if k == "acks" else 1) for k, v in items
                         if type(v) is int and v > 0
                         and (k == "acks" or str(k).startswith("corrections.")))
        self.done = self.told = 0

    def add(self, steps: int) -> None:
        self.done += steps
        if self.progress is not None and self.done - self.told >= self.EVERY:
            self.told = self.done
            self.progress(self.done, max(self.done, self.total))


class _Behind(Exception):
    """The return acknowledges more than this database has sent in its epoch: the
    database went back to an earlier state (a copy put back by hand)."""

    def __init__(self, basis: int) -> None:
        super().__init__(basis)
        self.basis = basis


@faults.guarded  # a full disk says so, even when SQLite rolled back by itself
def import_return(path: Path, actor: Actor = SYSTEM,
                  progress: Progress | None = None) -> Imported:
    """Verify and apply a return package; PackageRefused (nothing written) if refused.

    ``progress(done, total)`` hears how far it is; an exception it raises (a cancel)
    stops the import, and nothing is written.

    A return package of another epoch (made before a restore) is refused: its
    acknowledgements name change numbers and versions that now mean other changes.
    One that acknowledges more than this database has sent starts a new epoch (the
    database was put back by hand) and is refused too.
    """
    ident = enrolment.identity()
    data_dir = staging_root().parent
    with database.atomic():
        epochs.check(database.connection(), data_dir)
    try:
        return _import(path, ident, actor, progress)
    except _Behind as behind:
        with database.atomic():
            epochs.begin(database.connection(), data_dir, {"sync_out_no": behind.basis},
                         "a return package acknowledges more than the database sent")
        raise PackageRefused(_(
            "这个回执包确认的变更比本站数据库发出过的还多：本站数据回到了较早的状态（从备份恢复？）。"
            "本站已开始新的编号，下一个同步包包含全部数据；请导出它，待市级平台导入后再导入新的回执包",
            "This return package acknowledges more than this station's database has sent: "
            "the data went back to an earlier state (restored from a backup?). The station "
            "has started a new numbering and its next package carries everything: export "
            "it, and import the return package that follows")) from None


def _import(path: Path, ident: enrolment.Identity, actor: Actor,
            progress: Progress | None) -> Imported:
    # (opened in memory: a return package is small, and its decrypted rows never touch
    # the station's disk, not even after a crash)
    with open_package(path, None, _sender(ident), ident.keys) as opened, \
            nogc.paused():
        man = opened.manifest
        number = man["number"]
        ack, basis, epoch = man.get("ack_through_seq"), man.get("basis"), man.get("epoch", "")
        if type(ack) is not int or type(basis) is not int:
            raise format.damaged(_("清单缺少确认序号", "manifest lacks its acknowledgement"))
        if not (0 <= ack <= codec.MAX_VERSION and 0 <= basis <= codec.MAX_VERSION
                and isinstance(epoch, str)):
            raise format.damaged(_("清单中的确认序号无效", "the manifest's acknowledgement is "
                                   "invalid"))
        if epoch != epochs.current(database.connection()):
            raise PackageRefused(_(
                "这个回执包属于本站从备份恢复之前的编号，其中的确认已不适用；请导出新的同步包，"
                "待市级平台导入后导入下一个回执包",
                "This return package belongs to the numbering before this station's data "
                "were restored from a backup; its acknowledgements no longer apply. Export a "
                "new package and, once the city has ingested it, import the next return "
                "package"))
        last = settings.SYNC_IN_NO.get()
        if number <= last:
            seen = SyncPackage.get_or_none((SyncPackage.direction == "in")
                                           & (SyncPackage.number == number)
                                           & (SyncPackage.status == "applied"))
            if seen is not None and seen.file_hash == opened.file_hash:
                return Imported(number, "duplicate")
            raise PackageRefused(_("这是旧的或重放的回执包（第 {} 号，已导入到第 {} 号）",
                                   "This is an older or replayed return package (number {}; "
                                   "number {} is already in)").format(number, last))
        # The hub can only hold what this station sent it in this epoch.
        if basis > settings.SYNC_OUT_NO.get() or ack > settings.SYNC_SENT_SEQ.get():
            raise _Behind(basis)
        with database.atomic():
            result = Imported(number, "applied")
            steps = _Steps(progress, man.get("counts"))
            _apply_acks(opened.lines("acks.jsonl"), result, steps, basis)
            for name in codec.ORDER:
                entity = codec.ENTITIES[name]
                for row in opened.lines(f"corrections.{name}.jsonl"):
                    _correct(entity, row, result)
                    steps.add(1)
            result.reference = _reference(opened.lines("reference.jsonl"))
            result.questionnaires = _questionnaires(opened.lines("questionnaires.jsonl"))
            reference.invalidate()  # (the rules may name a code the lines above brought)
            result.visit_rules = _visit_rules(opened.lines("visit_rules.jsonl"))
            settings.ACKED_SEQ.set(ack)
            settings.SYNC_IN_NO.set(number)
            SyncPackage.create(direction="in", number=number, file_name=path.name,
                               file_hash=opened.file_hash, rows=sum(result.acks.values()),
                               status="applied")
            journal.audit(actor, "sync-import", "", path.name, {
                "number": number, "acks": sum(result.acks.values()),
                "corrected": result.corrected, "conflicts": result.conflicts,
                "reference": result.reference, "questionnaires": result.questionnaires,
                "visit_rules": result.visit_rules})
    reference.invalidate()
    return result


def _local_rows(entity: codec.Entity, uids: set[str]) -> dict[str, dict[str, Any]]:
    return {r["uid"]: r for r in rows.read_rows(database.obj, entity, uids)}


def _acked_states(name: str, uids: list[str]) -> dict[str, tuple[int | None, str | None]]:
    """uid -> (acked version, base) from the station's sync_row."""
    sql = "SELECT row_uid, acked_version, base FROM sync_row WHERE entity = ?"
    if len(uids) > rows.SCAN_THRESHOLD:
        wanted = set(uids)
        return {u: (a, b) for u, a, b in database.execute_sql(sql, (name,)) if u in wanted}
    out: dict[str, tuple[int | None, str | None]] = {}
    for part in rows.in_chunks(sorted(set(uids))):
        marks = ",".join("?" * len(part))
        out.update((u, (a, b)) for u, a, b in database.execute_sql(
            f"{sql} AND row_uid IN ({marks})", [name, *part]))
    return out


def _apply_acks(lines: Iterable[Any], result: Imported, steps: _Steps, basis: int) -> None:
    by_entity: dict[str, list[list[Any]]] = {}
    for n, ack in enumerate(lines, 1):
        if n % _Steps.EVERY == 0:
            steps.add(_Steps.EVERY)
        if not return_lines.ack_fine(ack):
            raise format.damaged(_("回执格式不正确", "malformed acknowledgement"))
        by_entity.setdefault(ack[0], []).append(ack)
        result.acks[ack[3]] = result.acks.get(ack[3], 0) + 1
    for name, acks in by_entity.items():
        entity = codec.ENTITIES[name]
        uids = [a[1] for a in acks]
        # Append-only rows keep no base: their version is all an acknowledgement needs.
        local = (rows.versions(database.obj, entity, uids) if entity.append_only
                 else _local_rows(entity, set(uids)))
        old = _acked_states(name, uids)
        upserts: list[tuple[Any, ...]] = []
        for n, (_e, uid, version, outcome, reason, fields) in enumerate(acks, 1):
            if n % _Steps.EVERY == 0:
                steps.add(_Steps.EVERY)
            row = local.get(uid)
            prev = old.get(uid)
            if row is None:
                continue
            if version > row["version"]:  # a version this database never had
                raise _Behind(basis)
            if outcome == "held":
                continue
            if outcome == "rejected":
                _rejected(name, uid, version, reason)
            acked = max(version, prev[0] or 0) if prev else version
            base = prev[1] if prev else None
            if version == row["version"] and not entity.append_only and outcome != "rejected":
                # The city now holds these values, except the conflicting fields: those
                # keep their old base so the city's correction shows as a conflict here.
                data = rows.data_of(entity, row)
                if fields and base:
                    old_base = json.loads(base)
                    data.update({f: old_base.get(f) for f in fields})
                base = None if fields and not base else json.dumps(data, ensure_ascii=False)
            upserts.append((name, uid, acked, outcome, base))
        _upsert(upserts)


def _upsert(items: list[tuple[Any, ...]]) -> None:
    if items:
        database.obj.cursor().executemany(
            "INSERT INTO sync_row (entity, row_uid, acked_version, outcome, base) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity, row_uid) DO UPDATE SET "
            "acked_version = excluded.acked_version, outcome = excluded.outcome, "
            "base = excluded.base", items)


def _rejected(entity: str, uid: str, version: int, reason: str) -> None:
    exists = SyncConflict.select().where(
        (SyncConflict.entity == entity) & (SyncConflict.row_uid == uid)
        & (SyncConflict.kind == "rejected") & (SyncConflict.version == version)).exists()
    if not exists:
        SyncConflict.create(entity=entity, row_uid=uid, kind="rejected", reason=reason,
                            version=version)


def _correct(entity: codec.Entity, theirs_row: Any, result: Imported) -> None:
    """Merge the city's version of one row into the local row."""
    if not isinstance(theirs_row, dict) or not codec.is_ident(theirs_row.get("uid")):
        raise format.damaged(_("更正数据格式不正确", "malformed correction"))
    uid = theirs_row["uid"]
    problem = codec.problem(entity, theirs_row, {})  # (codes: the station's own checks)
    if problem:  # a value no column holds: for a person, like a value the rules refuse
        _conflict(entity.name, uid, "", "rejected", None, None, None, problem, 0)
        return
    local = _local_rows(entity, {uid}).get(uid)
    if local is None:
        _restore(entity, theirs_row, result)
        return
    state = SyncRow.get_or_none((SyncRow.entity == entity.name) & (SyncRow.row_uid == uid))
    ours = rows.data_of(entity, local)
    theirs = rows.data_of(entity, theirs_row)
    base = json.loads(state.base) if state is not None and state.base else None
    if base is None:  # never confirmed: every difference is for a person to decide
        base = {k: (v if theirs.get(k) == v else None) for k, v in ours.items()}
    merged = merge(entity, base, ours, theirs, city_is_ours=False)
    for name, (b, o, t) in merged.conflicts.items():
        _conflict(entity.name, uid, name, "conflict", b, o, t, "", local["version"])
    result.conflicts += len(merged.conflicts)
    changes = {k: v for k, v in merged.values.items() if ours.get(k) != v and k != "deleted"}
    model = entity.model
    try:
        with database.atomic():  # all of it or, if refused, none of it
            # A row deleted here takes the city's values too, and stays deleted: deletion is
            # one more field of the merge, so both sides end with the same tombstone.
            row = model.get(model.uid == uid)
            before = row.version
            if row.deleted and not merged.values.get("deleted"):
                # The city restored a row whose deletion it had confirmed: its decision.
                row.deleted = False
                crud.touch(row, SYNC_ACTOR, ["deleted"])
            if changes:
                with city_owned.from_city():  # the city's values, 低保/特困 included
                    row = crud.update(model, row, _decoded(entity, changes), SYNC_ACTOR)
            if merged.values.get("deleted") and not row.deleted:
                crud.delete(model, row, SYNC_ACTOR)
                row = model.get(model.uid == uid)
            if row.version != before:
                result.corrected += 1
            elif not merged.conflicts:
                # The city holds values the station already has: send the row once more so
                # the city learns the station has them (and stops correcting).
                row.version += 1
                row.updated_at = now()
                row.save()
                journal.record_change(row, "update")
                journal.audit(SYNC_ACTOR, "sync", entity.name, uid, {"confirmed": True})
    except (ValidationError, SwdeskError) as exc:
        _conflict(entity.name, uid, "", "rejected", None, None, None, str(exc), 0)
        return
    close_settled(entity.name, uid, merged.conflicts)  # e.g. the city resolved them
    new_base = dict(theirs)
    for name in merged.conflicts:
        new_base[name] = base.get(name)
    SyncRow.insert(entity=entity.name, row_uid=uid, acked_version=None, outcome="merged",
                   base=json.dumps(new_base, ensure_ascii=False)).on_conflict(
        conflict_target=[SyncRow.entity, SyncRow.row_uid],
        update={SyncRow.base: json.dumps(new_base, ensure_ascii=False)}).execute()


def _restore(entity: codec.Entity, theirs_row: dict[str, Any], result: Imported) -> None:
    """The city corrects one of this station's rows that the station no longer holds (it
    went back to an older backup, say): the city's copy comes back, as a new version the
    next package sends, so the city sees the station holds its values and stops correcting.
    """
    uid = theirs_row["uid"]
    version = theirs_row.get("version")
    data = rows.data_of(entity, theirs_row)
    try:
        if theirs_row.get("origin") != station_code() or type(version) is not int:
            raise SwdeskError(_("本站没有这条记录", "this station does not hold the row"))
        model = entity.model
        with database.atomic(), city_owned.from_city():
            cleaned = crud.clean(model, _decoded(entity, {
                k: v for k, v in data.items() if k != "deleted" and v is not None}))
            row = model(**cleaned)
            row.uid, row.origin, row.version = uid, theirs_row["origin"], version + 1
            row.deleted = bool(data.get("deleted"))
            row.save(force_insert=True)
            journal.record_change(row, "insert")
            journal.audit(SYNC_ACTOR, "sync", entity.name, uid, {"restored": True})
            SyncRow.insert(entity=entity.name, row_uid=uid, acked_version=None,
                           outcome="merged", base=json.dumps(data, ensure_ascii=False)
                           ).on_conflict_replace().execute()
    except (ValidationError, SwdeskError) as exc:
        _conflict(entity.name, uid, "", "rejected", None, None, None, str(exc), 0)
        return
    result.corrected += 1


def _decoded(entity: codec.Entity, changes: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in changes.items():
        c = entity.column(name)
        out[name] = value if c.kind in ("link", "text") else codec.decode(c.kind, value)
    return out


def _conflict(entity: str, uid: str, field_: str, kind: str, base: Any, local: Any,
              city: Any, reason: str, version: int) -> None:
    """Record a conflict once; a repeat of an open one only refreshes the city's value."""
    open_ = SyncConflict.get_or_none(
        (SyncConflict.entity == entity) & (SyncConflict.row_uid == uid)
        & (SyncConflict.field == field_) & (SyncConflict.kind == kind)
        & SyncConflict.resolved_at.is_null())

    def dump(v: Any) -> str:
        return json.dumps(v, ensure_ascii=False)

    if open_ is not None:
        open_.city_value = dump(city)
        open_.local_value = dump(local)
        open_.reason = reason
        open_.save()
        return
    SyncConflict.create(entity=entity, row_uid=uid, field=field_, kind=kind,
                        base_value=dump(base), local_value=dump(local), city_value=dump(city),
                        reason=reason, version=version)


def _reference(lines: Iterable[Any]) -> int:
    n = 0
    for item in lines:
        if not return_lines.reference_fine(item):
            raise format.damaged(_("参考数据格式不正确", "malformed reference data"))
        (RefItem.insert(list_code=item["list_code"], code=item["code"], zh=item["zh"],
                        en=item["en"], sort=int(item.get("sort") or 0),
                        active=bool(item.get("active", True)), source="city")
         .on_conflict(conflict_target=[RefItem.list_code, RefItem.code],
                      update={RefItem.zh: item["zh"], RefItem.en: item["en"],
                              RefItem.sort: int(item.get("sort") or 0),
                              RefItem.active: bool(item.get("active", True)),
                              RefItem.source: "city"})
         .execute())
        n += 1
    return n


T = TypeVar("T")


def _city_items(lines: Iterable[Any], parse: Callable[[Any], T],
                store: Callable[[T, str], bool], malformed: str) -> int:
    """Definitions the city sends (questionnaires, visit rules), each checked as the hub
    checked it and stored as the city's; one the station cannot use makes the package
    damaged (what it carried would be lost). Returns how many changed the station."""
    n = 0
    for raw in lines:
        try:
            item = parse(raw)
        except ValidationError as exc:
            raise format.damaged(malformed.format(exc)) from None
        n += store(item, "city")
    return n


def _questionnaires(lines: Iterable[Any]) -> int:
    return _city_items(lines, questionnaire_defs.parse, questionnaire_defs.store,
                       _("问卷定义不正确：{}", "malformed questionnaire definition: {}"))


def _visit_rules(lines: Iterable[Any]) -> int:
    return _city_items(lines, visit_rules.parse, visit_rules.store,
                       _("探访规则不正确：{}", "malformed visit rule: {}"))
