"""A chunk of a package's rows made ready before it meets the city database.

Reading a line, checking its row and turning it into the values of an insert is the
Python half of an ingest; it needs no database. ``prepare`` does
it for one chunk of lines, and says whether the chunk is *plain*: every row valid,
from the sending station, its uid distinct within the chunk. A plain chunk whose rows
are new to the city and link only to rows the city holds (the applier asks the
database) goes in as it is; any other chunk takes the applier's row-by-row way.

A large package is prepared by worker processes (``Preparer``), beside the process
that writes: one core would need minutes for a full package's 1.8 million rows.
"""

from __future__ import annotations

import gc
import json
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from functools import cache, partial
from itertools import chain
from operator import itemgetter
from typing import Any

import orjson

from swdesk.city import bulk
from swdesk.city.models import RECORD_LISTS, data_columns
from swdesk.model import Project, describe
from swdesk.sync import codec, schemas
from swdesk.sync.format import PackageRefused
from swdesk.sync.jsonlines import decode_lines
from swdesk.sync.schemas import PAYLOAD_SCHEMA

Row = dict[str, Any]
log = logging.getLogger(__name__)
# Worker processes prepare a package of at least this many rows (they take a second to
# start), this many chunks ahead of the writing.
PARALLEL_ROWS = 200_000
# The forms of a plain chunk's rows (``Plain``).
ROWS, COPY, IMAGE = "rows", "copy", "image"
COLUMNS = "columns"  # (only within prepare: the values a column at a time)
AHEAD = 4
WORKER_NICENESS = 5  # (added to the workers' scheduling niceness: POSIX only)
SUB_CHUNK = 2_000  # lines decoded and checked at once (``prepare``)


@dataclass(frozen=True)
class Setting:
    """What checking a package's rows needs to know of the hub."""

    station: str  # the sending station: every row's origin
    codes: dict[str, frozenset[str]]  # reference codes (built-in and the city's)
    number: int  # the package's number: applied_in of the rows it inserts
    form: str = ROWS  # how a plain chunk's rows come: ROWS, COPY or IMAGE
    schema: int = PAYLOAD_SCHEMA  # the package's data schema: the members a row may have


@dataclass
class Plain:
    """A plain chunk, ready to insert: its uids (in the package's order), the uids its
    rows link to by linked entity, and its rows' ``insert_columns`` values in uid order,
    in the setting's form: a list of tuples (ROWS), COPY's text format (COPY) or a SQLite
    database holding them in the table ``rows`` (IMAGE, see ``bulk.Background.insert_image``).
    """

    uids: list[str]
    links: dict[str, set[str]]
    data: Any  # list[tuple[Any, ...]] | bytes
    form: str = ROWS
    # IMAGE: the columns the image does not hold, with the one value of all its rows.
    fixed: dict[str, Any] = field(default_factory=dict)

    def __getstate__(self) -> bytes:
        # Sent from a worker: orjson writes these uids in a third of pickle's time.
        assert isinstance(self.data, bytes), "only the COPY and IMAGE forms travel"
        return orjson.dumps([self.uids, {k: list(v) for k, v in self.links.items()},
                             self.form, self.fixed]) + b"\n" + self.data

    def __setstate__(self, state: bytes) -> None:
        head, self.data = state.split(b"\n", 1)
        self.uids, links, self.form, self.fixed = orjson.loads(head)
        self.links = {k: set(v) for k, v in links.items()}


# A row that failed validation: its line's index in the chunk, the uid, version and
# change number it is quarantined and acknowledged under ("?", 0, 0 where it has none
# that can be stored), and why.
Rejected = tuple[int, str, int, int, str]


@dataclass
class Prepared:
    plain: Plain | None  # None: the chunk takes the row-by-row way
    rows: list[Any] | None  # the decoded values; None if a worker prepared the chunk
    # Of a chunk that is not plain: its rows that failed validation (None: not checked,
    # a line is no JSON). The applier then takes the others as valid.
    rejects: list[Rejected] | None = None


