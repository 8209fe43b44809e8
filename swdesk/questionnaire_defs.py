"""Questionnaire definitions as data: what one holds, checked, and the built-in ones installed.

A definition (docs/questionnaires.md) is JSON: parts of items, each item's answers with
their scores, how the total is read (sum or mean), the bands, and rules that change a
band. The built-in ones ship as ``swdesk/data/questionnaire-*.json`` and are copied into
the ``questionnaire`` table when they change; the city sends new or newer ones in return
packages. Every definition, wherever it comes from, goes through :func:`parse`, which
refuses one that could not be filled in or scored, in Chinese and English.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from itertools import pairwise
from typing import Any

from swdesk import settings
from swdesk.errors import ValidationError
from swdesk.i18n import _, language
from swdesk.model import database
from swdesk.model.questionnaires import Questionnaire

CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_ITEM_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$")
MAX_VERSION = 1_000_000
MAX_ITEMS = 200
MAX_OPTIONS = 10  # the form answers with the keys 1…9 and 0
MAX_SCORE = 1000
MAX_TEXT_ANSWER = 2000
MAX_DEFINITION_BYTES = 256 * 1024
_KEYS = frozenset({"code", "version", "zh", "en", "phases", "health", "basis", "source",
                   "source_en", "scales", "parts", "bands", "adjustments", "active"})


class _Named:
    """A definition's part that has a Chinese and an English name."""

    zh: str
    en: str

    @property
    def label(self) -> str:
        return self.en if language() == "en" else self.zh


@dataclass(frozen=True)
class Option(_Named):
    code: str
    zh: str
    en: str
    score: int


@dataclass(frozen=True)
class Item(_Named):
    code: str
    zh: str
    en: str
    kind: str  # choice | text
    options: tuple[Option, ...]
    required: bool
    scored: bool
    reverse: bool  # the score read from the other end of its answers' scores
    note_zh: str = ""
    note_en: str = ""

    @property
    def note(self) -> str:
        return self.note_en if language() == "en" else self.note_zh

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)

    def score_of(self, code: str) -> int:
        """The score the answer ``code`` adds (reverse-scored items count backwards)."""
        option = self.option(code)
        if option is None or not self.scored:
            return 0
        if not self.reverse:
            return option.score
        scores = [o.score for o in self.options]
        return min(scores) + max(scores) - option.score

    @property
    def max_score(self) -> int:
        return max((o.score for o in self.options), default=0) if self.scored else 0

    @property
    def min_score(self) -> int:
        return min((o.score for o in self.options), default=0) if self.scored else 0


@dataclass(frozen=True)
class Part(_Named):
    code: str
    zh: str
    en: str
    items: tuple[Item, ...]

    @property
    def scored(self) -> bool:
        return any(i.scored for i in self.items)

    @property
    def max_score(self) -> int:
        return sum(i.max_score for i in self.items)


@dataclass(frozen=True)
class Band(_Named):
    code: str
    zh: str
    en: str
    min: float  # a value belongs to the first band (in list order) it reaches


@dataclass(frozen=True)
class Adjustment(_Named):
    """A rule that changes the band: ``set`` one, or ``raise`` it that many bands down."""

    item: str
    values: frozenset[str]
    set_band: str | None
    raise_by: int
    zh: str
    en: str


@dataclass(frozen=True)
class Definition(_Named):
    code: str
    version: int
    zh: str
    en: str
    phases: tuple[str, ...]
    health: bool  # health data (the elderly ability assessment): privacy.py's strictest rule
    basis: str  # sum | mean: what the bands are read against
    source_zh: str  # where its items, scores and bands come from
    source_en: str
    parts: tuple[Part, ...]
    bands: tuple[Band, ...]
    adjustments: tuple[Adjustment, ...]
    active: bool
    text: str  # the JSON as stored and sent

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(i for p in self.parts for i in p.items)

    @property
    def source(self) -> str:
        return self.source_en if language() == "en" and self.source_en else self.source_zh

    def item(self, code: str) -> Item | None:
        return next((i for i in self.items if i.code == code), None)

    def band(self, code: str | None) -> Band | None:
        return next((b for b in self.bands if b.code == code), None)

    @property
    def max_total(self) -> int:
        return sum(p.max_score for p in self.parts)

    @property
    def min_total(self) -> int:
        return sum(i.min_score for i in self.items)

    def band_range(self, band: Band) -> str:
        """"66–89" (a sum), "≥ 4" (a mean): a band as a printout states it."""
        index = self.bands.index(band)
        if self.basis == "sum":
            top = self.max_total if index == 0 else int(self.bands[index - 1].min) - 1
            low = max(int(band.min), self.min_total)
            return str(low) if low == top else f"{low}–{top}"
        if index == 0:
            return f"≥ {band.min:g}"
        return f"{band.min:g} – < {self.bands[index - 1].min:g}"


