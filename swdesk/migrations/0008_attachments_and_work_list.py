"""Evidence attached to records (issue 24) and today's work (issue 25): attachments and
their way to the city; visit rules, a client's visit interval and visitor, postponed tasks;
needs matched by coded skills, languages, communities and times, closed by the record that
met them. Frozen as SQL; new columns of existing tables added in place."""

NOTE = ("新增附件（照片与扫描件）、邻里守望探访规则与待办、需求精准对接",
        "Added attachments (photos and scans), visit rules and the work list, needs matching")

# B1 tasks-core: the triggers that keep visit_seen. A new visit only raises a client's
# date; anything else (an edit, a deletion, a participant taken out) counts the client's
# care visits again, from the indexes on service_participant.client_id and case.client_id.
_LAST_VISIT = (
    "max(coalesce((SELECT max(r.date) FROM service_participant p JOIN service_record r "
    "ON r.id = p.record_id WHERE p.client_id = s.cid AND r.care_visit = 1 AND r.deleted = 0), "
    "''), coalesce((SELECT max(l.date) FROM \"case\" c JOIN case_log l ON l.case_id = c.id "
    "WHERE c.client_id = s.cid AND l.care_visit = 1 AND l.deleted = 0), ''))")


def _recount(clients: str) -> str:
    """Statements that count again the last visit of the clients ``clients`` selects."""
    return (f"DELETE FROM visit_seen WHERE client_id IN (SELECT cid FROM ({clients})); "
            f"INSERT INTO visit_seen (client_id, last_on) SELECT cid, d FROM "
            f"(SELECT s.cid AS cid, {_LAST_VISIT} AS d FROM ({clients}) AS s) WHERE d <> ''; ")


_UPSERT = ("INSERT INTO visit_seen (client_id, last_on) {} "
           "ON CONFLICT (client_id) DO UPDATE SET last_on = max(last_on, excluded.last_on); ")
_VISIT_SEEN_TRIGGERS = [
    'CREATE TRIGGER "visit_seen_participant_in" AFTER INSERT ON "service_participant" BEGIN '
    + _UPSERT.format("SELECT NEW.client_id, r.date FROM service_record r WHERE r.id = "
                     "NEW.record_id AND r.care_visit = 1 AND r.deleted = 0") + "END",
    'CREATE TRIGGER "visit_seen_participant_out" AFTER DELETE ON "service_participant" BEGIN '
    + _recount("SELECT OLD.client_id AS cid") + "END",
    'CREATE TRIGGER "visit_seen_participant_edit" AFTER UPDATE OF "client_id", "record_id" '
    'ON "service_participant" BEGIN '
    + _recount("SELECT OLD.client_id AS cid UNION SELECT NEW.client_id") + "END",
    'CREATE TRIGGER "visit_seen_record_edit" AFTER UPDATE OF "date", "care_visit", "deleted" '
    'ON "service_record" BEGIN '
    + _recount("SELECT client_id AS cid FROM service_participant WHERE record_id = NEW.id")
    + "END",
    'CREATE TRIGGER "visit_seen_log_in" AFTER INSERT ON "case_log" '
    "WHEN NEW.care_visit = 1 AND NEW.deleted = 0 BEGIN "
    + _UPSERT.format('SELECT c.client_id, NEW.date FROM "case" c WHERE c.id = NEW.case_id')
    + "END",
    'CREATE TRIGGER "visit_seen_log_edit" AFTER UPDATE OF "date", "care_visit", "deleted", '
    '"case_id" ON "case_log" BEGIN '
    + _recount('SELECT client_id AS cid FROM "case" WHERE id IN (OLD.case_id, NEW.case_id)')
    + "END",
    'CREATE TRIGGER "visit_seen_log_out" AFTER DELETE ON "case_log" BEGIN '
    + _recount('SELECT client_id AS cid FROM "case" WHERE id = OLD.case_id') + "END",
    'CREATE TRIGGER "visit_seen_case_client" AFTER UPDATE OF "client_id" ON "case" BEGIN '
    + _recount("SELECT OLD.client_id AS cid UNION SELECT NEW.client_id") + "END",
]


