"""The field tables of docs/package-format.md, written from the entity descriptions.

An implementer of the format needs every field a row carries: its JSON form, length,
whether it is required, its code list and link target. Those live in the models
(``swdesk.model.described``) and reach packages through ``swdesk.sync.codec``; this
module writes them as Markdown between two marker comments of the document, so the
text cannot drift from the code (tests/sync/test_spec_tables.py fails when it has).

    python -m swdesk.sync.spec_tables            # rewrite the tables in the document
    python -m swdesk.sync.spec_tables --check    # exit 1 if the document is out of date
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import peewee as pw

from swdesk import reference
from swdesk.model.base import SyncedModel
from swdesk.model.described import FieldSpec, describe
from swdesk.sync import codec, schemas

DOC = Path(__file__).resolve().parents[2] / "docs" / "package-format.md"
BEGIN = "<!-- fields:begin (written by python -m swdesk.sync.spec_tables; do not edit) -->"
END = "<!-- fields:end -->"
UID_LENGTH = 36  # a row's uid, also the value of a link (``codec.is_ident``)

# The JSON value of each kind of field as it travels (codec.encode).
VALUE = {
    "text": "string", "longtext": "string", "resident_id": "string", "phone": "string",
    "uscc": "string", "date": "date string", "datetime": "datetime string", "int": "integer",
    "hours": "decimal string",
    "money": "decimal string", "bool": "boolean", "choice": "code string",
    "choices": "codes string", "link": "uid string",
}
PERSONAL = {"id": "yes (ID)", "phone": "yes (phone)", "address": "yes (address)",
            "text": "yes (text)"}


@dataclass(frozen=True)
class Field:
    """One row of an entity's table: what a writer must know of one field."""

    name: str
    value: str  # VALUE
    max_length: int | None  # characters; None: no limit of its own
    required: bool
    ref_list: str  # "" if none
    target: str  # linked entity, "" if none
    personal: str  # PERSONAL, "" if none
    zh: str
    rules: str  # what else a value must be


def _column_length(column: pw.Field) -> int | None:
    return getattr(column, "max_length", None) if isinstance(column, pw.CharField) else None


def _places(column: pw.Field) -> str:
    """The bound of a decimal column: below 10^(digits before the point)."""
    assert isinstance(column, pw.DecimalField)  # the columns of hours and money
    return f"0 to below 10^{column.max_digits - column.decimal_places}"


def _rules(spec: FieldSpec, column: pw.Field) -> str:
    """The entry rules of ``spec`` (``FieldSpec.parse``) in a few words."""
    parts: list[str] = []
    match spec.kind:
        case "datetime":
            parts.append("`YYYY-MM-DD HH:MM:SS`")
        case "date":
            parts.append("`YYYY-MM-DD`")
            if spec.not_future:
                parts.append("not in the future")
        case "int":
            low, high = spec.minimum, spec.maximum
            parts.append(f"{low} to {high}" if high is not None else f"at least {low}")
        case "hours" | "money":
            parts.append(f"two decimals, {_places(column)}")
        case "resident_id":
            parts.append("resident ID (GB 11643): 17 digits and a check character 0-9 or X")
        case "uscc":
            parts.append("credit code (GB 32100): 18 characters with check character")
        case "phone":
            parts.append("mobile `13812345678`, or landline `0592-5551234` or `5551234`, "
                         "extension `-123`")
        case "choices":
            parts.append("codes of the list, each once, as `,a,b,`")
    return "; ".join(parts)


def fields(model: type[SyncedModel]) -> list[Field]:
    """The table of one synced entity, in the order its fields are declared."""
    entity = codec.ENTITIES[model._meta.table_name]
    spec = describe(model)
    out = []
    for c in entity.columns:
        f = spec.field(c.name)
        column = model._meta.fields[c.name]
        length = (UID_LENGTH if c.kind == "link"
                  else f.max_length or _column_length(column))
        out.append(Field(c.name, VALUE[f.kind], length, c.required, c.ref_list or "",
                         c.target, PERSONAL.get(f.personal or "", ""), f.zh,
                         _rules(f, column)))
    return out


def _cell(value: object) -> str:
    return "—" if value in ("", None) else str(value).replace("|", "\\|")


