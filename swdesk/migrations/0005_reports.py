"""Reports: the register of volunteer-service certificates (志愿服务记录证明) and two
covering indexes on service records for the report figures, frozen as SQL."""

NOTE = ("新增志愿服务记录证明登记簿，月度报表生成更快", "Added the register of volunteer-service certificates; monthly reports run faster")

STATEMENTS = [
    'CREATE TABLE "volunteer_certificate" ("id" INTEGER NOT NULL PRIMARY KEY, "uid" VARCHAR(36) NOT NULL, "origin" VARCHAR(32) NOT NULL, "version" INTEGER NOT NULL, "updated_at" DATETIME NOT NULL, "deleted" INTEGER NOT NULL, "cert_no" VARCHAR(40) NOT NULL, "volunteer_id" INTEGER NOT NULL, "period_from" DATE NOT NULL, "period_to" DATE NOT NULL, "hours" DECIMAL(8, 2) NOT NULL, "entries" INTEGER NOT NULL, "issued_on" DATE NOT NULL, "station_id" INTEGER, "head_name" VARCHAR(50), "officer" VARCHAR(50), "contact" VARCHAR(50), FOREIGN KEY ("volunteer_id") REFERENCES "volunteer" ("id") ON DELETE RESTRICT, FOREIGN KEY ("station_id") REFERENCES "station" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "volunteer_certificate_uid" ON "volunteer_certificate" ("uid")',
    'CREATE INDEX "volunteer_certificate_volunteer_id" ON "volunteer_certificate" ("volunteer_id")',
    'CREATE INDEX "volunteer_certificate_station_id" ON "volunteer_certificate" ("station_id")',
    'CREATE UNIQUE INDEX "volunteer_certificate_cert_no" ON "volunteer_certificate" ("cert_no")',
    'CREATE INDEX "service_record_deleted_date_kind_category_field_care_vis_93b17ac" ON "service_record" ("deleted", "date", "kind", "category", "field", "care_visit", "headcount")',
    'CREATE INDEX "service_record_project_id_deleted_date_kind_care_visit_headcount" ON "service_record" ("project_id", "deleted", "date", "kind", "care_visit", "headcount")',
]


def up(migrator, db):
    for sql in STATEMENTS:
        db.execute_sql(sql)