@dataclass
class Piece:
    """One chunk of a file: its lines (``first``… of the file ``name``), prepared."""

    prepared: Prepared
    raws: list[bytes]
    name: str
    first: int

    @property
    def plain(self) -> Plain | None:
        return self.prepared.plain

    def rows(self) -> list[Any]:
        """The decoded values (PackageRefused if a line is no JSON)."""
        if self.prepared.rows is None:
            self.prepared.rows = decode_lines(self.raws, self.name, self.first)
        return self.prepared.rows

    def valid_rows(self) -> list[Any]:
        """The rows that did not fail validation (all rows if the chunk was not checked);
        a chunk a worker prepared decodes only their lines."""
        rejects = self.prepared.rejects
        if not rejects:
            return self.rows()
        bad = {r[0] for r in rejects}
        if self.prepared.rows is not None:
            return [r for i, r in enumerate(self.prepared.rows) if i not in bad]
        lines = [raw for i, raw in enumerate(self.lines()) if i not in bad]
        return decode_lines(lines, self.name, self.first) if lines else []

    def lines(self) -> list[bytes]:
        """The lines that hold a row (a blank line holds none), in the order of ``rows()``."""
        if all(map(bytes.strip, self.raws)):
            return self.raws
        return [raw for raw in self.raws if raw.strip()]


def insert_columns(entity: codec.Entity) -> list[str]:
    """The city table's columns an inserted row fills, in the order its values come."""
    cols = [*codec.META, *data_columns(entity), "applied_in"]
    return cols + list(RECORD_LISTS) if entity.name == "service_record" else cols


def prepare(setting: Setting, entity_name: str, raws: list[bytes], name: str = "",
            first: int = 1) -> Prepared:
    """Decode and check ``raws`` (lines ``first``… of the file ``name``) for ``entity``.

    SUB_CHUNK lines at a time: decoding and checking pass over the values many times, a
    column at a time, which is fastest while they stay in the processor's cache. The
    inserts, though, go a whole chunk at a time (fewer and bigger sorted batches)."""
    entity = codec.ENTITIES[entity_name]
    rows: list[Any] = []
    parts: list[Plain] | None = []
    problems: list[str] | None = None
    for at in range(0, max(len(raws), 1), SUB_CHUNK):
        try:
            some = decode_lines(raws[at:at + SUB_CHUNK], name, first + at)
        except PackageRefused:  # Piece.rows() says which line, when the chunk comes
            return Prepared(None, None)
        rows += some
        if parts is not None and some:  # (blank lines hold no row)
            part, problems = _checked(setting, entity, some)
            parts = None if part is None else [*parts, part]
    plain = _joined(setting, entity, parts) if parts else None
    if plain is not None:
        return Prepared(plain, rows, None)
    # (the problems found: those of all the rows if there was one part)
    return Prepared(None, rows, check(setting, entity, rows,
                                      problems if len(raws) <= SUB_CHUNK else None))


def check(setting: Setting, entity: codec.Entity, rows: list[Any],
          problems: list[str] | None = None) -> list[Rejected]:
    """The rows that fail validation: a field's value (``codec.problems``, unless given),
    the origin, the parts beside the fields (``extras_problem``), or no row (JSON that is
    no object)."""
    dicts = [r for r in rows if type(r) is dict]
    reasons = iter(problems if problems is not None else
                   codec.problems(entity, dicts, setting.codes))
    extras = extras_check(entity, setting.schema)
    out: list[Rejected] = []
    for i, row in enumerate(rows):
        reason = next(reasons) if type(row) is dict else "not a row"
        if not reason and row["origin"] != setting.station:
            reason = "origin: the row belongs to another station"
        if not reason:
            reason = extras(row)
        if reason:
            out.append((i, *rejected_as(row), reason))
    return out


def rejected_as(row: Any) -> tuple[str, int, int]:
    """The uid, version and change number a rejected row is kept under: its own where
    they can be stored, else "?", 0 and 0."""
    values = row if isinstance(row, dict) else {}
    uid, version, seq = values.get("uid"), values.get("version"), values.get(codec.SEQ)
    return (uid if codec.is_ident(uid) else "?",
            version if type(version) is int and 0 <= version <= codec.MAX_VERSION else 0,
            seq if type(seq) is int and 0 <= seq <= codec.MAX_VERSION else 0)


