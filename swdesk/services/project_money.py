"""A purchased project's money: funding, budget, labour cost and the 70 % rule, surplus.

The rule (厦门市 2021 plan, 规范社会工作服务项目购买): the labour cost is worked out on last
year's city average wage (上年度厦门市城镇非私营单位在岗职工平均工资) and must be at least
70 % of the project's total (人力成本不少于购买服务项目总经费的70%); a surplus is allowed once
the indicators and quality are met. The labour cost worked out here is staff × months ×
the wage basis / 12, when all three are known (the months default to the contract's);
otherwise the labour cost entered on the contract is the one checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from swdesk import reference
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import Project, describe

LABOUR_SHARE = Decimal("0.70")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class ProjectMoney:
    budget: Decimal | None
    funding_source: str | None
    entered_labour: Decimal | None  # 人员经费 as on the contract
    staff_count: int | None
    months: int | None  # the months costed: entered, else the contract's
    wage_basis: Decimal | None  # last year's city average wage, a year's worth
    spent: Decimal | None

    @property
    def funding_label(self) -> str:
        return reference.label("funding_source", self.funding_source) if self.funding_source \
            else ""

    @property
    def costed_labour(self) -> Decimal | None:
        """Staff × months × the monthly wage basis; None unless all three are given."""
        if not self.staff_count or not self.months or self.wage_basis is None:
            return None
        return (self.wage_basis * self.staff_count * self.months / 12).quantize(CENT)

    @property
    def labour(self) -> Decimal | None:
        """The labour cost the rule is checked on: worked out if it can be, else entered."""
        costed = self.costed_labour
        return costed if costed is not None else self.entered_labour

    @property
    def labour_is_costed(self) -> bool:
        return self.costed_labour is not None

    @property
    def required(self) -> Decimal | None:
        """70 % of the budget: the least labour cost the rule allows."""
        return None if self.budget is None else (self.budget * LABOUR_SHARE).quantize(CENT)

    @property
    def share(self) -> Decimal | None:
        """Labour cost over budget (0.7 = 70 %); None without both."""
        if self.labour is None or not self.budget:
            return None
        return self.labour / self.budget

    @property
    def met(self) -> bool | None:
        """Whether the labour cost is at least 70 % of the budget; None if unknown."""
        if self.labour is None or self.required is None or not self.budget:
            return None
        return self.labour >= self.required

    @property
    def surplus(self) -> Decimal | None:
        """Budget less what was spent; None until spending is entered."""
        if self.budget is None or self.spent is None:
            return None
        return self.budget - self.spent


def contract_months(start: dt.date | None, end: dt.date | None) -> int | None:
    """Whole months from the contract's start to its end (2024-01-01 to 2024-12-31: 12)."""
    if start is None or end is None or end < start:
        return None
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    return max(1, months + (1 if after.day > start.day else 0))


def of(project: Project) -> ProjectMoney:
    """The project's money as stored."""
    return ProjectMoney(
        project.budget, project.funding_source, project.labour_cost, project.staff_count,
        project.staff_months or contract_months(project.start_on, project.end_on),
        project.avg_wage_basis, project.spent)


def preview(raw: Mapping[str, Any]) -> ProjectMoney:
    """The money of a form being filled (typed values by field key): a value that does not
    parse yet counts as empty, so the rule shows live while typing."""
    spec = describe(Project)

    def value(key: str) -> Any:
        try:
            return spec.field(key).parse(raw.get(key))
        except ValidationError:
            return None

    months = value("staff_months") or contract_months(value("start_on"), value("end_on"))
    return ProjectMoney(value("budget"), raw.get("funding_source") or None,
                        value("labour_cost"), value("staff_count"), months,
                        value("avg_wage_basis"), value("spent"))


def yuan(amount: Decimal | None) -> str:
    return "—" if amount is None else f"{amount:,.2f}"


def _with_unit(amount: Decimal | None) -> str:
    """"1,200.00 元", or "未填" when not entered yet."""
    return _("未填", "not entered") if amount is None else _("{} 元", "{} yuan").format(
        yuan(amount))


def rule_text(money: ProjectMoney) -> str:
    """The 70 % rule in one line with its figures, as the page and the CLI show it."""
    if money.met is None:
        return _("人力成本比例：待填写项目总额与人员经费（或专职人员数与平均工资）",
                 "Labour share: enter the budget and the labour cost (or staff and wage)")
    share = f"{money.share * 100:.1f}%" if money.share is not None else "—"
    verdict = _("达到", "meets") if money.met else _("未达到", "does not meet")
    return _("人力成本 {} 元，占项目总额 {} 元的 {}，{}不少于 70%（{} 元）的要求",
             "Labour cost {0} yuan is {2} of the budget {1} yuan: {3} the 70 % rule "
             "(at least {4} yuan)").format(
        yuan(money.labour), yuan(money.budget), share, verdict, yuan(money.required))


def labour_text(money: ProjectMoney) -> str:
    """How the labour cost was arrived at."""
    if money.labour_is_costed:
        return _("按 {} 人 × {} 个月 × 上年度平均工资 {} 元/年 核算：{} 元",
                 "{} staff × {} months × average wage {} yuan a year: {} yuan").format(
            money.staff_count, money.months, yuan(money.wage_basis), yuan(money.costed_labour))
    return _("人员经费（合同填报）：{} 元", "Labour cost (as on the contract): {} yuan").format(
        yuan(money.entered_labour))


def lines(money: ProjectMoney) -> list[str]:
    """Funding, budget, labour cost, the rule, spending and surplus: one line each."""
    return [
        _("资金来源：{}", "Funding source: {}").format(money.funding_label or "—"),
        _("项目总额：{} 元", "Budget: {} yuan").format(yuan(money.budget)),
        labour_text(money),
        rule_text(money),
        _("已支出：{}；结余：{}", "Spent: {}; surplus: {}").format(
            _with_unit(money.spent), _with_unit(money.surplus)),
    ]
