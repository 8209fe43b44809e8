"""Kept figures (issue 26): what the contract figures count, kept per scope and day (counts,
person-times, care visits, hours in hundredths) and per scope, month and client (who was
served), by triggers in the transaction of every write; filled once here. Frozen as SQL."""

NOTE = ("统计数改为随记录即时保存，工作台和指标打开更快",
        "Figures are now kept as records are written: the dashboard and indicators open faster")

# A scope is 0 (the whole station) and, when the row has one, its project: each
# contribution is written once per scope by crossing it with these two rows.
_Z = "(SELECT 0 AS k UNION ALL SELECT 1) AS z"


def _scope(row: str) -> str:
    return f"iif(z.k, {row}.project_id, 0)"


def _in_scope(row: str) -> str:
    return f"(z.k = 0 OR {row}.project_id IS NOT NULL)"


_TALLY = ("INSERT INTO kept_tally (scope, day, kind, records, headcount, record_visits, logs, "
          "log_visits, hundredths) {} ON CONFLICT (scope, day, kind) DO UPDATE SET "
          "records = records + excluded.records, headcount = headcount + excluded.headcount, "
          "record_visits = record_visits + excluded.record_visits, logs = logs + excluded.logs, "
          "log_visits = log_visits + excluded.log_visits, "
          "hundredths = hundredths + excluded.hundredths; ")


def _clients(select: str, touched: tuple[str, str, str, str], negative: bool) -> str:
    """Add ``select``'s (scope, month, client_id, n) to the clients' months; taking away,
    drop the rows that reach 0; then set ``prev`` again on the touched clients' rows whose
    month before may have come or gone: the touched month's and the next one's.
    ``touched`` is SQL for the scopes (an IN list), the clients (an IN list or SELECT), the
    months (the same) and a condition on ``month`` that holds for those rows (from the
    first month touched on, or the months and each one's next listed): every statement
    finds its rows through an index, never a range of a whole scope. The few rows counted
    again beyond those that changed get the same values."""
    scopes, clients, months, again = touched
    sql = (f"INSERT INTO kept_client_month (scope, month, client_id, n) {select} "
           "ON CONFLICT (scope, month, client_id) DO UPDATE SET n = n + excluded.n; ")
    if negative:
        sql += (f"DELETE FROM kept_client_month WHERE n = 0 AND scope IN ({scopes}) "
                f"AND month IN ({months}) AND client_id IN ({clients}); ")
    return sql + (
        "UPDATE kept_client_month SET prev = (SELECT max(b.month) FROM kept_client_month b "
        "WHERE b.scope = kept_client_month.scope AND b.client_id = kept_client_month.client_id "
        f"AND b.month < kept_client_month.month) WHERE scope IN ({scopes}) "
        f"AND client_id IN ({clients}) AND {again}; ")


def _and_next(project: str, client: str, month: str) -> str:
    """``month`` and, in the station's and the project's scope, the client's next month
    after it (one client, one month touched: a few rows, not all the later ones)."""
    after = ("(SELECT min(a.month) FROM kept_client_month a WHERE a.scope = {} "
             f"AND a.client_id = {client} AND a.month > {month})")
    return f"month IN ({month}, {after.format(0)}, {after.format(project)})"


def _record(row: str, sign: str) -> str:
    """A service record's own counts (OLD or NEW, sign '' or '-')."""
    return _TALLY.format(
        f"SELECT {_scope(row)}, {row}.date, {row}.kind, {sign}1, {sign}{row}.headcount, "
        f"{sign}{row}.care_visit, 0, 0, 0 FROM {_Z} WHERE {row}.deleted = 0 AND {_in_scope(row)}")


def _record_clients(row: str, sign: str) -> str:
    """A service record's participants, each once in the record's month."""
    where = (f"FROM service_participant p, {_Z} WHERE p.record_id = {row}.id "
             f"AND {row}.deleted = 0 AND {_in_scope(row)}")
    return _clients(f"SELECT {_scope(row)}, substr({row}.date, 1, 7), p.client_id, {sign}1 "
                    f"{where}", (f"0, {row}.project_id", "SELECT client_id FROM "
                                 f"service_participant WHERE record_id = {row}.id",
                                 f"substr({row}.date, 1, 7)",
                                 f"month >= substr({row}.date, 1, 7)"), sign == "-")