def _checked(setting: Setting, entity: codec.Entity, rows: list[Any]
             ) -> tuple[Plain | None, list[str] | None]:
    """``rows``, if plain, as a Plain whose data are the values of its ``insert_columns``,
    a column at a time (COLUMNS); else None and, if it got that far, each row's
    ``codec.problems``."""
    if not rows or set(map(type, rows)) != {dict}:
        return None, None
    records = entity.name == "service_record"
    # (a row of an older schema holds fewer fields: checked member by member)
    wide = None if schemas.absent(entity.name, setting.schema) else _wide(entity, rows)
    if wide is not None:  # every row holds its fields and extra parts, and nothing else
        columns = dict(zip(codec.keys_of(entity) + _EXTRAS[records], zip(*wide, strict=True),
                           strict=True))
        fine = _extras_fine_by_column(columns, records)
        parts, shares = ((columns[codec.PARTICIPANTS], columns[codec.PARTNERS]) if records
                         else ((), ()))
    else:
        columns = codec.columns_of(entity, rows)[1]
        fine = extras_fine(entity, rows, setting.schema)
        parts = tuple(r.get(codec.PARTICIPANTS) for r in rows) if records else ()
        shares = tuple(r.get(codec.PARTNERS) for r in rows) if records else ()
    uids = columns["uid"]
    try:
        alike = set(columns["origin"]) == {setting.station} and len(set(uids)) == len(rows)
    except TypeError:  # a list or object where a uid belongs: row by row, rejected there
        return None, None
    if not fine or not alike:
        return None, None
    problems = codec.problems(entity, rows, setting.codes, columns)
    if any(problems):
        return None, problems
    links = _plain_links(entity, columns, parts, shares)
    stored = [columns[k] for k in codec.keys_of(entity)]
    stored.append((setting.number,) * len(rows))  # applied_in
    if records:
        stored += [tuple(map(participants_text, parts)), tuple(map(shares_text, shares))]
    return Plain(list(uids), links, stored, COLUMNS), None


def _joined(setting: Setting, entity: codec.Entity, parts: list[Plain]) -> Plain | None:
    """The plain ``parts`` of a chunk (COLUMNS) as one, in the setting's form, if their
    uids are distinct."""
    uids = list(chain.from_iterable(p.uids for p in parts))
    if len(parts) > 1 and len(set(uids)) != len(uids):
        return None
    links = parts[0].links
    for part in parts[1:]:
        for target, linked in part.links.items():
            links.setdefault(target, set()).update(linked)
    stored = parts[0].data if len(parts) == 1 else [
        tuple(chain.from_iterable(c)) for c in zip(*(p.data for p in parts), strict=True)]
    # In uid order: the uid indexes are random, and sorted inserts touch their pages in
    # order. Made a column at a time, with no Python per row.
    if setting.form == ROWS:
        values = list(zip(*stored, strict=True))
        values.sort(key=itemgetter(0))
        return Plain(uids, links, values)
    if setting.form == COPY:
        return Plain(uids, links, bulk.copy_of_columns(stored), COPY)
    names = insert_columns(entity)
    fixed = bulk.fixed_columns(stored)
    fixed[names.index("applied_in")] = setting.number
    image = bulk.image_of_columns([v for i, v in enumerate(stored) if i not in fixed])
    return Plain(uids, links, image, IMAGE, {names[i]: v for i, v in fixed.items()})


def links_of(entity: codec.Entity, columns: dict[str, tuple[Any, ...]],
             parts: Iterable[Any] = (), shares: Iterable[Any] = ()) -> dict[str, set[str]]:
    """The uids rows link to, by linked entity: the values of their link ``columns`` and
    (service records) their participants and partner shares. Only text a database stores
    is kept: rows with anything else are rejected anyway."""
    links: dict[str, set[str]] = {}
    for c in entity.columns:
        if c.kind == "link":
            links.setdefault(c.target, set()).update(_texts(columns[c.name]))
    if entity.name == "service_record":
        links.setdefault("client", set()).update(
            _texts(chain.from_iterable(p for p in parts if type(p) is list)))
        links.setdefault("partner", set()).update(_texts(
            s.get("partner") for s in chain.from_iterable(s for s in shares if type(s) is list)
            if type(s) is dict))
    return links


