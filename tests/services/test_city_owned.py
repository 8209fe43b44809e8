"""低保/特困 belong to the city: read-only at an enrolled station, the station's own before."""

from __future__ import annotations

import pytest

from swdesk import i18n
from swdesk.errors import ValidationError
from swdesk.model import AuditEntry, ChangeLog, Client
from swdesk.model.sync import SyncKey
from swdesk.services import city_owned, crud
from swdesk.services.actor import SYSTEM

MESSAGE = "低保、特困由市级平台认定，站点不能修改"


def _enrol() -> None:
    # What sync.enrolment.enrol leaves behind that matters here: the city it is bound to.
    SyncKey.create(name="city", value="city-0123456789abcdef")


def _journals() -> tuple[int, int, int]:
    return Client.select().count(), ChangeLog.select().count(), AuditEntry.select().count()


def _groups(uid: str) -> set[str]:
    return set((Client.get(Client.uid == uid).target_groups or "").strip(",").split(",")) - {""}


def test_before_enrolment_the_station_sets_them_itself(sdb: object) -> None:
    assert not city_owned.enrolled()
    assert city_owned.locked_codes(Client, "target_groups") == frozenset()
    uid = crud.create(Client, {"name": "陈阿婆", "target_groups": "低保、老年人"}, SYSTEM).uid
    assert _groups(uid) == {"dibao", "elderly"}
    crud.update(Client, uid, {"target_groups": "tekun,elderly"}, SYSTEM)
    assert _groups(uid) == {"tekun", "elderly"}


def test_an_enrolled_station_cannot_add_them_to_a_new_client(sdb: object) -> None:
    _enrol()
    assert city_owned.locked_codes(Client, "target_groups") == {"dibao", "tekun"}
    before = _journals()
    with pytest.raises(ValidationError) as caught:
        crud.create(Client, {"name": "陈阿婆", "target_groups": "dibao,elderly"}, SYSTEM)
    assert set(caught.value.errors) == {"target_groups"}
    assert MESSAGE in caught.value.errors["target_groups"]
    assert _journals() == before  # nothing written


@pytest.mark.parametrize("groups", ["elderly", "elderly,dibao,tekun", "tekun,elderly",
                                    "disabled", ""])
def test_an_enrolled_station_cannot_add_or_remove_them(sdb: object, groups: str) -> None:
    uid = crud.create(Client, {"name": "陈阿婆", "target_groups": "dibao,elderly"}, SYSTEM).uid
    _enrol()
    before = _journals()
    with pytest.raises(ValidationError, match=MESSAGE):
        crud.update(Client, uid, {"target_groups": groups, "phone": "13800001111"}, SYSTEM)
    assert _journals() == before
    row = Client.get(Client.uid == uid)
    assert row.phone is None and row.version == 1 and _groups(uid) == {"dibao", "elderly"}


def test_other_codes_and_fields_still_change_on_an_enrolled_station(sdb: object) -> None:
    uid = crud.create(Client, {"name": "陈阿婆", "target_groups": "dibao,elderly"}, SYSTEM).uid
    _enrol()
    crud.update(Client, uid, {"target_groups": "elderly_alone,低保", "phone": "13800001111"},
                SYSTEM)
    assert _groups(uid) == {"dibao", "elderly_alone"}
    crud.update(Client, uid, {"target_groups": ["dibao"]}, SYSTEM)  # as the form sends it
    assert _groups(uid) == {"dibao"}
    new = crud.create(Client, {"name": "林阿公", "target_groups": "elderly"}, SYSTEM)
    assert _groups(new.uid) == {"elderly"}


def test_the_message_is_in_english_too(sdb: object) -> None:
    _enrol()
    i18n.set_language("en")
    reference_labels = "Minimum living allowance and Extreme poverty support"
    with pytest.raises(ValidationError) as caught:
        crud.create(Client, {"name": "Chen", "target_groups": "tekun"}, SYSTEM)
    assert (f"{reference_labels} are set by the city hub; the station cannot change them"
            in caught.value.errors["target_groups"])


def test_the_citys_own_values_pass(sdb: object) -> None:
    uid = crud.create(Client, {"name": "陈阿婆", "target_groups": "elderly"}, SYSTEM).uid
    _enrol()
    with city_owned.from_city():
        crud.update(Client, uid, {"target_groups": "elderly,tekun"}, SYSTEM)
    assert _groups(uid) == {"elderly", "tekun"}
    with pytest.raises(ValidationError):  # only inside from_city()
        crud.update(Client, uid, {"target_groups": "elderly"}, SYSTEM)


def test_keeping_takes_the_stored_codes_instead_of_refusing(sdb: object) -> None:
    stored = crud.create(Client, {"name": "陈阿婆", "target_groups": "dibao,elderly"}, SYSTEM)
    _enrol()
    with city_owned.keeping() as keep:
        cleaned = crud.clean(Client, {"target_groups": "tekun,disabled"}, stored)
    assert keep.fields == ["target_groups"]
    assert cleaned["target_groups"] == ",disabled,dibao,"
    with city_owned.keeping() as keep:
        crud.clean(Client, {"target_groups": "dibao,disabled"}, stored)
    assert keep.fields == []
