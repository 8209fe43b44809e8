"""The first step of applying a chunk row by row: which of its rows are valid, each uid
once, and what the quarantine keeps of the others."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import orjson

from swdesk.city.prepare import Rejected, Setting, check
from swdesk.sync import codec

Row = dict[str, Any]


@dataclass
class Checked:
    """A chunk's rows, validated."""

    good: list[Row]  # valid, each uid once (its first line in the package), in order
    rejects: list[Rejected]  # rows that failed validation
    text_of: Callable[[int], str]  # what the quarantine keeps of a rejected row, by index
    duplicates: int  # valid lines whose uid came earlier in the chunk
    stored: dict[int, tuple[Any, ...]]  # id(row) -> the values to insert (columns_of order)
    columns: dict[str, tuple[Any, ...]]  # column -> values of the valid rows (link look-ups)


def validate(setting: Setting, entity: codec.Entity, rows: list[Any], *, plain: bool,
             rejected: tuple[list[Rejected], list[bytes]] | None) -> Checked:
    """Check ``rows`` (unless ``plain``: ``prepare`` found them valid, this station's and
    distinct; or ``rejected``: ``prepare`` checked the chunk, ``rows`` are its valid ones
    and these, with the chunk's lines, the others)."""
    text_of: Callable[[int], str]
    if rejected is not None:
        rejects, lines = rejected
        text_of = partial(_line_text, lines)
    else:
        rejects = [] if plain else check(setting, entity, rows)
        text_of = partial(_row_text, rows)
        if rejects:
            bad = {r[0] for r in rejects}
            rows = [r for i, r in enumerate(rows) if i not in bad]
    tuples, columns = codec.columns_of(entity, rows)
    stored = {id(r): t for r, t in zip(rows, tuples, strict=True)}
    if plain:
        return Checked(rows, rejects, text_of, 0, stored, columns)
    good: list[Row] = []
    seen: set[str] = set()  # (a uid of an earlier chunk has its row state by now)
    for row in rows:
        if row["uid"] not in seen:  # a line twice in the package: the first one counts
            seen.add(row["uid"])
            good.append(row)
    return Checked(good, rejects, text_of, len(rows) - len(good), stored, columns)


def dump(row: Any) -> str:
    """A rejected row as the quarantine keeps it: readable, or with escapes where it holds
    text no database stores (a lone surrogate). Control characters are escaped either way."""
    try:
        text = orjson.dumps(row).decode()
    except (TypeError, orjson.JSONEncodeError):  # a lone surrogate, a number past 64 bits
        text = json.dumps(row)
    return text[:100_000]


def _line_text(lines: list[bytes], i: int) -> str:
    """A rejected row's line as the quarantine keeps it (JSON: its controls are escaped)."""
    return lines[i][:100_000].decode("utf-8", "replace").replace("\x00", "\\u0000")


def _row_text(rows: list[Any], i: int) -> str:
    return dump(rows[i])
