"""Evidence attached to records (issue 24) and today's work (issue 25): attachments and
their way to the city; visit rules, a client's visit interval and visitor, postponed tasks;
needs matched by coded skills, languages, communities and times, closed by the record that
met them. Frozen as SQL; new columns of existing tables added in place."""

NOTE = ("新增附件（照片与扫描件）、邻里守望探访规则与待办、需求精准对接",
        "Added attachments (photos and scans), visit rules and the work list, needs matching")

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
]


def up(migrator, db):
    for sql in STATEMENTS:
        db.execute_sql(sql)