def _bad(code: str, zh: str, en: str) -> ValidationError:
    return ValidationError(_("问卷定义 {}：", "Questionnaire definition {}: ").format(code or "?")
                           + _(zh, en), "definition")


def _text(raw: dict[str, Any], key: str, where: str, code: str, limit: int = 200,
          required: bool = True) -> str:
    where = where or _("定义", "the definition")
    value = raw.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > limit:
        raise _bad(code, f"{where}的 {key} 应为不超过 {limit} 字的文字",
                   f"{where}'s {key} must be text of at most {limit} characters")
    if any(ord(c) < 32 and c not in "\n\t" for c in value):
        raise _bad(code, f"{where}的 {key} 含有控制字符",
                   f"{where}'s {key} holds control characters")
    return value.strip()


def _options(raw: Any, where: str, code: str) -> tuple[Option, ...]:
    if not isinstance(raw, list) or not 2 <= len(raw) <= MAX_OPTIONS:
        raise _bad(code, f"{where}应有 2～{MAX_OPTIONS} 个答案",
                   f"{where} must have 2 to {MAX_OPTIONS} answers")
    out: list[Option] = []
    for n, o in enumerate(raw, 1):
        if not isinstance(o, dict):
            raise _bad(code, f"{where}的第 {n} 个答案不是对象",
                       f"answer {n} of {where} is not an object")
        score = o.get("score")
        if type(score) is not int or not 0 <= score <= MAX_SCORE:
            raise _bad(code, f"{where}的第 {n} 个答案的分值应为 0～{MAX_SCORE} 的整数",
                       f"the score of answer {n} of {where} must be a whole number 0–{MAX_SCORE}")
        ocode = _text(o, "code", f"{where}的第 {n} 个答案", code, 20)
        out.append(Option(ocode, _text(o, "zh", where, code), _text(o, "en", where, code), score))
    if len({o.code for o in out}) != len(out):
        raise _bad(code, f"{where}的答案编码重复", f"{where} repeats an answer code")
    return tuple(out)


def _item(raw: Any, scales: dict[str, Any], n: int, code: str) -> Item:
    if not isinstance(raw, dict):
        raise _bad(code, f"第 {n} 题不是对象", f"item {n} is not an object")
    icode = raw.get("code")
    if not isinstance(icode, str) or not _ITEM_CODE.match(icode):
        raise _bad(code, f"第 {n} 题的编码无效", f"item {n} has an invalid code")
    where = _("第 {} 题（{}）", "item {} ({})").format(n, icode)
    kind = raw.get("kind", "choice")
    if kind not in ("choice", "text"):
        raise _bad(code, f"{where}的 kind 只能是 choice 或 text",
                   f"{where}'s kind must be choice or text")
    flags = {k: raw.get(k, d) for k, d in (("required", kind == "choice"), ("reverse", False),
                                          ("scored", kind == "choice"))}
    if any(type(v) is not bool for v in flags.values()):
        raise _bad(code, f"{where}的 required、reverse、scored 应为 true 或 false",
                   f"{where}'s required, reverse and scored must be true or false")
    options: tuple[Option, ...] = ()
    if kind == "choice":
        if "scale" in raw:
            if raw["scale"] not in scales or "options" in raw:
                raise _bad(code, f"{where}引用了不存在的答案量表",
                           f"{where} names an unknown scale")
            options = _options(scales[raw["scale"]], where, code)
        else:
            options = _options(raw.get("options"), where, code)
    elif flags["scored"] or flags["reverse"]:
        raise _bad(code, f"{where}是文字题，不能计分",
                   f"{where} is a text item and cannot be scored")
    return Item(icode, _text(raw, "zh", where, code, 300), _text(raw, "en", where, code, 300),
                kind, options, flags["required"], flags["scored"], flags["reverse"],
                _text(raw, "note_zh", where, code, 300, False),
                _text(raw, "note_en", where, code, 300, False))