def _participant(row: str, sign: str) -> str:
    """One participant of a live record (none when the record is gone: its BEFORE DELETE
    trigger took its participants away while it was still there)."""
    where = (f"FROM service_record r, {_Z} WHERE r.id = {row}.record_id AND r.deleted = 0 "
             f"AND {_in_scope('r')}")
    record = f"FROM service_record WHERE id = {row}.record_id"
    return _clients(f"SELECT {_scope('r')}, substr(r.date, 1, 7), {row}.client_id, {sign}1 "
                    f"{where}", (f"0, (SELECT project_id {record})", f"{row}.client_id",
                                 f"SELECT substr(date, 1, 7) {record}",
                                 _and_next(f"(SELECT project_id {record})", f"{row}.client_id",
                                           f"(SELECT substr(date, 1, 7) {record})")),
                    sign == "-")


def _log(row: str, sign: str) -> str:
    """A live case log of a live case: a person-time, maybe a care visit, its case's client."""
    where = (f'FROM "case" c, {_Z} WHERE c.id = {row}.case_id AND {row}.deleted = 0 '
             f"AND c.deleted = 0 AND {_in_scope('c')}")
    case = f'FROM "case" WHERE id = {row}.case_id'
    return (_TALLY.format(f"SELECT {_scope('c')}, {row}.date, '', 0, 0, 0, {sign}1, "
                          f"{sign}{row}.care_visit, 0 {where}")
            + _clients(f"SELECT {_scope('c')}, substr({row}.date, 1, 7), c.client_id, {sign}1 "
                       f"{where}", (f"0, (SELECT project_id {case})", f"SELECT client_id {case}",
                                    f"substr({row}.date, 1, 7)",
                                    _and_next(f"(SELECT project_id {case})",
                                              f"(SELECT client_id {case})",
                                              f"substr({row}.date, 1, 7)")), sign == "-"))


def _case(row: str, sign: str) -> str:
    """All the live logs of a case (its client, project or deletion changed)."""
    where = (f"FROM case_log l, {_Z} WHERE l.case_id = {row}.id AND l.deleted = 0 "
             f"AND {row}.deleted = 0 AND {_in_scope(row)}")
    return (_TALLY.format(f"SELECT {_scope(row)}, l.date, '', 0, 0, 0, {sign}count(*), "
                          f"{sign}sum(l.care_visit), 0 {where} GROUP BY 1, 2")
            + _clients(f"SELECT {_scope(row)}, substr(l.date, 1, 7), {row}.client_id, "
                       f"{sign}count(*) {where} GROUP BY 1, 2",
                       (f"0, {row}.project_id", f"{row}.client_id",
                        f"SELECT substr(date, 1, 7) FROM case_log WHERE case_id = {row}.id",
                        f"month >= (SELECT substr(min(date), 1, 7) FROM case_log "
                        f"WHERE case_id = {row}.id)"), sign == "-"))


def _hours(row: str, sign: str) -> str:
    return _TALLY.format(
        f"SELECT {_scope(row)}, {row}.date, '', 0, 0, 0, 0, 0, "
        f"{sign}CAST(round({row}.hours * 100) AS INTEGER) FROM {_Z} "
        f"WHERE {row}.deleted = 0 AND {_in_scope(row)}")


def _changed(*columns: str) -> str:
    return " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in columns)


def _of(*columns: str) -> str:
    return ", ".join(f'"{c}"' for c in columns)


_RECORD = ("date", "kind", "headcount", "care_visit", "project_id", "deleted")
_LOG = ("date", "care_visit", "deleted", "case_id")
_CASE = ("client_id", "project_id", "deleted")
_HOURS = ("date", "hours", "project_id", "deleted")

