"""The entity descriptions: complete, consistent with the reference lists."""

from __future__ import annotations

from swdesk import reference
from swdesk.model import ENTITIES, SYNCED, Client, describe


def test_every_synced_entity_is_described() -> None:
    for model in SYNCED:
        entity = describe(model)
        assert entity.zh and entity.en, model
        assert entity.fields and entity.list_fields, model
        for spec in entity.fields:
            assert spec.zh and spec.en and spec.key, (model, spec)


def test_choice_fields_name_existing_reference_lists(sdb: object) -> None:
    for model in ENTITIES.values():
        for spec in describe(model).fields:
            if spec.kind in ("choice", "choices"):
                if spec.ref_list == "community":  # each station's own, empty until it has one
                    assert "community" in reference.builtin(), (model, spec.key)
                    continue
                assert reference.codes(spec.ref_list or ""), (model, spec.key)


def test_client_personal_data_is_marked() -> None:
    personal = {f.key: f.personal for f in describe(Client).personal_fields}
    assert personal["id_number"] == "id" and personal["phone"] == "phone"
    assert personal["address"] == "address" and personal["health_notes"] == "text"
    assert "name" not in personal


def test_labels_follow_language() -> None:
    from swdesk import i18n

    spec = describe(Client).field("target_groups")
    assert spec.label == "人员类别"
    i18n.set_language("en")
    assert spec.label == "Target groups"


def test_reference_labels_and_resolution(sdb: object) -> None:
    assert reference.resolve("service_category", "敬老") == "jinglao"
    assert reference.resolve("service_category", "Elderly care") == "jinglao"
    assert reference.label("service_field", "drug") == "禁毒工作"
    assert len(reference.codes("service_category")) == 8
    assert len(reference.codes("service_field")) == 19
