"""Visit rules the city sets: `city visit-rule set|list`, carried by return packages,
checked on both sides, withdrawn again."""

from __future__ import annotations

from pathlib import Path

import pytest

from swdesk.city import models as cm
from swdesk.model.visits import VisitRule
from tests.city.test_city_cli import _round, city

pytestmark = pytest.mark.usefixtures("cli_env")
__all__ = ["city"]  # (the hub command fixture, shared with the other officer commands)


def _rule(group: str, risk: str = "") -> tuple[int, str, str] | None:
    row = VisitRule.get_or_none((VisitRule.target_group == group)
                                & (VisitRule.risk_level == risk))
    return None if row is None else (row.every_days, row.way, row.source)


def test_a_rule_set_at_the_hub_reaches_the_station_and_is_withdrawn(
        hub, station_factory, city, tmp_path: Path) -> None:
    s = station_factory()
    _round(s, hub, tmp_path)
    code, out, err = city("visit-rule", "set", "--group", "tekun", "--every", "10",
                          "--way", "phone")
    assert code == 0 and "每 10 天" in out, err
    assert city("visit-rule", "set", "--group", "veteran", "--risk", "medium",
                "--every", "21")[0] == 0
    code, out, _err = city("visit-rule", "list")
    assert out.splitlines() == ["tekun\t任意风险\t每 10 天\tphone",
                                "veteran\tmedium\t每 21 天\thome_visit"]
    assert "visit-rule" in city("audit")[1]

    imported = _round(s, hub, tmp_path, up=False)
    assert imported.visit_rules == 2
    with s.active():
        assert _rule("tekun") == (10, "phone", "city")
        assert _rule("veteran", "medium") == (21, "home_visit", "city")
    assert _round(s, hub, tmp_path, up=False).visit_rules == 0  # carried again, unchanged

    assert city("visit-rule", "set", "--group", "veteran", "--risk", "medium",
                "--withdraw")[0] == 0
    assert _round(s, hub, tmp_path, up=False).visit_rules == 1
    with s.active():
        assert _rule("veteran", "medium") is None
        assert _rule("tekun") == (10, "phone", "city")


@pytest.mark.parametrize(("argv", "words"), [
    (("--group", "no_such", "--every", "7"), "不在列表 target_group 中"),
    (("--group", "tekun", "--every", "0"), "探访周期应为 1–366 天"),
    (("--every", "7"), "人员类别和风险等级至少填一项"),
    (("--group", "tekun", "--every", "7", "--way", "fax"), "不在列表 contact_way 中"),
])
def test_the_hub_refuses_a_bad_rule(hub, city, argv: tuple[str, ...], words: str) -> None:
    code, out, err = city("visit-rule", "set", *argv)
    assert code == 1 and words in err and "Traceback" not in err, (out, err)
    assert not cm.CityVisitRule.select().exists()
