"""How long the whole file of a 20-session group takes to print (the bar: under 2 s).

    PYTHONPATH=. python bench/bench_group_file.py [--sessions 20 --members 12 --runs 5]

Makes a station in a temporary data dir, a group with ``--members`` members, its
sessions (attendance from the members, content and observations of a few lines) and
everyone's pre/post scores, then times ``group_papers.group_whole_file`` (plan, every
session on its own pages, summary; the queries included) ``--runs`` times. Beside it, as
an anchor for the machine's speed, a plain reportlab table of the same rows in the same
face: one row per member per session plus the summary's rows, no queries, no fitting.
Prints a Markdown table of the median and worst times and the page counts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

try:
    import swdesk  # noqa: F401
except ImportError:  # run from a checkout without an install
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from swdesk.db import open_station
from swdesk.model import Client, QuestionnaireResponse
from swdesk.reports.group_papers import group_whole_file
from swdesk.reports.text_fit import SONG, register_fonts
from swdesk.services import crud, groups, station
from swdesk.services.actor import SYSTEM

SURNAMES = "陈林黄吴郑蔡王李张刘杨许"
GIVEN = ("阿婆", "伯", "阿姨", "大爷", "奶奶", "叔", "秀英", "志强", "美玲", "建国", "丽华",
         "金水")
CONTENT = ("热身游戏：名字接龙。\n主题分享：慢病自我管理的三个小习惯，组员轮流讲自己的做法。\n"
           "小组讨论：遇到忘记吃药怎么办，整理出互相提醒的办法。\n总结与布置家庭作业。")
OBSERVATIONS = ("组员参与积极，陈阿婆主动分享经验；林伯较沉默，下节请他担任计时员。\n"
                "小组凝聚力提升，组员之间开始互留电话。")


def build(sessions: int, members: int) -> str:
    """The group; returns its number."""
    start = dt.date.today() - dt.timedelta(weeks=sessions + 1)
    group = groups.save_group({
        "name": "长者慢病自我管理互助小组", "category": "jinglao", "field": "welfare",
        "aims": "提升长者慢病自我管理能力；建立组员互助网络。",
        "target_members": "社区60岁以上患有慢性病的长者", "planned_start": start,
        "planned_sessions": sessions,
        "plan": "\n".join(f"第{n}节 主题{n}" for n in range(1, sessions + 1))}, SYSTEM)
    people = [int(crud.create(Client, {"name": SURNAMES[n % 12] + GIVEN[n % 12],
                                       "community": "莲花社区"}, SYSTEM).id)
              for n in range(members)]
    for client_id in people:
        groups.add_member(int(group.id), client_id, SYSTEM, joined_on=start)
    for n in range(sessions):
        came = [c for k, c in enumerate(people) if (k + n) % 5]  # one in five absent
        groups.save_session(int(group.id), {
            "date": start + dt.timedelta(weeks=n), "title": f"第{n + 1}节 主题{n + 1}",
            "content": CONTENT, "observations": OBSERVATIONS, "place": "社区活动室",
            "duration_min": 90}, came, SYSTEM)
    for k, client_id in enumerate(people):
        for phase, score in (("pre", 10 + k % 5), ("post", 12 + k % 7)):
            QuestionnaireResponse.create(questionnaire="group_prepost", phase=phase,
                                         date=start, client=client_id, work_group=group.id,
                                         answers="{}", score=score, band="一般")
    groups.end_group(int(group.id), dt.date.today(), "组员自我管理能力普遍提升。", SYSTEM)
    return str(group.group_no)


def anchor(out: Path, sessions: int, members: int) -> int:
    """The same rows as a plain reportlab table: no queries, widths given, no fitting."""
    register_fonts()
    rows = [["节次", "组员", "出席", "签名"]]
    rows += [[str(n + 1), SURNAMES[k % 12] + GIVEN[k % 12], "√" if (k + n) % 5 else "缺席", ""]
             for n in range(sessions) for k in range(members)]
    rows += [[str(k + 1), SURNAMES[k % 12] + GIVEN[k % 12], "10", "12"] for k in range(members)]
    table = Table(rows, colWidths=[40, 120, 60, 250], repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SONG, 10),
                               ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    doc = SimpleDocTemplate(str(out), pagesize=A4)
    doc.build([table])
    return int(doc.page)


def timed(fn: object, runs: int) -> tuple[list[float], int]:
    times, pages = [], 0
    for _ in range(runs):
        began = time.perf_counter()
        pages = fn()  # type: ignore[operator]
        times.append(time.perf_counter() - began)
    return times, pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--members", type=int, default=12)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp, open_station(Path(tmp) / "data", create=True):
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        number = build(args.sessions, args.members)
        out = Path(tmp) / "group.pdf"
        plain = Path(tmp) / "plain.pdf"
        # one run first: fonts registered and subset tables warm, as in a running window
        group_whole_file(number, SYSTEM, out)
        ours, pages = timed(lambda: group_whole_file(number, SYSTEM, out), args.runs)
        base, base_pages = timed(lambda: anchor(plain, args.sessions, args.members),
                                 args.runs)
    print(f"{args.sessions} sessions, {args.members} members, {args.runs} runs\n")
    print("| what | pages | median | worst |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| whole group file (`group_whole_file`) | {pages} | "
          f"{statistics.median(ours):.2f} s | {max(ours):.2f} s |")
    print(f"| anchor: plain reportlab table, same rows | {base_pages} | "
          f"{statistics.median(base):.2f} s | {max(base):.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