def entity_table(name: str) -> list[str]:
    entity = codec.ENTITIES[name]
    spec = describe(entity.model)
    kind = ("append-only (section 6: a union, never conflicts)" if entity.append_only
            else "editable (section 6: merged field by field)")
    first = schemas.since(name)
    since = f" (since schema {first})" if first > 1 else ""
    lines = [f"### `{name}`: {spec.zh} ({spec.en})", "",
             f"File `rows.{name}.jsonl`{since}; {kind}.", "",
             "| field | value | max | required | code list | links to | personal | 中文 "
             "| rules |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for f in fields(entity.model):
        added = schemas.since(name, f.name)
        rules = "; ".join(r for r in (f.rules, f"since schema {added}" if added > 1 else "")
                          if r)
        lines.append("| " + " | ".join([
            f"`{f.name}`", f.value, _cell(f.max_length), "yes" if f.required else "no",
            f"`{f.ref_list}`" if f.ref_list else "—",
            f"`{f.target}`" if f.target else "—", _cell(f.personal), f.zh,
            _cell(rules)]) + " |")
    if name in codec.ROW_RULES_TEXT:
        lines += ["", *_wrapped(f"Across fields: {codec.ROW_RULES_TEXT[name]}.")]
    if name == "service_record":
        lines += ["", *_wrapped(f"Besides its fields, every line carries `{codec.PARTICIPANTS}` "
                  "(a list of `client` uids, each once; `[]` if none) and "
                  f"`{codec.PARTNERS}` (a list of objects `{{\"partner\": <partner uid>, "
                  "\"contribution\": <string of at most 200 characters, \"\" if none>, "
                  "\"value\": <decimal string, two decimals, 0 to below 10^12, or null>}`, "
                  "one per partner; `[]` if none).")]
        return lines
    return [*lines, ""]


def code_lists() -> list[str]:
    """The built-in reference lists (swdesk/data/reference.json) the tables name."""
    used = {c.ref_list for e in codec.ENTITIES.values() for c in e.columns if c.ref_list}
    lines = ["### Built-in code lists", "", *_wrapped(
             "A code field holds one `code` of its list; a hub also accepts the codes it "
             "added itself (they reach the stations in `reference.jsonl`, section 5). "
             "The lists as shipped (`swdesk/data/reference.json`):"),
             "| list | codes (中文) |", "| --- | --- |"]
    for list_code, items in reference.builtin().items():
        if list_code in used:
            codes = ", ".join(f"`{i['code']}` ({i['zh']})" for i in items)
            lines.append(f"| `{list_code}` | {codes} |")
    return [*lines, ""]


def _wrapped(*paragraphs: str) -> list[str]:
    out: list[str] = []
    for text in paragraphs:
        out += [*textwrap.wrap(text, 90, break_on_hyphens=False), ""]
    return out


def generated() -> str:
    """The Markdown between the markers."""
    lines = [BEGIN, "", *_wrapped(
             "Every line of `rows.<entity>.jsonl` holds the members of section 5 (`uid`, "
             "`origin`, `version`, `updated_at`, `deleted`, `_seq`, and `_base` where it "
             "applies) and one member per field below, by its name: **every field is "
             "present**, `null` where it has no value (a `boolean` is `true` or `false`); "
             "a row of an older schema (section 4) has none of the fields whose rules say "
             "*since schema N* for a later N, and the entities marked so have no file in it. "
             "The entities follow in the order they are applied (parents first).",
             "Columns: *value*: the JSON value as it travels: `string`; `date string` "
             "`\"2024-03-01\"`; `datetime string` `\"2024-03-01 14:30:00\"`; "
             "`decimal string` with two decimals `\"12.50\"`; "
             "`integer`; `boolean`; `code string` one code of the *code list*; "
             "`codes string` several codes as `\",a,b,\"`; `uid string` the uid of a row "
             "of the entity under *links to* (which must reach the hub in this package or "
             "before: otherwise the row is `held`). *max*: at most that many characters. "
             "*required*: `null` is not allowed. *personal*: personal data, shown masked to "
             "users who may not see it. *rules*: what the station checks when a person "
             "enters the value, and the hub checks again in every row it receives (a row "
             "that breaks one is rejected: section 8); text of any field holds no control "
             "characters other than tab and line breaks, and no bidirectional overrides.")]
    for name in codec.ORDER:
        lines += entity_table(name)
    lines += code_lists()
    return "\n".join([*lines, END])


def updated(text: str) -> str:
    """``text`` (the document) with its tables replaced by ``generated()``."""
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[:start] + generated() + text[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m swdesk.sync.spec_tables",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only say whether the document is up to date")
    parser.add_argument("--doc", type=Path, default=DOC)
    args = parser.parse_args(argv)
    text = args.doc.read_text(encoding="utf-8")
    new = updated(text)
    if args.check:
        if new != text:
            print(f"{args.doc} is out of date: run python -m swdesk.sync.spec_tables",
                  file=sys.stderr)
            return 1
        return 0
    if new != text:
        args.doc.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
