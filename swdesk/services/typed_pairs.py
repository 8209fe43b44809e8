"""Values typed as ``字段=值`` pairs (the command line's ``add``/``edit``), made into what
``crud`` takes: a field named by its key or its Chinese or English label, a linked row
by the name or number people know it by (a project's 项目编号 or name, an agency's
name, a station's code), choices by their label (crud resolves those itself).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import SyncedModel, describe
from swdesk.model.described import FieldSpec

# The columns a linked row is known by, tried in this order.
_KNOWN_BY = ("code", "cert_no", "case_no", "volunteer_no", "name", "title")


def _field(model: type[SyncedModel], name: str) -> FieldSpec:
    wanted = name.strip().lower()
    for spec in describe(model).fields:
        if wanted in (spec.key.lower(), spec.zh.lower(), spec.en.lower()):
            return spec
    raise ValidationError(_("{}没有“{}”这一项；可用：{}", "{} has no field \"{}\"; use: {}")
                          .format(describe(model).label, name,
                                  "、".join(f"{s.key}（{s.label}）"
                                           for s in describe(model).fields)))


def linked_id(spec: FieldSpec, model: type[SyncedModel], text: str) -> int:
    """The id of the row ``text`` names in the table ``spec`` links to."""
    target: Any = model._meta.fields[spec.key].rel_model
    text = text.strip()
    if text.isdigit() and target.live().where(target.id == int(text)).exists():
        return int(text)
    for column in _KNOWN_BY:
        if column not in target._meta.fields:
            continue
        ids = [int(r.id) for r in target.live().where(
            getattr(target, column) == text).limit(2)]
        if len(ids) == 1:
            return ids[0]
        if len(ids) > 1:
            raise ValidationError({spec.key: _("有多个{}叫“{}”，请用编号",
                                               "More than one {} is called \"{}\"; use its "
                                               "number").format(spec.label, text)})
    raise ValidationError({spec.key: _("找不到{}“{}”", "No {} \"{}\"").format(spec.label, text)})


def values(model: type[SyncedModel], pairs: Iterable[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise ValidationError(_("请写成 字段=值：{}", "Write field=value: {}").format(pair))
        spec = _field(model, name)
        value = value.strip()
        if spec.kind == "link" and value:
            out[spec.key] = linked_id(spec, model, value)
        else:
            out[spec.key] = value or None
    return out
