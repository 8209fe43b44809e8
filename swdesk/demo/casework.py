"""Demo casework: clients' needs, cases with their logs and referrals, complaints."""

from __future__ import annotations

import datetime as dt

from swdesk.demo.base import GeneratorBase
from swdesk.demo.vocabulary import CASE_CONTACTS, GROUPS
from swdesk.i18n import _


class Casework(GeneratorBase):
    """Needs, cases, case logs, referrals, complaints."""

    # --- needs --------------------------------------------------------------------------

    def needs(self, n: int) -> None:
        if not self.client_ids or n <= 0:
            return
        rng = self.rng
        by_group = {
            "elderly": ("jinglao", "长期独自在家，希望有人定期上门陪伴聊天"),
            "elderly_alone": ("jinglao", "行动不便，需要助餐送餐服务"),
            "elderly_empty_nest": ("yiliao", "患慢性病，需要陪同复诊"),
            "disabled": ("zhucan", "需要康复辅具及居家康复指导"),
            "dibao": ("jikun", "家庭经济困难，希望链接就业岗位"),
            "tekun": ("jikun", "需要日常生活照料"),
            "low_income": ("jikun", "子女上学费用有困难，希望获得助学支持"),
            "child_difficult": ("fuyou", "需要课业辅导和心理陪伴"),
            "child_left_behind": ("fuyou", "放学后无人看护，希望参加四点半课堂"),
            "women_difficult": ("guanai", "需要心理支持和技能培训"),
            "veteran": ("guanai", "希望了解优抚政策，协助办理相关手续"),
            "other": ("wenhua", "希望参加社区文化活动"),
        }
        places = ("家中", "社工站", "社区党群服务中心", "医院")
        times = ("工作日上午", "工作日下午", "周末", "每周一次", "尽快")
        picks = rng.sample(range(len(self.client_ids)), min(n, len(self.client_ids)))
        rows = []
        for head, i in zip(self.heads("need", len(picks)), picks, strict=True):
            category, text = by_group[self.client_group[i]]
            raised = max(self.client_reg[i], self.days_ago(0, 364))
            status = rng.choices(("open", "matched", "closed"), (30, 40, 30))[0]
            matched = status != "open"
            rows.append((*head,
                self.client_ids[i], category, text, rng.choice(places), rng.choice(times),
                status, self.day(raised),
                rng.choice(self.active_worker_ids) if matched else None,
                rng.choice(self.volunteer_ids) if matched and self.volunteer_ids
                and rng.random() < 0.6 else None,
                rng.choice(self.partners)[0] if matched and rng.random() < 0.2 else None))
        self.synced("need", ("client_id", "category", "description", "place", "preferred_time",
                             "status", "raised_on", "worker_id", "volunteer_id", "partner_id"),
                    rows)
        self.report(_("服务需求", "needs"), len(rows), len(rows))

    # --- cases --------------------------------------------------------------------------

    def cases(self, n: int) -> None:
        if not self.client_ids or n <= 0:
            return
        rng = self.rng
        problems = {
            "elderly": "独居高龄，近期跌倒一次，缺乏照料",
            "disabled": "残疾导致就业困难，情绪低落",
            "poor": "家庭经济困难，债务压力大，夫妻矛盾增多",
            "children": "监护缺失，学习成绩下滑，有厌学情绪",
            "all": "生活遭遇变故，社会支持网络薄弱",
        }
        pool_of = {g[0]: g[5] for g in GROUPS}
        stages = ("intake", "assessment", "plan", "intervention", "evaluation", "closed")
        picks = rng.sample(range(len(self.client_ids)), min(n, len(self.client_ids)))
        plan = []
        # How long ago a case at each stage was opened (days): a case still at intake is
        # weeks old, one being evaluated months old.
        ages = {"intake": (0, 30), "assessment": (7, 60), "plan": (20, 90),
                "intervention": (45, 420), "evaluation": (120, 540), "closed": (30, 729)}
        for i in picks:
            stage = rng.choices(stages, (8, 8, 9, 35, 10, 30))[0]
            opened = max(self.client_reg[i], self.days_ago(*ages[stage]))
            # Older cases are further along: a case opened last week is rarely closed.
            if self.today_ord - opened < 30 and stage == "closed":
                stage = "intervention"
            closed = (min(self.today_ord, opened + rng.randint(30, 300))
                      if stage == "closed" else None)
            plan.append((opened, i, stage, closed))
        plan.sort()  # ids and case numbers follow the opening dates
        next_no: dict[int, int] = {}
        rows = []
        logs_plan: list[tuple[int, int, int, int]] = []  # (case id, start, end, worker)
        for head, (opened, i, stage, closed) in zip(self.heads("case", len(plan)), plan,
                                                    strict=True):
            year = dt.date.fromordinal(opened).year
            if year not in next_no:
                next_no[year] = self.last_case_no(year) + 1
            case_no = f"{self.origin}-{year}-{next_no[year]:04d}"
            next_no[year] += 1
            worker = rng.choice(self.active_worker_ids)
            depth = stages.index(stage)
            problem = problems[pool_of[self.client_group[i]]]
            rows.append((*head,
                case_no, self.client_ids[i], worker, self.day(opened), stage,
                rng.choices(("low", "medium", "high"), (55, 35, 10))[0],
                1, self.day(opened), problem,
                "服务对象有改变意愿，家庭支持较弱，需链接社区资源" if depth >= 1 else None,
                "1. 建立信任关系；2. 链接救助资源；3. 增强社会支持网络" if depth >= 2 else None,
                None if closed is None else self.day(closed),
                "服务目标基本达成，服务对象情况稳定，予以结案" if closed else None))
            end = closed if closed is not None else self.today_ord
            logs_plan.append((head[0], opened, end, worker))
        self.synced("case", ("case_no", "client_id", "worker_id", "opened_on", "stage",
                             "risk_level", "consent", "consent_on", "problem", "assessment",
                             "plan", "closed_on", "closure_summary"), rows)
        self.report(_("个案", "cases"), len(rows), len(rows))
        self.case_logs(logs_plan)
        # About one case in twenty is referred, at least one in any run.
        referred = sorted(rng.sample(range(len(logs_plan)), max(1, len(logs_plan) // 20)))
        self.referrals([logs_plan[k][:3] for k in referred])

    def last_case_no(self, year: int) -> int:
        prefix = f"{self.origin}-{year}-"
        (last,) = self.cur.execute(
            'SELECT max(case_no) FROM "case" WHERE substr(case_no, 1, ?) = ?',
            (len(prefix), prefix)).fetchone()
        try:
            return int(str(last).rsplit("-", 1)[1]) if last else 0
        except (IndexError, ValueError):
            return 0

    def case_logs(self, plan: list[tuple[int, int, int, int]]) -> None:
        """A case's contacts: the first on the opening day, then every one to three weeks
        while it is worked on (monthly once it has run a quarter); each log's text says
        what its way of contact was, and a phone call is shorter than a home visit."""
        rng = self.rng
        entries = []
        for case_id, start, end, worker in plan:
            day = start
            while day <= end and day <= self.today_ord:
                entries.append((day, case_id, worker))
                gap = rng.randint(7, 21) if day - start < 90 else rng.randint(20, 40)
                day += gap
        entries.sort()
        ways = list(CASE_CONTACTS)
        weights = [CASE_CONTACTS[w][0] for w in ways]
        heads = self.heads("case_log", len(entries))
        rows = []
        for h, (day, case_id, worker) in zip(heads, entries, strict=True):
            way = rng.choices(ways, weights)[0]
            _w, minutes, contents, next_steps = CASE_CONTACTS[way]
            rows.append((*h, case_id, self.day(day), way, rng.choice(minutes),
                         rng.choice(contents), rng.choice(next_steps), worker))
        self.synced("case_log", ("case_id", "date", "way", "duration_min", "content",
                                 "next_step", "worker_id"), rows)
        self.report(_("个案记录", "case logs"), len(rows), len(rows))

    def referrals(self, plan: list[tuple[int, int, int]]) -> None:
        if not plan:
            return
        rng = self.rng
        targets = (("厦门市仙岳医院", "服务对象出现明显精神症状，需专业诊疗"),
                   (f"{self.district_zh}残疾人联合会", "需申请辅具适配和残疾人补贴"),
                   (f"{self.district_zh}法律援助中心", "涉及赡养纠纷，需要法律援助"),
                   (f"{self.district_zh}妇女联合会", "遭受家庭暴力，需要妇联介入保护"),
                   (f"{self.home_street}综治中心", "邻里纠纷升级，需联合调解"))
        rows = []
        for head, (case_id, start, end) in zip(self.heads("referral", len(plan)), plan,
                                               strict=True):
            organisation, reason = rng.choice(targets)
            direction = "out" if rng.random() < 0.8 else "in"
            rows.append((*head, case_id, direction, self.day(rng.randint(start, end)),
                                organisation, reason,
                                rng.choice(("对方已受理", "已对接并跟进服务", None))))
        self.synced("referral", ("case_id", "direction", "date", "organisation", "reason",
                                 "result"), rows)

    # --- complaints ---------------------------------------------------------------------

    def complaints(self) -> None:
        rng = self.rng
        n = rng.randint(3, 6) + len(self.client_ids) // 50_000
        contents = ("社工约定上门时间未按时到达", "活动通知不及时，老人未能参加",
                    "服务态度生硬", "物资发放名单不公开", "个案跟进间隔过长")
        rows = []
        for head in self.heads("complaint", n):
            target = "worker" if rng.random() < 0.6 else "agency"
            received = self.days_ago(0, 364)
            status = rng.choices(("received", "handling", "closed"), (15, 20, 65))[0]
            handled = (min(self.today_ord, received + rng.randint(1, 15))
                       if status == "closed" else None)
            rows.append((*head,
                target, rng.choice(self.agency_ids) if target == "agency" else None,
                rng.choice(self.worker_ids) if target == "worker" else None,
                rng.choice(("hotline", "phone", "letter", "visit", "online")),
                self.day(received), self.name(rng.choice("MF"), rng.randint(1950, 1995)),
                self.mobile(), rng.choice(contents), status,
                None if handled is None else self.day(handled),
                self.worker_names[0] if handled else None,
                "已核实情况，向投诉人说明并致歉，加强内部管理" if handled else None))
        self.synced("complaint", ("target", "agency_id", "worker_id", "channel", "received_on",
                                  "complainant", "complainant_phone", "content", "status",
                                  "handled_on", "handler", "outcome"), rows)