def _plain_links(entity: codec.Entity, columns: dict[str, tuple[Any, ...]],
                 parts: Sequence[Any], shares: Sequence[Any]) -> dict[str, set[str]]:
    """``links_of`` rows found valid (``codec.problems``, ``_extras_fine_by_column``):
    every link value is storable text or None, every participant storable text, every
    partner share a dict with one: nothing to look at but the values."""
    links: dict[str, set[str]] = {}
    for c in entity.columns:
        if c.kind == "link":
            links.setdefault(c.target, set()).update(columns[c.name])
    if entity.name == "service_record":
        links.setdefault("client", set()).update(chain.from_iterable(filter(None, parts)))
        links.setdefault("partner", set()).update(
            map(itemgetter("partner"), chain.from_iterable(filter(None, shares))))
    for uids in links.values():
        uids.discard(None)
    return links


def _texts(values: Iterable[Any]) -> set[str]:
    """The text among ``values`` that a database stores: all of it, nearly always, which
    a look at them all in C tells (a lone surrogate is rare, any other value rarer)."""
    try:
        texts = set(values)
    except TypeError:  # a list where a uid belongs
        texts = {v for v in values if type(v) is str}
    texts.discard(None)
    try:
        whole = "".join(texts)
    except TypeError:  # a number where a uid belongs
        texts = {v for v in texts if type(v) is str}
        whole = "".join(texts)
    return texts if codec.encodable(whole) else set(filter(codec.encodable, texts))


# The extra parts a station writes into every row (besides _base, in a row it edited).
_EXTRAS = {False: (codec.SEQ,), True: (codec.SEQ, codec.PARTICIPANTS, codec.PARTNERS)}


def _wide(entity: codec.Entity, rows: list[Row]) -> list[tuple[Any, ...]] | None:
    """Each row's fields (``keys_of`` order) and extra parts, if every row holds exactly
    these (None otherwise: a row without one of them, or with more, such as _base)."""
    keys = codec.keys_of(entity) + _EXTRAS[entity.name == "service_record"]
    try:
        wide = list(map(itemgetter(*keys), rows))  # one C-level call per row
    except KeyError:
        return None
    return wide if set(map(len, rows)) == {len(keys)} else None


def _extras_fine_by_column(columns: dict[str, tuple[Any, ...]], records: bool) -> bool:
    """Whether rows without a _base are fine by ``extras_problem``, from their columns
    of ``_EXTRAS``: False may only mean that a closer look is needed."""
    seqs = columns[codec.SEQ]
    ints = [s for s in seqs if s is not None]
    if not (set(map(type, ints)) <= {int} and (
            not ints or (min(ints) >= 1 and max(ints) <= codec.MAX_VERSION))):
        return False
    if not records:
        return True
    parts, shares = columns[codec.PARTICIPANTS], columns[codec.PARTNERS]
    if not set(map(type, parts)) | set(map(type, shares)) <= {list, type(None)}:
        return False
    every_part = list(chain.from_iterable(p for p in parts if p))
    every_share = list(chain.from_iterable(s for s in shares if s))
    return (set(map(type, every_part)) <= {str} and codec.encodable("".join(every_part))
            and all(type(s) is dict and type(s.get("partner")) is str for s in every_share)
            and (not every_share or _encodable_json(every_share))
            and not any(map(share_problem, every_share)))


_EMPTY = "[]"


def record_lists(parts: Any, shares: Any) -> tuple[str, str]:
    """A service record's participants and partner shares as its JSON columns hold them."""
    return participants_text(parts), shares_text(shares)


def participants_text(parts: Any) -> str:
    return orjson.dumps(parts).decode() if parts else _EMPTY


def shares_text(shares: Any) -> str:
    return (orjson.dumps([{"partner": s["partner"], "contribution": s.get("contribution") or "",
                           "value": s.get("value")} for s in shares]).decode()
            if shares else _EMPTY)


# --- the parts of a row beside its fields ---------------------------------------------------


