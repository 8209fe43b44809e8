"""Client search by initials, name fragment, ID tail and phone tail, through both paths."""

from __future__ import annotations

import pytest

from swdesk.model import Client
from swdesk.services import crud, search
from swdesk.services.actor import SYSTEM
from swdesk.validation import resident_id_check_digit


def rid(first17: str) -> str:
    return first17 + resident_id_check_digit(first17)


@pytest.fixture
def people(sdb: object) -> dict[str, int]:
    rows = {
        "张晓明": ("35020319850307123", "13812345678"),
        "曾小贤": ("35020619900101456", "13900009999"),
        "欧阳秀英": ("35021119520611222", "0592-5551234"),
        "王秀英": ("35021219480315333", None),
        "张三": ("35020519700720111", "15000001234"),
    }
    ids = {}
    for name, (first17, phone) in rows.items():
        ids[name] = crud.create(Client, {"name": name, "id_number": rid(first17),
                                         "phone": phone}, SYSTEM).id
    return ids


def names(query: str) -> list[str]:
    found = search.search_clients(query)
    by_id = {c.id: c.name for c in Client.select().where(Client.id.in_(found))}
    return [by_id[i] for i in found]


def test_pinyin_initials(people: dict[str, int]) -> None:
    assert names("zxm") == ["张晓明"]
    assert names("zx") == ["曾小贤", "张晓明"] or set(names("zx")) == {"张晓明", "曾小贤"}
    assert names("ZXX") == ["曾小贤"]  # 曾 as a surname is z, not c
    assert set(names("z")) == {"张晓明", "曾小贤", "张三"}


def test_short_name_fragment_uses_the_scan(people: dict[str, int]) -> None:
    assert set(names("秀英")) == {"欧阳秀英", "王秀英"}
    assert set(names("张")) == {"张晓明", "张三"}


def test_long_name_uses_fts(people: dict[str, int]) -> None:
    assert names("王秀英") == ["王秀英"]
    assert names("阳秀英") == ["欧阳秀英"]


def test_id_and_phone_tails(people: dict[str, int]) -> None:
    tail = rid("35020319850307123")[-4:]
    assert "张晓明" in names(tail)
    assert names("5678") == ["张晓明"]
    assert names("1234") == ["欧阳秀英", "张三"] or set(names("1234")) >= {"欧阳秀英", "张三"}
    assert names("78") == ["张晓明"]  # two digits: the scan path


def test_full_id_number(people: dict[str, int]) -> None:
    assert names(rid("35021219480315333")) == ["王秀英"]


def test_deleted_and_renamed_clients(people: dict[str, int]) -> None:
    crud.delete(Client, people["王秀英"], SYSTEM)
    assert names("王秀英") == [] and names("秀英") == ["欧阳秀英"]
    crud.update(Client, people["张三"], {"name": "张三丰"}, SYSTEM)
    assert names("张三丰") == ["张三丰"] and names("zsf") == ["张三丰"]


def test_nothing_for_empty_or_odd_queries(people: dict[str, int]) -> None:
    assert search.search_clients("") == []
    assert search.search_clients('"*') == []
    assert search.search_clients("   ") == []
