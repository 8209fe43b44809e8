"""City-wide views: people registered at several stations, and the monthly summary."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from swdesk import outfiles, reference
from swdesk.city.db import City
from swdesk.city.figures import station_figures
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.services import contract_figures

# The city's plan (厦门市进一步发展社会工作…实施方案, 2021) sets these targets.
PLAN_TARGETS: dict[str, Decimal] = {
    "workers": Decimal(12000),  # social-work professionals by the end of the 14th five-year plan
    "agencies": Decimal(100),  # well-run brand agencies
    "training_hours": Decimal(80),  # continuing education per worker per year
    "labour_share": Decimal("0.70"),  # labour cost at least 70 % of a project's budget
}


@dataclass
class Duplicate:
    id_number: str
    stations: list[str]
    names: list[str]


def duplicates(city: City) -> list[Duplicate]:
    """Live clients with the same resident ID at more than one station."""
    rows = city.db.execute_sql(
        'SELECT id_number, origin, name FROM "c_client" WHERE deleted = FALSE AND id_number IN '
        '(SELECT id_number FROM "c_client" WHERE deleted = FALSE AND id_number IS NOT NULL '
        'GROUP BY id_number HAVING count(DISTINCT origin) > 1) ORDER BY id_number, origin')
    found: dict[str, Duplicate] = {}
    for id_number, origin, name in rows:
        d = found.setdefault(id_number, Duplicate(id_number, [], []))
        if origin not in d.stations:
            d.stations.append(origin)
        d.names.append(name)
    return list(found.values())


def masked_id(id_number: str) -> str:
    return id_number[:6] + "*" * max(len(id_number) - 10, 0) + id_number[-4:]


def _month(text: str) -> tuple[dt.date, dt.date]:
    try:
        year, month = (int(p) for p in text.split("-"))
        first = dt.date(year, month, 1)
    except ValueError:
        raise ValidationError(_("月份应写成 YYYY-MM，如 2024-03",
                                "The month must look like YYYY-MM, e.g. 2024-03")) from None
    return first, first.replace(day=calendar.monthrange(year, month)[1])


def monthly(city: City, month: str) -> dict[str, Any]:
    """The month's figures per district and station, plus the plan's targets."""
    first, last = _month(month)
    db, p = city.db, city.db.param
    stations = {code: (name, district or "") for code, name, district in db.execute_sql(
        'SELECT code, name, district FROM "c_station" WHERE deleted = FALSE')}
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for origin, codes in db.execute_sql(
            f'SELECT origin, target_groups FROM "c_client" WHERE deleted = FALSE '
            f'AND (registered_on IS NULL OR registered_on <= {p})', (last,)):
        groups[origin]["clients"] += 1
        for code in (codes or "").split(","):
            if code:
                groups[origin][code] += 1
    services: dict[str, Counter[str]] = defaultdict(Counter)
    for origin, category, n in db.execute_sql(
            f'SELECT origin, category, count(*) '
            f'FROM "c_service_record" WHERE deleted = FALSE AND date BETWEEN {p} AND {p} '
            f'GROUP BY origin, category', (first, last)):
        services[origin][category] += int(n)
    workers: dict[str, Counter[str]] = defaultdict(Counter)
    year_start = first.replace(month=1)
    trained = {uid: Decimal(str(h)) for uid, h in db.execute_sql(
        f'SELECT worker_uid, coalesce(sum(hours), 0) FROM "c_training_record" '
        f'WHERE deleted = FALSE AND date BETWEEN {p} AND {p} GROUP BY worker_uid',
        (year_start, last))}
    for uid, origin, supervisor in db.execute_sql(
            'SELECT uid, origin, is_supervisor FROM "c_worker" WHERE deleted = FALSE '
            'AND active = TRUE'):
        workers[origin]["workers"] += 1
        workers[origin]["supervisors"] += 1 if supervisor else 0
        if trained.get(uid, Decimal(0)) >= PLAN_TARGETS["training_hours"]:
            workers[origin]["trained_80h"] += 1
    (agencies,) = db.execute_sql(
        'SELECT count(*) FROM "c_agency" WHERE deleted = FALSE').fetchone()
    contract = station_figures(city, first, last)
    per_station = []
    for code in sorted(set(stations) | set(groups) | set(services) | set(contract)):
        name, district = stations.get(code, (code, ""))
        figures = contract.get(code, {})
        per_station.append({
            "district": district, "station": code, "name": name,
            "clients": dict(groups[code]), "services": dict(services[code]),
            "volunteer_hours": str(figures.get("volunteer_hours", Decimal("0.00"))),
            "figures": {k: str(figures.get(k, 0)) for k in contract_figures.KEYS},
            "workers": dict(workers[code])})
    return {"month": month, "stations": per_station, "agencies": int(agencies),
            "targets": {k: str(v) for k, v in PLAN_TARGETS.items()}}


def write_monthly(city: City, month: str, out: Path) -> Path:
    """The monthly report as a CSV file (UTF-8 with BOM, opens in Excel)."""
    data = monthly(city, month)
    groups = [i["code"] for i in reference.builtin()["target_group"]]
    categories = [i["code"] for i in reference.builtin()["service_category"]]
    tg_label = {i["code"]: i["zh"] for i in reference.builtin()["target_group"]}
    cat_label = {i["code"]: i["zh"] for i in reference.builtin()["service_category"]}
    district_label = {i["code"]: i["zh"] for i in reference.builtin()["district"]}
    head = (["区", "站点编码", "站点", "服务对象"] + [tg_label[g] for g in groups]
            + [f"服务:{cat_label[c]}" for c in categories]
            + [contract_figures.figure(k).zh for k in contract_figures.KEYS]
            + ["在岗社工", "督导", "年度继续教育满80学时"])
    out.parent.mkdir(parents=True, exist_ok=True)
    # Written beside and renamed: the last month's CSV may still be open in Excel.
    with outfiles.writing(out) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow([f"厦门市社会工作月报 {month}"])
        w.writerow(head)
        total_workers = 0
        for s in sorted(data["stations"], key=lambda s: (s["district"], s["station"])):
            c, sv, wk = s["clients"], s["services"], s["workers"]
            total_workers += wk.get("workers", 0)
            w.writerow([district_label.get(s["district"], s["district"]), s["station"],
                        s["name"], c.get("clients", 0)] + [c.get(g, 0) for g in groups]
                       + [sv.get(k, 0) for k in categories]
                       + [s["figures"][k] for k in contract_figures.KEYS]
                       + [wk.get("workers", 0), wk.get("supervisors", 0),
                          wk.get("trained_80h", 0)])
        w.writerow([])
        w.writerow(["方案目标", "目标值", "当前"])
        w.writerow(["社会工作专业人才（人）", PLAN_TARGETS["workers"], total_workers])
        w.writerow(["品牌社会工作服务机构（家）", PLAN_TARGETS["agencies"], data["agencies"]])
        w.writerow(["每人每年继续教育（学时）", PLAN_TARGETS["training_hours"], ""])
        w.writerow(["人力成本占项目经费不低于", "70%", ""])
        w.writerow([])
        # The station's own rules, in the same words as its printouts (the hub's reader is
        # Chinese-speaking whatever the operator's language).
        w.writerow(["统计口径"])
        for fig in contract_figures.FIGURES:
            w.writerow([fig.zh, fig.rule_zh])
        w.writerow(["按项目", contract_figures.PROJECT_RULE[0]])
        w.writerow(["删除", contract_figures.DELETED_RULE[0]])
    return out
