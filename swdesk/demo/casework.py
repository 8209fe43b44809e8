"""Demo casework: clients' needs, cases with their goals, logs and referrals (closed
cases with their closure and follow-up), complaints."""

from __future__ import annotations

import datetime as dt
from typing import Any

from swdesk.demo.base import GeneratorBase
from swdesk.demo.file_texts import (
    ATTAINMENT,
    ATTAINMENT_NOTES,
    CASE_GOALS,
    CLOSURES,
    FOLLOW_UPS,
    RECEIPT_IN,
    RECEIPTS,
)
from swdesk.demo.vocabulary import CASE_CONTACTS, GROUPS
from swdesk.i18n import _

NEED_DAYS = 14  # a need is to be matched within two weeks of being raised (对接期限)


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
                rng.choice(self.partners)[0] if matched and rng.random() < 0.2 else None,
                self.day(raised + NEED_DAYS)))  # (no draw: a seed's other data unchanged)
        self.synced("need", ("client_id", "category", "description", "place", "preferred_time",
                             "status", "raised_on", "worker_id", "volunteer_id", "partner_id",
                             "due_on"),
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
        logs_plan: list[tuple[int, int, int, int, str]] = []  # (case, start, end, worker, pool)
        goals_plan: list[tuple[int, int, str, Any, int | None]] = []
        for head, (opened, i, stage, closed) in zip(self.heads("case", len(plan)), plan,
                                                    strict=True):
            year = dt.date.fromordinal(opened).year
            if year not in next_no:
                next_no[year] = self.last_number("case", "case_no", f"{year}-") + 1
            case_no = f"{self.origin}-{year}-{next_no[year]:04d}"
            next_no[year] += 1
            worker = rng.choice(self.active_worker_ids)
            depth = stages.index(stage)
            pool = pool_of[self.client_group[i]]
            closing = self.closing(closed)
            rows.append((*head,
                case_no, self.client_ids[i], worker, self.day(opened), stage,
                rng.choices(("low", "medium", "high"), (55, 35, 10))[0],
                1, self.day(opened), problems[pool],
                "服务对象有改变意愿，家庭支持较弱，需链接社区资源" if depth >= 1 else None,
                "1. 建立信任关系；2. 链接救助资源；3. 增强社会支持网络" if depth >= 2 else None,
                self.case_project(opened), *closing))
            end = closed if closed is not None else self.today_ord
            logs_plan.append((head[0], opened, end, worker, pool))
            if depth >= 2:  # a plan is made at the plan stage, with its goals
                assessed = "evaluation" if stage == "evaluation" else closing[1]
                goals_plan.append((head[0], opened, pool, assessed, closed))
        self.synced("case", ("case_no", "client_id", "worker_id", "opened_on", "stage",
                             "risk_level", "consent", "consent_on", "problem", "assessment",
                             "plan", "project_id", "closed_on", "closure_reason",
                             "closure_summary", "satisfaction", "follow_up_on",
                             "followed_up_on", "follow_up_note"), rows)
        self.report(_("个案", "cases"), len(rows), len(rows))
        self.case_goals(goals_plan)
        self.case_logs(logs_plan)
        # About one case in twelve is referred, at least one in any run.
        referred = sorted(rng.sample(range(len(logs_plan)), max(1, len(logs_plan) // 12)))
        self.referrals([logs_plan[k][:3] for k in referred])

    def case_project(self, opened: int) -> int | None:
        """Most cases opened while a project runs are that project's (the operating
        contract counts them); some are the station's own."""
        running = [p for p, start, end in self.projects if start <= opened <= end]
        return self.rng.choice(running) if running and self.rng.random() < 0.7 else None

    def closing(self, closed: int | None) -> tuple[Any, ...]:
        """(closed_on, reason, summary, satisfaction, follow-up due, followed up on, its
        note) of a case closed on ``closed`` (all None for an open case): the follow-up
        visit is due about a month after closing and, once due, mostly made."""
        if closed is None:
            return (None,) * 7
        rng = self.rng
        reasons = list(CLOSURES)
        reason = rng.choices(reasons, [CLOSURES[r][0] for r in reasons])[0]
        # The client says how satisfied they were, unless they can no longer be asked.
        satisfaction = None if reason in ("died", "lost_contact") else rng.choices(
            "54321", (48, 38, 11, 2, 1))[0]
        if reason == "died":
            return (self.day(closed), reason, CLOSURES[reason][1], satisfaction,
                    None, None, None)
        due = closed + rng.randint(25, 35)
        done: int | None = None
        if due <= self.today_ord and rng.random() < (0.35 if reason == "lost_contact" else 0.9):
            done = min(self.today_ord, due + rng.randint(-3, 10))
        return (self.day(closed), reason, CLOSURES[reason][1], satisfaction, self.day(due),
                None if done is None else self.day(done),
                None if done is None else rng.choice(FOLLOW_UPS))

    def case_goals(self, plan: list[tuple[int, int, str, Any, int | None]]) -> None:
        """Two to four goals in each case's service plan, due one to six months after it
        opened; a closed case's goals are each assessed by how it closed, and so are some
        of those of a case under evaluation."""
        rng = self.rng
        rows: list[tuple[Any, ...]] = []
        for case_id, opened, pool, reason, closed in plan:
            texts = CASE_GOALS[pool]
            picked = rng.sample(texts, min(len(texts), rng.randint(2, 4)))
            due = opened + rng.randint(14, 30)
            for seq, (goal, measures) in enumerate(picked, start=1):
                due += rng.randint(15, 60)
                attainment = None
                if reason is not None:
                    attainment = rng.choices(("met", "partly", "not_met", "not_assessed"),
                                             ATTAINMENT[reason])[0]
                target = due if closed is None else min(due, closed + rng.randint(0, 20))
                rows.append((case_id, seq, goal, measures, self.day(max(target, opened + 7)),
                             attainment,
                             None if attainment is None else rng.choice(
                                 ATTAINMENT_NOTES[attainment])))
        heads = self.heads("case_goal", len(rows))
        self.synced("case_goal", ("case_id", "seq", "goal", "measures", "target_on",
                                  "attainment", "attainment_note"),
                    [h + r for h, r in zip(heads, rows, strict=True)])
        self.report(_("服务目标", "goals"), len(rows), len(rows))

    def case_logs(self, plan: list[tuple[int, int, int, int, str]]) -> None:
        """A case's contacts: the first on the opening day, then every one to three weeks
        while it is worked on (monthly once it has run a quarter); each log's text says
        what its way of contact was, and a phone call is shorter than a home visit. Most
        logs say when the next step is due (the next contact, or a date ahead for the last
        one of an open case); a home visit to an elderly client may be a care visit."""
        rng = self.rng
        entries = []
        for case_id, start, end, worker, pool in plan:
            day = start
            while day <= end and day <= self.today_ord:
                gap = rng.randint(7, 21) if day - start < 90 else rng.randint(20, 40)
                following = day + gap
                last = following > end or following > self.today_ord
                closed = end < self.today_ord
                entries.append((day, case_id, worker, pool,
                                None if last and closed else following))
                day = following
        entries.sort()
        ways = list(CASE_CONTACTS)
        weights = [CASE_CONTACTS[w][0] for w in ways]
        heads = self.heads("case_log", len(entries))
        rows = []
        for h, (on, case_id, worker, pool, ahead) in zip(heads, entries, strict=True):
            way = rng.choices(ways, weights)[0]
            _w, minutes, contents, next_steps = CASE_CONTACTS[way]
            care = 1 if way == "home_visit" and pool == "elderly" and rng.random() < 0.3 else 0
            next_on = self.day(ahead) if ahead and rng.random() < 0.7 else None
            rows.append((*h, case_id, self.day(on), way, rng.choice(minutes),
                         rng.choice(contents), rng.choice(next_steps), next_on, care, worker))
        self.synced("case_log", ("case_id", "date", "way", "duration_min", "content",
                                 "next_step", "next_step_on", "care_visit", "worker_id"), rows)
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
            day = rng.randint(start, end)
            # A referral whose result came back has its receipt, a week or two later (out:
            # the receiving organisation's; in: the one the station sent back).
            back = day + rng.randint(3, 20)
            answered = receipt = back <= self.today_ord and rng.random() < 0.75
            rows.append((*head, case_id, direction, self.day(day), organisation, reason,
                         rng.choice(("对方已受理", "已对接并跟进服务")) if answered else None,
                         self.day(back) if receipt else None,
                         (rng.choice(RECEIPTS) if direction == "out" else RECEIPT_IN)
                         if receipt else None))
        self.synced("referral", ("case_id", "direction", "date", "organisation", "reason",
                                 "result", "receipt_on", "receipt_note"), rows)

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