def parse(raw: Any) -> Definition:
    """A checked definition from its JSON value; ValidationError saying what is wrong."""
    code = raw.get("code") if isinstance(raw, dict) else None
    code = code if isinstance(code, str) else ""
    if not isinstance(raw, dict):
        raise _bad("", "定义应为 JSON 对象", "a definition is a JSON object")
    if not CODE.match(code):
        raise _bad(code[:40], "编码应为小写字母开头、不超过 40 个字符的小写字母、数字或 _",
                   "the code must be up to 40 lower-case letters, digits or _, starting "
                   "with a letter")
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise _bad(code, f"未知的项目 {'、'.join(unknown)[:80]}",
                   f"unknown member {', '.join(unknown)[:80]}")
    version = raw.get("version")
    if type(version) is not int or not 1 <= version <= MAX_VERSION:
        raise _bad(code, "version 应为正整数", "version must be a positive whole number")
    phases = raw.get("phases", [])
    if not isinstance(phases, list) or not all(isinstance(p, str) for p in phases):
        raise _bad(code, "phases 应为用途编码的列表", "phases must be a list of use codes")
    basis = raw.get("basis", "sum")
    if basis not in ("sum", "mean"):
        raise _bad(code, "basis 只能是 sum 或 mean", "basis must be sum or mean")
    health, active = raw.get("health", False), raw.get("active", True)
    if type(health) is not bool or type(active) is not bool:
        raise _bad(code, "health、active 应为 true 或 false",
                   "health and active must be true or false")
    scales = raw.get("scales", {})
    if not isinstance(scales, dict):
        raise _bad(code, "scales 应为对象", "scales must be an object")
    parts = _parts(raw.get("parts"), scales, code)
    items = [i for p in parts for i in p.items]
    if len({i.code for i in items}) != len(items):
        raise _bad(code, "题目编码重复", "an item code is used twice")
    if not any(i.scored for i in items) and raw.get("bands"):
        raise _bad(code, "没有计分题，不能分等级", "no item is scored, so there can be no bands")
    bands = _bands(raw.get("bands", []), code)
    defn = Definition(code, version, _text(raw, "zh", "", code, 100),
                      _text(raw, "en", "", code, 100),
                      tuple(phases), health, basis, _text(raw, "source", "", code, 4000, False),
                      _text(raw, "source_en", "", code, 4000, False),
                      parts, bands, (), active, json.dumps(raw, ensure_ascii=False))
    lowest = defn.min_total if basis == "sum" else min((i.min_score for i in items if i.scored),
                                                        default=0)
    if bands and bands[-1].min > lowest:
        raise _bad(code, f"最低的等级应从 {lowest} 分起，否则有的得分不属于任何等级",
                   f"the lowest band must start at {lowest}, or some scores fall in no band")
    adjustments = _adjustments(raw.get("adjustments", []), defn)
    return replace(defn, adjustments=adjustments)


def _parts(raw: Any, scales: dict[str, Any], code: str) -> tuple[Part, ...]:
    if not isinstance(raw, list) or not raw:
        raise _bad(code, "parts 应为非空列表", "parts must be a non-empty list")
    parts: list[Part] = []
    n = 0
    for p in raw:
        if not isinstance(p, dict) or not isinstance(p.get("items"), list) or not p["items"]:
            raise _bad(code, "每个部分都应有题目", "every part needs items")
        where = _("部分 {}", "part {}").format(str(p.get("code", ""))[:20])
        items = []
        for raw_item in p["items"]:
            n += 1
            if n > MAX_ITEMS:
                raise _bad(code, f"题目不能超过 {MAX_ITEMS} 个", f"at most {MAX_ITEMS} items")
            items.append(_item(raw_item, scales, n, code))
        parts.append(Part(_text(p, "code", where, code, 20), _text(p, "zh", where, code, 100),
                          _text(p, "en", where, code, 100), tuple(items)))
    if len({p.code for p in parts}) != len(parts):
        raise _bad(code, "部分编码重复", "a part code is used twice")
    return tuple(parts)


def _bands(raw: Any, code: str) -> tuple[Band, ...]:
    if not isinstance(raw, list):
        raise _bad(code, "bands 应为列表", "bands must be a list")
    bands: list[Band] = []
    for b in raw:
        low = b.get("min") if isinstance(b, dict) else None
        if not isinstance(low, int | float) or isinstance(low, bool) \
                or not 0 <= low <= MAX_SCORE * MAX_ITEMS:
            raise _bad(code, "每个等级都应有起点分 min", "every band needs its lowest score, min")
        where = _("等级 {}", "band {}").format(str(b.get("code", ""))[:20])
        bands.append(Band(_text(b, "code", where, code, 20), _text(b, "zh", where, code, 40),
                          _text(b, "en", where, code, 40), float(low)))
    if any(a.min <= b.min for a, b in pairwise(bands)):
        raise _bad(code, "等级应按起点分从高到低排列",
                   "bands must be listed from the highest min down")
    if len({b.code for b in bands}) != len(bands):
        raise _bad(code, "等级编码重复", "a band code is used twice")
    return tuple(bands)