@cache
def extras_check(entity: codec.Entity, schema: int = PAYLOAD_SCHEMA) -> Callable[[Row], str]:
    names = frozenset(schemas.fields(entity.name, schema)) | {"deleted"}
    return partial(extras_problem, entity.name, names, members=members_of(entity, schema))


@cache
def members_of(entity: codec.Entity, schema: int = PAYLOAD_SCHEMA) -> frozenset[str]:
    """The members a row of ``entity`` may have in a package of ``schema``: its fields and
    the metadata of section 5 of docs/package-format.md (each schema has a fixed list:
    anything else is refused, such as a field of schema 2 in a row of schema 1)."""
    extras = (codec.BASE, *_EXTRAS[entity.name == "service_record"])
    return (frozenset(codec.keys_of(entity)) - schemas.absent(entity.name, schema)
            | frozenset(extras))


def extras_problem(entity: str, names: frozenset[str], row: Row, *,
                   members: frozenset[str] = frozenset()) -> str:
    """Why the parts of a row beside its fields cannot be taken ("" if they can); with
    ``members``, a member not among them is one."""
    if members and not members.issuperset(row):
        unknown = sorted(set(row) - members, key=str)[0]
        return f"{_shown(unknown)}: unknown member"
    seq = row.get(codec.SEQ)
    if seq is not None and (type(seq) is not int or not 1 <= seq <= codec.MAX_VERSION):
        return f"{codec.SEQ}: invalid"  # (a held row's number tells where the station resends)
    base = row.get(codec.BASE)
    if base is not None and (not isinstance(base, dict) or not names.issuperset(base)
                             or not _encodable_json(base)):
        return f"{codec.BASE}: invalid"
    if entity != "service_record":
        return ""
    parts = row.get(codec.PARTICIPANTS) or []
    if not (type(parts) is list and set(map(type, parts)) <= {str}
            and codec.encodable("".join(parts))):
        return f"{codec.PARTICIPANTS}: invalid"
    shares = row.get(codec.PARTNERS) or []
    if not (type(shares) is list
            and all(isinstance(s, dict) and isinstance(s.get("partner"), str) for s in shares)
            and (not shares or _encodable_json(shares))):
        return f"{codec.PARTNERS}: invalid"
    for share in shares:
        reason = share_problem(share)
        if reason:
            return f"{codec.PARTNERS}: {reason}"
    return ""


_SHARE = codec.Column("contribution", "contribution", "text", max_length=200)
_SHARE_VALUE = codec.Column("value", "value", "decimal",
                            spec=describe(Project).field("budget"))  # money, as a budget


def share_problem(share: dict[str, Any]) -> str:
    """Why a partner share's contribution or value breaks the station's rules ("" if
    neither does): text of at most 200 characters, an amount of money."""
    for column in (_SHARE, _SHARE_VALUE):
        value = share.get(column.name)
        reason = "" if value is None else codec.value_problem(column, value)
        if reason:
            return f"{column.name}: {reason}"
    return ""


def _shown(member: Any) -> str:
    """A member's name as a reason names it: readable, and storable whatever it holds."""
    text = member if isinstance(member, str) else repr(member)
    return text[:40] if codec.is_ident(text[:40]) else ascii(text[:40])


def extras_fine(entity: codec.Entity, rows: list[Row], schema: int = PAYLOAD_SCHEMA
                ) -> bool:
    """Whether ``extras_problem`` finds nothing in any of ``rows``: a look at all of them
    at once, then at each row only if that finds something."""
    records = entity.name == "service_record"
    columns = {k: tuple(r.get(k) for r in rows) for k in _EXTRAS[records]}
    return ((all(r.get(codec.BASE) is None for r in rows)
             and members_of(entity, schema).issuperset(chain.from_iterable(rows))
             and _extras_fine_by_column(columns, records))
            or not any(map(extras_check(entity, schema), rows)))


def _encodable_json(value: Any) -> bool:
    return codec.encodable(json.dumps(value, ensure_ascii=False))


# --- worker processes ------------------------------------------------------------------------