TRIGGERS = [
    # (a new record has no participants yet: theirs come after it and count themselves)
    'CREATE TRIGGER "kept_record_in" AFTER INSERT ON "service_record" '
    "WHEN NEW.deleted = 0 BEGIN " + _record("NEW", "") + "END",
    f'CREATE TRIGGER "kept_record_edit" AFTER UPDATE OF {_of(*_RECORD)} ON "service_record" '
    f"WHEN {_changed(*_RECORD)} BEGIN " + _record("OLD", "-") + _record("NEW", "") + "END",
    'CREATE TRIGGER "kept_record_move" AFTER UPDATE OF "date", "project_id", "deleted" ON '
    '"service_record" WHEN substr(OLD.date, 1, 7) IS NOT substr(NEW.date, 1, 7) OR '
    + _changed("project_id", "deleted") + " BEGIN "
    + _record_clients("OLD", "-") + _record_clients("NEW", "") + "END",
    # BEFORE: a hard delete cascades to the participants after the record is gone
    'CREATE TRIGGER "kept_record_out" BEFORE DELETE ON "service_record" BEGIN '
    + _record("OLD", "-") + _record_clients("OLD", "-") + "END",
    'CREATE TRIGGER "kept_participant_in" AFTER INSERT ON "service_participant" BEGIN '
    + _participant("NEW", "") + "END",
    'CREATE TRIGGER "kept_participant_edit" AFTER UPDATE OF "client_id", "record_id" ON '
    '"service_participant" BEGIN ' + _participant("OLD", "-") + _participant("NEW", "") + "END",
    'CREATE TRIGGER "kept_participant_out" AFTER DELETE ON "service_participant" BEGIN '
    + _participant("OLD", "-") + "END",
    'CREATE TRIGGER "kept_log_in" AFTER INSERT ON "case_log" BEGIN ' + _log("NEW", "") + "END",
    f'CREATE TRIGGER "kept_log_edit" AFTER UPDATE OF {_of(*_LOG)} ON "case_log" '
    f"WHEN {_changed(*_LOG)} BEGIN " + _log("OLD", "-") + _log("NEW", "") + "END",
    'CREATE TRIGGER "kept_log_out" AFTER DELETE ON "case_log" BEGIN ' + _log("OLD", "-") + "END",
    f'CREATE TRIGGER "kept_case_edit" AFTER UPDATE OF {_of(*_CASE)} ON "case" '
    f"WHEN {_changed(*_CASE)} BEGIN " + _case("OLD", "-") + _case("NEW", "") + "END",
    'CREATE TRIGGER "kept_hours_in" AFTER INSERT ON "volunteer_hour" BEGIN '
    + _hours("NEW", "") + "END",
    f'CREATE TRIGGER "kept_hours_edit" AFTER UPDATE OF {_of(*_HOURS)} ON "volunteer_hour" '
    f"WHEN {_changed(*_HOURS)} BEGIN " + _hours("OLD", "-") + _hours("NEW", "") + "END",
    'CREATE TRIGGER "kept_hours_out" AFTER DELETE ON "volunteer_hour" BEGIN '
    + _hours("OLD", "-") + "END",
]

# The count from the records (as swdesk.db.kept_figures.rebuild makes it at the time).
FILL = [
    "INSERT INTO kept_tally (scope, day, kind, records, headcount, record_visits, logs, "
    "log_visits, hundredths) SELECT scope, day, kind, sum(a), sum(b), sum(c), sum(d), sum(e), "
    "sum(f) FROM ("
    "SELECT 0 AS scope, date AS day, kind, count(*) AS a, sum(headcount) AS b, "
    "sum(care_visit) AS c, 0 AS d, 0 AS e, 0 AS f FROM service_record WHERE deleted = 0 "
    "GROUP BY date, kind UNION ALL "
    "SELECT project_id, date, kind, count(*), sum(headcount), sum(care_visit), 0, 0, 0 "
    "FROM service_record WHERE deleted = 0 AND project_id IS NOT NULL "
    "GROUP BY project_id, date, kind UNION ALL "
    f"SELECT iif(z.k, c.project_id, 0), l.date, '', 0, 0, 0, count(*), sum(l.care_visit), 0 "
    f'FROM case_log l JOIN "case" c ON c.id = l.case_id, {_Z} WHERE l.deleted = 0 '
    "AND c.deleted = 0 AND (z.k = 0 OR c.project_id IS NOT NULL) GROUP BY 1, 2 UNION ALL "
    "SELECT iif(z.k, h.project_id, 0), h.date, '', 0, 0, 0, 0, 0, "
    f"sum(CAST(round(h.hours * 100) AS INTEGER)) FROM volunteer_hour h, {_Z} "
    "WHERE h.deleted = 0 AND (z.k = 0 OR h.project_id IS NOT NULL) GROUP BY 1, 2"
    ") GROUP BY scope, day, kind "
    "HAVING sum(a) <> 0 OR sum(b) <> 0 OR sum(c) <> 0 OR sum(d) <> 0 OR sum(e) <> 0 "
    "OR sum(f) <> 0",
    "INSERT INTO kept_client_month (scope, month, client_id, n, prev) "
    "SELECT scope, month, client_id, n, "
    "lag(month) OVER (PARTITION BY scope, client_id ORDER BY month) FROM ("
    "SELECT scope, month, client_id, count(*) AS n FROM ("
    "SELECT 0 AS scope, substr(r.date, 1, 7) AS month, p.client_id AS client_id "
    "FROM service_record r JOIN service_participant p ON p.record_id = r.id "
    "WHERE r.deleted = 0 UNION ALL "
    "SELECT r.project_id, substr(r.date, 1, 7), p.client_id "
    "FROM service_record r JOIN service_participant p ON p.record_id = r.id "
    "WHERE r.deleted = 0 AND r.project_id IS NOT NULL UNION ALL "
    f"SELECT iif(z.k, c.project_id, 0), substr(l.date, 1, 7), c.client_id "
    f'FROM case_log l JOIN "case" c ON c.id = l.case_id, {_Z} WHERE l.deleted = 0 '
    "AND c.deleted = 0 AND (z.k = 0 OR c.project_id IS NOT NULL)"
    ") GROUP BY scope, month, client_id)",
]