STATEMENTS = [
    # issue 24: attachments
    'CREATE TABLE "attachment" ("id" INTEGER NOT NULL PRIMARY KEY, "uid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "version" INTEGER NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "sha256" VARCHAR(64) NOT NULL, "size" INTEGER NOT NULL, "media_type" VARCHAR(40) NOT NULL, "file_name" VARCHAR(200), "caption" VARCHAR(200), "taken_at" DATETIME, "width" INTEGER, "height" INTEGER, "pages" INTEGER, "original_sha256" VARCHAR(64), "attached_at" DATETIME NOT NULL, "attached_by_id" INTEGER, "client_id" INTEGER, "case_id" INTEGER, "case_log_id" INTEGER, "record_id" INTEGER, "activity_id" INTEGER, "evaluation_id" INTEGER, "complaint_id" INTEGER, FOREIGN KEY ("attached_by_id") REFERENCES "worker" ("id") ON DELETE RESTRICT, FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT, FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON DELETE RESTRICT, FOREIGN KEY ("case_log_id") REFERENCES "case_log" ("id") ON DELETE RESTRICT, FOREIGN KEY ("record_id") REFERENCES "service_record" ("id") ON DELETE RESTRICT, FOREIGN KEY ("activity_id") REFERENCES "community_activity" ("id") ON DELETE RESTRICT, FOREIGN KEY ("evaluation_id") REFERENCES "evaluation" ("id") ON DELETE RESTRICT, FOREIGN KEY ("complaint_id") REFERENCES "complaint" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "attachment_uid" ON "attachment" ("uid")',
    'CREATE INDEX "attachment_attached_by_id" ON "attachment" ("attached_by_id")',
    'CREATE INDEX "attachment_client_id" ON "attachment" ("client_id")',
    'CREATE INDEX "attachment_case_id" ON "attachment" ("case_id")',
    'CREATE INDEX "attachment_case_log_id" ON "attachment" ("case_log_id")',
    'CREATE INDEX "attachment_record_id" ON "attachment" ("record_id")',
    'CREATE INDEX "attachment_activity_id" ON "attachment" ("activity_id")',
    'CREATE INDEX "attachment_evaluation_id" ON "attachment" ("evaluation_id")',
    'CREATE INDEX "attachment_complaint_id" ON "attachment" ("complaint_id")',
    'CREATE INDEX "attachment_sha256_deleted" ON "attachment" ("sha256", "deleted")',
    'CREATE TABLE "attachment_sync" ("sha256" VARCHAR(64) NOT NULL PRIMARY KEY, "package_seq" INTEGER, "sent_at" DATETIME, "acked_at" DATETIME)',
    # issue 25: today's work and matching needs
    'CREATE TABLE "visit_rule" ("id" INTEGER NOT NULL PRIMARY KEY, "target_group" VARCHAR(32) NOT NULL, "risk_level" VARCHAR(32) NOT NULL, "every_days" INTEGER NOT NULL, "way" VARCHAR(32) NOT NULL, "source" VARCHAR(16) NOT NULL)',
    'CREATE UNIQUE INDEX "visit_rule_target_group_risk_level" ON "visit_rule" ("target_group", "risk_level")',
    'CREATE TABLE "task_deferral" ("id" INTEGER NOT NULL PRIMARY KEY, "task_key" VARCHAR(120) NOT NULL, "due_on" DATE NOT NULL, "deferred_to" DATE NOT NULL, "reason" TEXT NOT NULL, "username" VARCHAR(40) NOT NULL, "at" DATETIME NOT NULL)',
    'CREATE INDEX "task_deferral_task_key" ON "task_deferral" ("task_key")',
    'ALTER TABLE "client" ADD COLUMN "visit_every_days" INTEGER',
    'ALTER TABLE "client" ADD COLUMN "visitor_worker_id" INTEGER REFERENCES "worker" ("id") ON DELETE RESTRICT',
    'ALTER TABLE "client" ADD COLUMN "visitor_volunteer_id" INTEGER REFERENCES "volunteer" ("id") ON DELETE RESTRICT',
    'ALTER TABLE "client" ADD COLUMN "languages" VARCHAR(400)',
    'ALTER TABLE "need" ADD COLUMN "due_on" DATE',
    'ALTER TABLE "need" ADD COLUMN "skill" VARCHAR(32)',
    'ALTER TABLE "need" ADD COLUMN "availability" VARCHAR(32)',
    'ALTER TABLE "volunteer" ADD COLUMN "skill_codes" VARCHAR(400)',
    'ALTER TABLE "volunteer" ADD COLUMN "languages" VARCHAR(400)',
    'ALTER TABLE "volunteer" ADD COLUMN "service_areas" VARCHAR(400)',
    'ALTER TABLE "volunteer" ADD COLUMN "availability_codes" VARCHAR(400)',
    'ALTER TABLE "partner" ADD COLUMN "skill_codes" VARCHAR(400)',
    'ALTER TABLE "partner" ADD COLUMN "service_areas" VARCHAR(400)',
    'ALTER TABLE "partner" ADD COLUMN "availability_codes" VARCHAR(400)',
    'ALTER TABLE "service_record" ADD COLUMN "need_id" INTEGER REFERENCES "need" ("id") ON DELETE RESTRICT',
    'CREATE INDEX "client_visitor_worker_id" ON "client" ("visitor_worker_id")',
    'CREATE INDEX "client_visitor_volunteer_id" ON "client" ("visitor_volunteer_id")',
    'CREATE INDEX "service_record_need_id" ON "service_record" ("need_id")',
    # B1 tasks-core: a client's last care visit, kept by triggers in the transaction of
    # every write (swdesk.model.visits.VisitSeen; rebuilt by db check --repair)
    'CREATE TABLE "visit_seen" ("client_id" INTEGER NOT NULL PRIMARY KEY, "last_on" DATE NOT NULL)',
    # the work list's visits read from this index alone (swdesk.services.tasks)
    'CREATE INDEX "client_deleted_status_visitor_worker_id_target_groups_vi_3b92f25" ON "client" ("deleted", "status", "visitor_worker_id", "target_groups", "visit_every_days", "visitor_volunteer_id", "registered_on", "name")',
    'CREATE INDEX "case_log_case_id_deleted_date" ON "case_log" ("case_id", "deleted", "date")',
    'INSERT INTO visit_seen (client_id, last_on) SELECT cid, max(d) FROM ('
    'SELECT p.client_id AS cid, r.date AS d FROM service_participant p JOIN service_record r '
    'ON r.id = p.record_id WHERE r.care_visit = 1 AND r.deleted = 0 UNION ALL '
    'SELECT c.client_id, l.date FROM case_log l JOIN "case" c ON c.id = l.case_id '
    'WHERE l.care_visit = 1 AND l.deleted = 0) GROUP BY cid',
    *_VISIT_SEEN_TRIGGERS,
]


def up(migrator, db):
    for sql in STATEMENTS:
        db.execute_sql(sql)
