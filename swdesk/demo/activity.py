"""Demo activity: projects with their indicators and evaluations, and a year of
service records with participants, volunteer hours and partners' contributions."""

from __future__ import annotations

import datetime as dt
from itertools import accumulate

from swdesk.demo.base import GeneratorBase
from swdesk.demo.bulk import CHUNK, Row
from swdesk.demo.vocabulary import CARE_SHARE, CARE_VISITS, CONTRIBUTIONS, KIND_SHARE, TEMPLATES
from swdesk.i18n import _


class Activity(GeneratorBase):
    """Projects, indicators, evaluations, service records and what hangs off them."""

    # --- projects -----------------------------------------------------------------------

    def projects_(self) -> None:
        rng = self.rng
        t = self.today
        # One running into its third year (first purchase), one in its second, maybe a new one.
        specs = [(26, 3, f"{self.home_street}社会工作服务站运营项目", True),
                 (13, 2, f"{self.district_zh}困境儿童关爱服务项目", False)]
        if rng.random() < 0.5:
            specs.append((5, 1, f"{self.home_street}长者邻里守望服务项目", True))
        rows = []
        spans = []
        for i, (head, (months_ago, years, name, first)) in enumerate(
                zip(self.heads("project", len(specs)), specs, strict=True), start=1):
            m = t.year * 12 + t.month - 1 - months_ago
            start = dt.date(m // 12, m % 12 + 1, 1)
            end = dt.date(start.year + years, start.month, 1) - dt.timedelta(days=1)
            budget = rng.randint(40, 150) * 10_000 * years
            labour = round(budget * rng.uniform(0.72, 0.82), -2)
            rows.append((*head,
                name, f"{self.origin}-P{start.year}{i:02d}",
                f"{self.district_zh}{self.home_street}办事处", rng.choice(self.agency_ids),
                self.station_id, start.isoformat(), end.isoformat(), budget, labour,
                rng.choice((118_000, 124_000, 131_000)), 1 if first else 0))
            spans.append((head[0], start, end, first, years))
        self.synced("project", ("name", "code", "purchaser", "agency_id", "station_id",
                                "start_on", "end_on", "budget", "labour_cost", "avg_wage_basis",
                                "first_purchase"), rows)
        self.projects = [(pid, s.toordinal(), e.toordinal()) for pid, s, e, _f, _y in spans]
        self.report(_("项目", "projects"), len(rows), len(rows))

        # Targets per project-year, in proportion to the station's size.
        scale = max(1, len(self.client_ids) // 1000)
        targets = {"cases": 30 * scale, "groups": 12 * scale, "activities": 24 * scale,
                   "person_times": 3000 * scale, "clients": 300 * scale,
                   "volunteer_hours": 2000 * scale, "care_visits": 200 * scale}
        ind = []
        for pid, _s, _e, _f, _y in spans:
            for kind in rng.sample(list(targets), rng.randint(4, 6)):
                ind.append((pid, kind, int(targets[kind] * rng.uniform(0.8, 1.2)),
                            "每个执行年度"))
        heads = self.heads("indicator", len(ind))
        self.synced("indicator", ("project_id", "kind", "target", "note"),
                    [h + r for h, r in zip(heads, ind, strict=True)])

        evals = []
        for pid, start, end, first, years in spans:
            due: list[tuple[str, int, dt.date]] = []
            if first:
                mid = start.toordinal() + 182
                due.append(("midterm", 1, dt.date.fromordinal(mid)))
            for y in range(1, years + 1):
                due.append(("annual", y, dt.date(start.year + y, start.month, 1)
                            - dt.timedelta(days=1)))
            if first:
                due.append(("final", years, end))
            for kind, year_no, on in due:
                if on > t:
                    continue
                grade = rng.choices(("excellent", "good", "pass", "fail"), (35, 45, 17, 3))[0]
                low, high = {"excellent": (90, 98), "good": (80, 89), "pass": (60, 79),
                             "fail": (45, 59)}[grade]
                evals.append((pid, kind, year_no, on.isoformat(), grade, rng.randint(low, high),
                              "厦门市社会工作协会", "服务指标完成情况良好，档案规范"))
        if evals:
            heads = self.heads("evaluation", len(evals))
            self.synced("evaluation", ("project_id", "kind", "year_no", "evaluated_on", "grade",
                                       "score", "evaluator", "notes"),
                        [h + r for h, r in zip(heads, evals, strict=True)])

    # --- service records ----------------------------------------------------------------

    def record_templates(self) -> tuple[list[Row], list[float]]:
        """Every (template, field) pair as one choice, weighted so the kinds come out
        60/25/15 with 5 % care visits: one ``choices`` call then picks a whole batch."""
        kind_total: dict[str, float] = {}
        for _c, kind, w, *_rest in TEMPLATES:
            kind_total[kind] = kind_total.get(kind, 0) + w
        combos: list[Row] = []
        weights: list[float] = []
        base = {"individual": 60, "group": 90, "community": 120}
        for category, kind, w, title, fields, pool, place, content in TEMPLATES:
            share = KIND_SHARE[kind] - (CARE_SHARE if kind == "individual" else 0)
            for f in fields:
                combos.append((kind, category, f, title, content, place, base[kind], 0, pool))
                weights.append(share * w / kind_total[kind] / len(fields))
        for category, title, content in CARE_VISITS:
            combos.append(("individual", category, "community", title, content,
                           "服务对象家中", 30, 1, "elderly"))
            weights.append(CARE_SHARE / len(CARE_VISITS))
        return combos, list(accumulate(weights))

    def record_days(self, n: int) -> list[str]:
        """``n`` dates over the past year in order (weekends quieter), oldest first."""
        rng = self.rng
        ords = list(range(self.today_ord - 364, self.today_ord + 1))
        weights = [0.45 if dt.date.fromordinal(o).weekday() >= 5 else 1.0 for o in ords]
        total = sum(weights)
        counts = [int(n * w / total) for w in weights]
        for extra in rng.choices(range(len(ords)), weights, k=n - sum(counts)):
            counts[extra] += 1
        days: list[str] = []
        for o, c in zip(ords, counts, strict=True):
            days.extend([self.day(o)] * c)
        return days

    def service_records(self, n: int) -> None:
        if n <= 0:
            return
        rng = self.rng
        random_ = rng.random
        combos, cum = self.record_templates()
        days = self.record_days(n)
        stage = _("服务记录", "service records")
        pools = self.pools
        vols = self.volunteer_ids
        nv = len(vols)
        workers = self.active_worker_ids
        partners = self.partners
        # Projects running on each day of the year, for records that count toward one.
        by_day: dict[str, list[int]] = {}
        for day in range(self.today_ord - 364, self.today_ord + 1):
            by_day[self.day(day)] = [p for p, start, end in self.projects if start <= day <= end]
        hours = (0.5, 1, 1, 1.5, 2, 2, 2, 2.5, 3, 3, 4)
        o, s = self.origin, self.stamp
        uid4 = self.uids
        record_cols = ("date", "kind", "category", "field", "title", "content", "place",
                       "duration_min", "headcount", "care_visit", "worker_id", "project_id",
                       "station_id")
        hour_cols = ("volunteer_id", "date", "hours", "content", "record_id", "project_id")
        first = self.next_id("service_record")
        first_hour = self.next_id("volunteer_hour")
        station = self.station_id
        done = 0
        while done < n:
            batch = min(CHUNK, n - done)
            picks = rng.choices(combos, cum_weights=cum, k=batch)
            chosen_workers = rng.choices(workers, k=batch)
            extra_min = rng.choices((0, 15, 30, 45, 60), k=batch)
            uids = uid4(batch)
            rows: list[Row] = []
            parts: list[Row] = []
            vh: list[Row] = []
            sp: list[Row] = []
            for j in range(batch):
                rid = first + done + j
                kind, category, field, title, content, place, dur, care, pool_key = picks[j]
                date = days[done + j]
                pool = pools[pool_key]
                r = random_()
                if kind == "individual":
                    headcount = 1
                    if pool:
                        parts.append((rid, pool[int(r * len(pool))]))
                else:
                    if kind == "group":
                        k = headcount = 3 + int(r * 10)
                    else:
                        headcount = 20 + int(r * 181)
                        k = int(random_() * 6)  # a few named participants
                    if pool:
                        k = min(k, len(pool))
                        at = int(random_() * (len(pool) - k + 1))
                        parts.extend([(rid, c) for c in pool[at:at + k]])
                        if kind == "group":
                            headcount = k
                running = by_day[date]
                project = running[int(random_() * len(running))] if running and \
                    random_() < 0.4 else None
                rows.append((rid, uids[j], o, 1, s, 0, date, kind, category, field, title,
                             content, place, dur + extra_min[j], headcount, care,
                             chosen_workers[j], project, station))
                if nv and random_() < 0.3:
                    m = min(nv, 1 + int(random_() * 3))
                    at = int(random_() * (nv - m + 1))
                    for v in vols[at:at + m]:
                        vh.append((first_hour + len(vh), v, date,
                                   hours[int(random_() * len(hours))], title, rid, project))
                if random_() < 0.1:
                    pid, pkind = partners[int(random_() * len(partners))]
                    contribution, low, high = rng.choice(CONTRIBUTIONS[pkind])
                    sp.append((rid, pid, contribution,
                               rng.randint(low // 100, high // 100) * 100 if high else None))
            self.synced("service_record", record_cols, rows)
            self.insert("service_participant", ("record_id", "client_id"), parts)
            self.insert("service_partner", ("record_id", "partner_id", "contribution",
                                            "value"), sp)
            hour_uids = uid4(len(vh))
            self.synced("volunteer_hour", hour_cols,
                        [(h[0], u, o, 1, s, 0, *h[1:]) for h, u in zip(vh, hour_uids,
                                                                      strict=True)])
            first_hour += len(vh)
            done += batch
            self.report(stage, done, n)