# visit_seen's triggers (migration 0008) made again: their count of a client's last visit
# joined the client's participations so that SQLite read every live record's index entry
# (0.4 s for each record saved at city size); CROSS JOIN makes it start from the
# client's participations. A log moved between two cases of one client recounts that
# client once (DISTINCT).
_LAST_VISIT = (
    "max(coalesce((SELECT max(r.date) FROM service_participant p CROSS JOIN service_record r "
    "ON r.id = p.record_id WHERE p.client_id = s.cid AND r.care_visit = 1 AND r.deleted = 0), "
    "''), coalesce((SELECT max(l.date) FROM \"case\" c CROSS JOIN case_log l "
    "ON l.case_id = c.id WHERE c.client_id = s.cid AND l.care_visit = 1 AND l.deleted = 0), "
    "''))")


def _recount(clients: str) -> str:
    """Statements that count again the last visit of the clients ``clients`` selects."""
    return (f"DELETE FROM visit_seen WHERE client_id IN (SELECT cid FROM ({clients})); "
            f"INSERT INTO visit_seen (client_id, last_on) SELECT cid, d FROM "
            f"(SELECT s.cid AS cid, {_LAST_VISIT} AS d FROM ({clients}) AS s) WHERE d <> ''; ")


_VISIT_SEEN = {
    "visit_seen_participant_out": 'AFTER DELETE ON "service_participant" BEGIN '
    + _recount("SELECT OLD.client_id AS cid"),
    "visit_seen_participant_edit": 'AFTER UPDATE OF "client_id", "record_id" ON '
    '"service_participant" BEGIN ' + _recount("SELECT OLD.client_id AS cid UNION SELECT "
                                              "NEW.client_id"),
    "visit_seen_record_edit": 'AFTER UPDATE OF "date", "care_visit", "deleted" ON '
    '"service_record" WHEN OLD.date IS NOT NEW.date OR OLD.care_visit IS NOT NEW.care_visit '
    "OR OLD.deleted IS NOT NEW.deleted BEGIN " + _recount(
        "SELECT client_id AS cid FROM service_participant WHERE record_id = NEW.id"),
    "visit_seen_log_edit": 'AFTER UPDATE OF "date", "care_visit", "deleted", "case_id" ON '
    '"case_log" BEGIN ' + _recount('SELECT DISTINCT client_id AS cid FROM "case" '
                                   "WHERE id IN (OLD.case_id, NEW.case_id)"),
    "visit_seen_log_out": 'AFTER DELETE ON "case_log" BEGIN '
    + _recount('SELECT client_id AS cid FROM "case" WHERE id = OLD.case_id'),
    "visit_seen_case_client": 'AFTER UPDATE OF "client_id" ON "case" BEGIN '
    + _recount("SELECT OLD.client_id AS cid UNION SELECT NEW.client_id"),
}

STATEMENTS = [
    'CREATE TABLE "kept_tally" ("scope" INTEGER NOT NULL, "day" DATE NOT NULL, "kind" VARCHAR(32) NOT NULL, "records" INTEGER NOT NULL, "headcount" INTEGER NOT NULL, "record_visits" INTEGER NOT NULL, "logs" INTEGER NOT NULL, "log_visits" INTEGER NOT NULL, "hundredths" INTEGER NOT NULL, PRIMARY KEY ("scope", "day", "kind")) WITHOUT ROWID',
    'CREATE TABLE "kept_client_month" ("scope" INTEGER NOT NULL, "month" VARCHAR(7) NOT NULL, "client_id" INTEGER NOT NULL, "n" INTEGER NOT NULL, "prev" VARCHAR(7), PRIMARY KEY ("scope", "month", "client_id")) WITHOUT ROWID',
    *FILL,
    'CREATE INDEX "kept_client_month_scope_client_id_month" ON "kept_client_month" ("scope", "client_id", "month")',
    *TRIGGERS,
    *(sql for name, body in _VISIT_SEEN.items()
      for sql in (f'DROP TRIGGER "{name}"', f'CREATE TRIGGER "{name}" {body}END')),
]


def up(migrator, db):
    for sql in STATEMENTS:
        db.execute_sql(sql)