def _adjustments(raw: Any, defn: Definition) -> tuple[Adjustment, ...]:
    code = defn.code
    if not isinstance(raw, list):
        raise _bad(code, "adjustments 应为列表", "adjustments must be a list")
    out: list[Adjustment] = []
    for n, a in enumerate(raw, 1):
        item = defn.item(a.get("item", "")) if isinstance(a, dict) else None
        values = a.get("values") if isinstance(a, dict) else None
        if item is None or item.kind != "choice" or not isinstance(values, list) or not values \
                or any(item.option(v) is None for v in values if isinstance(v, str)) \
                or not all(isinstance(v, str) for v in values):
            raise _bad(code, f"第 {n} 条等级变更规则应指向一道选择题及其答案",
                       f"grade rule {n} must name a choice item and its answers")
        set_band, raise_by = a.get("set"), a.get("raise", 0)
        if (set_band is None) == (raise_by == 0) or type(raise_by) is not int or raise_by < 0 \
                or (set_band is not None and defn.band(set_band) is None):
            raise _bad(code, f"第 {n} 条等级变更规则应有 set（一个等级）或 raise（正整数）之一",
                       f"grade rule {n} needs one of set (a band) or raise (a positive number)")
        out.append(Adjustment(item.code, frozenset(values), set_band, raise_by,
                              _text(a, "zh", "", code, 200), _text(a, "en", "", code, 200)))
    if out and not defn.bands:
        raise _bad(code, "没有等级，不能有等级变更规则", "grade rules need bands")
    return tuple(out)


def loads(text: str | bytes) -> Definition:
    """A definition from a JSON file's text."""
    if len(text) > MAX_DEFINITION_BYTES:
        raise _bad("", "定义文件太大", "the definition file is too large")
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise _bad("", f"不是有效的 JSON：{exc}", f"not valid JSON: {exc}") from None
    return parse(raw)


@cache
def _builtin_texts() -> tuple[str, ...]:
    folder = files("swdesk.data")
    names = sorted(e.name for e in folder.iterdir()
                   if e.name.startswith("questionnaire-") and e.name.endswith(".json"))
    return tuple(folder.joinpath(n).read_text(encoding="utf-8") for n in names)


def builtin() -> list[Definition]:
    return [loads(t) for t in _builtin_texts()]


def install_builtin() -> None:
    """Bring the built-in definitions into the database when they changed since last time.

    A definition the city sent with a higher version stays: the station keeps the newest.
    """
    digest = hashlib.sha256("\n".join(_builtin_texts()).encode()).hexdigest()
    if settings.QUESTIONNAIRE_HASH.get() == digest:
        return
    with database.atomic():
        for defn in builtin():
            store(defn, "builtin")
        settings.QUESTIONNAIRE_HASH.set(digest)


# code -> (zh, en, band code -> (zh, en)): what a list shows for a response's questionnaire
# and band, read once (a list block shows a hundred rows); forgotten whenever a
# definition is stored or another database is opened.
_names: dict[str, tuple[str, str, dict[str, tuple[str, str]]]] | None = None


def invalidate() -> None:
    global _names
    _names = None


def _known() -> dict[str, tuple[str, str, dict[str, tuple[str, str]]]]:
    global _names
    if _names is None:
        names = {}
        for row in Questionnaire.select():
            try:
                defn = loads(row.definition)
            except ValidationError:  # (a definition stored by hand: shown by its code)
                continue
            names[defn.code] = (defn.zh, defn.en, {b.code: (b.zh, b.en) for b in defn.bands})
        _names = names
    return _names


def title(code: str) -> str:
    """A questionnaire's name in the current language (its code if unknown)."""
    known = _known().get(code)
    return code if known is None else (known[1] if language() == "en" else known[0])


def band_title(code: str, band: str) -> str:
    """A band's name in the current language (its code if unknown)."""
    known = _known().get(code, ("", "", {}))[2].get(band)
    return band if known is None else (known[1] if language() == "en" else known[0])


def store(defn: Definition, source: str) -> bool:
    """Keep ``defn`` unless the table holds a newer version of it; True if stored.

    The same version replaces only what the same side (built-in, city) stored: a city's
    definition of a version is not undone by the built-in one of that version.
    """
    held = Questionnaire.get_or_none(Questionnaire.code == defn.code)
    if held is not None and (held.version > defn.version
                             or (held.version == defn.version and held.source != source
                                 and source == "builtin")):
        return False
    if held is not None and held.version == defn.version and held.definition == defn.text:
        return False
    values = {"version": defn.version, "zh": defn.zh, "en": defn.en, "definition": defn.text,
              "source": source, "active": defn.active}
    (Questionnaire.insert(code=defn.code, **values)
     .on_conflict(conflict_target=[Questionnaire.code],
                  update={getattr(Questionnaire, k): v for k, v in values.items()})
     .execute())
    invalidate()
    return True
