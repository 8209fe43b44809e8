"""The three methods' files: a case's goals, closure and follow-up, referral receipts; groups
with their members (a session is a service record of the group); community activities (the
record of one held links to it); questionnaire definitions and filled-in questionnaires.
Frozen as SQL; the new columns of existing tables are added in place (no table rebuilt)."""

NOTE = ("新增个案服务目标与回访、小组与社区活动档案、问卷与量表",
        "Added case goals and follow-ups, group and community activity files, questionnaires")

STATEMENTS = [
    'CREATE TABLE "case_goal" ("id" INTEGER NOT NULL PRIMARY KEY, "uid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "version" INTEGER NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "case_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, "goal" VARCHAR(200) NOT NULL, "measures" TEXT, "target_on" DATE, "attainment" VARCHAR(32), "attainment_note" TEXT, FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "case_goal_uid" ON "case_goal" ("uid")',
    'CREATE INDEX "case_goal_case_id" ON "case_goal" ("case_id")',
    'CREATE TABLE "work_group" ("id" INTEGER NOT NULL PRIMARY KEY, "uid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "version" INTEGER NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "group_no" VARCHAR(40), "name" VARCHAR(100) NOT NULL, "worker_id" INTEGER, "project_id" INTEGER, "category" VARCHAR(32) NOT NULL, "field" VARCHAR(32) NOT NULL, "status" VARCHAR(32) NOT NULL, "planned_start" DATE, "planned_end" DATE, "planned_sessions" INTEGER, "target_members" TEXT, "aims" TEXT NOT NULL, "plan" TEXT, "scale" VARCHAR(40), "ended_on" DATE, "summary" TEXT, "name_sort" VARCHAR(300) NOT NULL DEFAULT \'\', FOREIGN KEY ("worker_id") REFERENCES "worker" ("id") ON DELETE RESTRICT, FOREIGN KEY ("project_id") REFERENCES "project" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "work_group_uid" ON "work_group" ("uid")',
    'CREATE INDEX "work_group_worker_id" ON "work_group" ("worker_id")',
    'CREATE INDEX "work_group_project_id" ON "work_group" ("project_id")',
    'CREATE INDEX "work_group_deleted_name_sort" ON "work_group" ("deleted", "name_sort")',
    'CREATE TABLE "group_member" ("id" INTEGER NOT NULL PRIMARY KEY, "uid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "version" INTEGER NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "work_group_id" INTEGER NOT NULL, "client_id" INTEGER NOT NULL, "joined_on" DATE, "left_on" DATE, "note" VARCHAR(200), FOREIGN KEY ("work_group_id") REFERENCES "work_group" ("id") ON DELETE RESTRICT, FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "group_member_uid" ON "group_member" ("uid")',
    'CREATE INDEX "group_member_work_group_id" ON "group_member" ("work_group_id")',
    'CREATE INDEX "group_member_client_id" ON "group_member" ("client_id")',
    'CREATE TABLE "community_activity" ("id" INTEGER NOT NULL PRIMARY KEY, "uid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "version" INTEGER NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "activity_no" VARCHAR(40), "title" VARCHAR(200) NOT NULL, "worker_id" INTEGER, "project_id" INTEGER, "category" VARCHAR(32) NOT NULL, "field" VARCHAR(32) NOT NULL, "status" VARCHAR(32) NOT NULL, "planned_on" DATE NOT NULL, "place" VARCHAR(100), "expected_turnout" INTEGER, "aims" TEXT NOT NULL, "plan" TEXT, "partners_note" TEXT, "volunteers_note" TEXT, "unnamed_count" INTEGER NOT NULL, "summary" TEXT, "surveyed" INTEGER, "satisfied" INTEGER, FOREIGN KEY ("worker_id") REFERENCES "worker" ("id") ON DELETE RESTRICT, FOREIGN KEY ("project_id") REFERENCES "project" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "community_activity_uid" ON "community_activity" ("uid")',
    'CREATE INDEX "community_activity_worker_id" ON "community_activity" ("worker_id")',
    'CREATE INDEX "community_activity_project_id" ON "community_activity" ("project_id")',
    'CREATE INDEX "community_activity_planned_on" ON "community_activity" ("planned_on")',
    'CREATE TABLE "questionnaire" ("id" INTEGER NOT NULL PRIMARY KEY, "code" VARCHAR(40) NOT NULL, "version" INTEGER NOT NULL, "zh" VARCHAR(100) NOT NULL, "en" VARCHAR(100) NOT NULL, "definition" TEXT NOT NULL, "source" VARCHAR(16) NOT NULL, "active" INTEGER NOT NULL)',
    'CREATE UNIQUE INDEX "questionnaire_code" ON "questionnaire" ("code")',
    'CREATE TABLE "questionnaire_response" ("id" INTEGER NOT NULL PRIMARY KEY, "uid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "version" INTEGER NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "questionnaire" VARCHAR(40) NOT NULL, "q_version" INTEGER NOT NULL, "phase" VARCHAR(32) NOT NULL, "date" DATE NOT NULL, "client_id" INTEGER, "case_id" INTEGER, "work_group_id" INTEGER, "activity_id" INTEGER, "answers" TEXT NOT NULL, "score" INTEGER, "band" VARCHAR(40), "worker_id" INTEGER, "note" TEXT, FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT, FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON DELETE RESTRICT, FOREIGN KEY ("work_group_id") REFERENCES "work_group" ("id") ON DELETE RESTRICT, FOREIGN KEY ("activity_id") REFERENCES "community_activity" ("id") ON DELETE RESTRICT, FOREIGN KEY ("worker_id") REFERENCES "worker" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "questionnaire_response_uid" ON "questionnaire_response" ("uid")',
    'CREATE INDEX "questionnaire_response_client_id" ON "questionnaire_response" ("client_id")',
    'CREATE INDEX "questionnaire_response_case_id" ON "questionnaire_response" ("case_id")',
    'CREATE INDEX "questionnaire_response_work_group_id" ON "questionnaire_response" ("work_group_id")',
    'CREATE INDEX "questionnaire_response_activity_id" ON "questionnaire_response" ("activity_id")',
    'CREATE INDEX "questionnaire_response_worker_id" ON "questionnaire_response" ("worker_id")',
    'ALTER TABLE "case" ADD COLUMN "project_id" INTEGER REFERENCES "project" ("id") ON DELETE RESTRICT',
    'ALTER TABLE "case" ADD COLUMN "closure_reason" VARCHAR(32)',
    'ALTER TABLE "case" ADD COLUMN "satisfaction" VARCHAR(32)',
    'ALTER TABLE "case" ADD COLUMN "follow_up_on" DATE',
    'ALTER TABLE "case" ADD COLUMN "followed_up_on" DATE',
    'ALTER TABLE "case" ADD COLUMN "follow_up_note" TEXT',
    'ALTER TABLE "case_log" ADD COLUMN "next_step_on" DATE',
    'ALTER TABLE "case_log" ADD COLUMN "care_visit" INTEGER NOT NULL DEFAULT 0',
    'ALTER TABLE "referral" ADD COLUMN "receipt_on" DATE',
    'ALTER TABLE "referral" ADD COLUMN "receipt_note" VARCHAR(200)',
    'ALTER TABLE "service_record" ADD COLUMN "work_group_id" INTEGER REFERENCES "work_group" ("id") ON DELETE RESTRICT',
    'ALTER TABLE "service_record" ADD COLUMN "session_no" INTEGER',
    'ALTER TABLE "service_record" ADD COLUMN "observations" TEXT',
    'ALTER TABLE "service_record" ADD COLUMN "activity_id" INTEGER REFERENCES "community_activity" ("id") ON DELETE RESTRICT',
    'CREATE INDEX "case_project_id" ON "case" ("project_id")',
    'CREATE INDEX "service_record_work_group_id" ON "service_record" ("work_group_id")',
    'CREATE INDEX "service_record_work_group_id_deleted_date_kind_project_id" ON "service_record" ("work_group_id", "deleted", "date", "kind", "project_id")',
    'CREATE INDEX "service_record_activity_id" ON "service_record" ("activity_id")',
    'CREATE INDEX "volunteer_hour_project_id_deleted_date_hours" ON "volunteer_hour" ("project_id", "deleted", "date", "hours")',
    'ALTER TABLE "complaint" ADD COLUMN "deadline" DATE',
    'ALTER TABLE "volunteer_certificate" ADD COLUMN "voided_on" DATE',
    'ALTER TABLE "volunteer_certificate" ADD COLUMN "void_reason" VARCHAR(200)',
    'CREATE TABLE "evaluation_score" ("id" INTEGER NOT NULL PRIMARY KEY, "uid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "version" INTEGER NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "evaluation_id" INTEGER NOT NULL, "indicator_id" INTEGER NOT NULL, "score" INTEGER, "note" VARCHAR(200), FOREIGN KEY ("evaluation_id") REFERENCES "evaluation" ("id") ON DELETE RESTRICT, FOREIGN KEY ("indicator_id") REFERENCES "indicator" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "evaluation_score_uid" ON "evaluation_score" ("uid")',
    'CREATE INDEX "evaluation_score_evaluation_id" ON "evaluation_score" ("evaluation_id")',
    'CREATE INDEX "evaluation_score_indicator_id" ON "evaluation_score" ("indicator_id")',
    # Issue 23: project money and indicators per execution year (custom ones by hand).
    'ALTER TABLE "project" ADD COLUMN "funding_source" VARCHAR(32)',
    'ALTER TABLE "project" ADD COLUMN "staff_count" INTEGER',
    'ALTER TABLE "project" ADD COLUMN "staff_months" INTEGER',
    'ALTER TABLE "project" ADD COLUMN "spent" DECIMAL(14, 2)',
    'ALTER TABLE "indicator" ADD COLUMN "year_no" INTEGER',
    'ALTER TABLE "indicator" ADD COLUMN "label" VARCHAR(100)',
    'ALTER TABLE "indicator" ADD COLUMN "manual_actual" INTEGER',
    'ALTER TABLE "indicator" ADD COLUMN "actual_note" VARCHAR(200)',
    'ALTER TABLE "indicator" ADD COLUMN "evidence" TEXT',
]


def up(migrator, db):
    for sql in STATEMENTS:
        db.execute_sql(sql)