def processes_for(rows: int) -> int:
    """How many worker processes to prepare a package of ``rows`` rows: one per core (up
    to 4: the writing process is the bound after that), or none for a small package."""
    cores = os.cpu_count() or 1
    return min(4, cores) if rows >= PARALLEL_ROWS and cores > 1 else 0


class Preparer:
    """Prepares the chunks of a package's files, in this process or, for a large package,
    in worker processes; ``close()`` at the end (also when failing)."""

    def __init__(self, setting: Setting, *, postgres: bool, processes: int = 0) -> None:
        self._pool: ProcessPoolExecutor | None = None
        # On PostgreSQL rows go in with COPY; on SQLite rows prepared apart come as a
        # database image: inserting them from there costs a fourth of binding each value.
        self.setting = replace(setting, form=COPY if postgres else IMAGE if processes else ROWS)
        if processes:
            # spawn: the same on every platform, and nothing of this process (its database
            # connections, its threads) is copied into the workers.
            self._pool = ProcessPoolExecutor(processes, multiprocessing.get_context("spawn"),
                                             initializer=_start_worker)

    def chunks(self, entity: codec.Entity, name: str, blocks: Iterable[list[bytes]]
               ) -> Iterator[Piece]:
        """Each of ``blocks`` (lines of the file ``name``, in order) prepared, in order."""
        return next(self.files([(entity, name, blocks)]))[1]

    def files(self, files: Iterable[tuple[codec.Entity, str, Iterable[list[bytes]]]]
              ) -> Iterator[tuple[codec.Entity, Iterator[Piece]]]:
        """Each of ``files`` (an entity, its file's name and the blocks of its lines, in
        order) with its blocks prepared, in order. Each file's pieces are to be taken
        whole before the next file's: the workers go on to the next files' blocks while
        the caller is at the end of one, so they do not wait at every table."""
        named = list(files)
        blocks = ((i, raws) for i, (_e, _n, source) in enumerate(named) for raws in source)
        pending: deque[tuple[int, Future[Prepared] | None, list[bytes], int]] = deque()
        first = [1] * len(named)

        def pieces(i: int) -> Iterator[Piece]:
            entity, name, _source = named[i]
            while True:
                # Kept AHEAD chunks ahead of the caller with workers, none without them.
                while len(pending) <= (AHEAD if self._pool is not None else 0):
                    if (block := next(blocks, None)) is None:
                        break
                    at, raws = block
                    if not raws:
                        continue
                    job = (self._pool.submit(_prepare_apart, self.setting, named[at][0].name,
                                             raws, named[at][1], first[at])
                           if self._pool is not None else None)
                    pending.append((at, job, raws, first[at]))
                    first[at] += len(raws)
                if pending and pending[0][0] < i:
                    raise RuntimeError("the pieces of a file before were not all taken")
                if not pending or pending[0][0] != i:
                    return
                _at, job, raws, start = pending.popleft()
                yield Piece(self._result(job, entity, raws, name, start), raws, name, start)

        for i, (entity, _name, _source) in enumerate(named):
            yield entity, pieces(i)

    def _result(self, job: Future[Prepared] | None, entity: codec.Entity, raws: list[bytes],
                name: str, first: int) -> Prepared:
        if job is not None:
            try:
                return job.result()
            except BrokenProcessPool:
                # A worker could not start or died (a script that asked for workers without
                # an ``if __name__ == "__main__"`` guard, the memory ran out): go on here.
                log.warning("the ingest's worker processes stopped; preparing rows in "
                            "this process", exc_info=True)
                self.close()
                self.setting = replace(self.setting, form=(
                    ROWS if self.setting.form == IMAGE else self.setting.form))
        return prepare(self.setting, entity.name, raws, name, first)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def _start_worker() -> None:
    gc.disable()
    # The writing, this process's and the database server's, is the ingest's critical
    # path; the workers, chunks ahead of it, take the cores it leaves.
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)


def _prepare_apart(setting: Setting, entity_name: str, raws: list[bytes], name: str,
                   first: int) -> Prepared:
    """``prepare`` in a worker: the decoded values stay here (sending them back costs as
    much as decoding them again, which only a chunk that is not plain needs)."""
    prepared = prepare(setting, entity_name, raws, name, first)
    prepared.rows = None
    return prepared
