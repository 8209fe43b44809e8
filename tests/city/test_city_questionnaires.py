"""Questionnaire definitions the city sends: added at the hub, carried by return packages,
checked on both sides."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from swdesk.city import models as cm
from swdesk.city.db import City
from swdesk.city.returns import write_return
from swdesk.model.questionnaires import Questionnaire
from swdesk.services import questionnaires
from swdesk.sync import apply
from swdesk.sync.format import PackageRefused
from tests.city.test_city_cli import _round, city

pytestmark = pytest.mark.usefixtures("cli_env")
__all__ = ["city"]  # (the hub command fixture, shared with the other officer commands)


def _definition(tmp_path: Path, name: str, **change: object) -> Path:
    raw = json.loads((Path(questionnaires.__file__).parents[1] / "data"
                      / "questionnaire-satisfaction.json").read_text(encoding="utf-8"))
    raw.update(change)
    path = tmp_path / name
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_definition_added_at_the_hub_reaches_the_station(hub, station_factory, city,
                                                           tmp_path: Path) -> None:
    s = station_factory()
    _round(s, hub, tmp_path)
    revised = _definition(tmp_path, "sat2.json", version=2, zh="服务满意度调查（市级版）")
    code, out, err = city("questionnaire", "add", str(revised))
    assert code == 0 and "服务满意度调查（市级版）" in out and "第 2 版" in out, err
    assert "questionnaire" in city("audit")[1]

    imported = _round(s, hub, tmp_path, up=False)
    assert imported.questionnaires == 1
    with s.active():
        held = Questionnaire.get(Questionnaire.code == "satisfaction")
        assert (held.version, held.source, held.zh) == (2, "city", "服务满意度调查（市级版）")
        assert questionnaires.definition("satisfaction").version == 2
    again = _round(s, hub, tmp_path, up=False)  # carried again, already there
    assert again.questionnaires == 0


@pytest.mark.parametrize(("change", "words"), [
    ({"version": 1}, "已有第 3 版"),  # lower than the version the hub holds
    ({"zh": "改了名字"}, "已有第 3 版"),  # changed but not its version
    ({"bands": "many"}, "bands 应为列表"),
    ({"code": "Nope!"}, "编码应为小写字母开头"),
])
def test_the_hub_refuses_a_bad_definition(hub, city, tmp_path: Path,
                                          change: dict[str, object], words: str) -> None:
    first = _definition(tmp_path, "first.json", version=3)
    assert city("questionnaire", "add", str(first))[0] == 0
    code, out, err = city("questionnaire", "add",
                          str(_definition(tmp_path, "bad.json", **{"version": 3, **change})))
    assert code == 1 and words in err and "Traceback" not in err, (out, err)
    assert [(q.code, q.version) for q in cm.CityQuestionnaire.select()] == [("satisfaction", 3)]


def test_the_hub_refuses_what_is_not_a_definition(hub, city, tmp_path: Path) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    code, _out, err = city("questionnaire", "add", str(junk))
    assert code == 1 and "不是有效的 JSON" in err
    code, _out, err = city("questionnaire", "add", str(tmp_path / "missing.json"))
    assert code == 1 and "无法读取" in err
    assert not cm.CityQuestionnaire.select().exists()


def test_the_station_refuses_a_return_with_a_bad_definition(hub: City, station_factory,
                                                            tmp_path: Path) -> None:
    s = station_factory()
    _round(s, hub, tmp_path)
    raw = json.loads(_definition(tmp_path, "x.json", version=5).read_text(encoding="utf-8"))
    raw["parts"][0]["items"][0]["scale"] = "missing"  # (a hub of another make sent it)
    cm.CityQuestionnaire.create(code="satisfaction", version=5,
                                definition=json.dumps(raw, ensure_ascii=False))
    ret = write_return(hub, s.code, tmp_path / "ret")
    with s.active():
        before = Questionnaire.get(Questionnaire.code == "satisfaction").version
        with pytest.raises(PackageRefused, match=r"问卷定义不正确.*不存在的答案量表"):
            apply.import_return(ret.path)
        assert Questionnaire.get(Questionnaire.code == "satisfaction").version == before
