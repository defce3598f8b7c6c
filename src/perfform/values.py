"""Indicator values (指标值): read one cell's text into a `Value`.

A value is quantitative (operator markers, a number, a unit, an inclusive 以上/以下/以内 suffix), a deadline
(…月底前完成), a no-value mark (— - /), a placeholder (XX, 待定, an unfilled content control) or qualitative
text. Anything that does not fit one of the quantitative or deadline shapes as a whole is text: approximations
such as "约500人" or "5%左右" and ranges such as "5-10人" keep `number` None, because no single target number
and operator can be read from them without guessing. A unit is at most 4 characters, or 8 when it is a ratio
(元/生·年); longer trailing words ("5G网络全覆盖") make the cell text.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from perfform._construct import positional_builder
from perfform.model import Location, Op, Value

__all__ = ["normalize", "op_conflict", "parse_value"]

Kind = Literal["number", "percent", "date", "text", "none", "empty"]

_ASCII_WS = " \t\n\r\v\f"


def _width_table() -> dict[int, int | None]:
    table: dict[int, int | None] = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
    table.update({0x2212: 0x2D, 0xFE6A: 0x25})
    table.update(dict.fromkeys((0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)))
    return table


_WIDTH = _width_table()


def normalize(text: str) -> str:
    """Full-width forms to ASCII, zero-width marks dropped, runs of whitespace (U+00A0, U+3000…) to one space."""
    return " ".join(text.translate(_WIDTH).split())


_SYMBOLS: dict[str, Op] = {
    ">=": ">=",
    "=>": ">=",
    "≥": ">=",
    "≧": ">=",
    "⩾": ">=",
    "≮": ">=",
    "<=": "<=",
    "=<": "<=",
    "≤": "<=",
    "≦": "<=",
    "⩽": "<=",
    "≯": "<=",
    "==": "=",
    ">": ">",
    "<": "<",
    "=": "=",
}
_COPULA = "为"
_PHRASES: dict[str, Op] = {
    "大于或等于": ">=",
    "大于等于": ">=",
    "不低于": ">=",
    "不少于": ">=",
    "不小于": ">=",
    "至少": ">=",
    "达到": ">=",
    "小于或等于": "<=",
    "小于等于": "<=",
    "不高于": "<=",
    "不超过": "<=",
    "不超出": "<=",
    "不多于": "<=",
    "不大于": "<=",
    "不超": "<=",
    "控制在": "<=",
    "至多": "<=",
    "最多": "<=",
    "超过": ">",
    "高于": ">",
    "大于": ">",
    "多于": ">",
    "低于": "<",
    "少于": "<",
    "小于": "<",
    "不足": "<",
    "不满": "<",
    "等于": "=",
    _COPULA: "=",
}
_SUFFIXES: dict[str, Op] = {
    "及以上": ">=",
    "以上": ">=",
    "及以下": "<=",
    "以下": "<=",
    "以内": "<=",
    "之内": "<=",
    "内": "<=",
}
_MARKERS: dict[str, Op] = {**_SYMBOLS, **_PHRASES}


def _alternation(words: list[str] | dict[str, Op]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MARKER_RE = re.compile(_alternation(_MARKERS))
_UNIT_CHAR = r"[^\d\s,.;:!?<>=()\[\]{}\"'~+*%‰\-。、【】“”‘’…—≥≤≧≦⩾⩽≮≯]"
_MAX_UNIT = 4
_MAX_RATIO_UNIT = 8
_QUANT_RE = re.compile(
    rf"(?P<pre>(?:(?:{_alternation(_MARKERS)}) ?){{0,3}})"
    r"(?P<num>-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?: [0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
    r"|(?P<ph>[xX]+|\*+|\?+))"
    rf" ?(?P<unit>%|‰|{_UNIT_CHAR}{{1,{_MAX_RATIO_UNIT}}}?)?? ?(?P<suf>{_alternation(_SUFFIXES)})?"
)
_YEAR = "(?:19|20)[0-9]{2}"
_MONTH = "(?:1[0-2]|0?[1-9])"
_DAY = "(?:3[01]|[12][0-9]|0?[1-9])"
_DATE_RE = re.compile(
    r"(?P<pre>不晚于|不迟于|最迟|最晚|截至|截止|<=|≤|≦|⩽)? ?"
    rf"(?:(?P<ymd>{_YEAR}[-./]{_MONTH}(?P<day>[-./]{_DAY})?)"
    rf"|(?P<ym>(?P<y>{_YEAR} ?年 ?)?{_MONTH} ?月 ?(?P<md>{_DAY} ?[日号]|(?P<me>[底末])|[上中下]旬|份)?)"
    rf"|(?:{_YEAR} ?|本|今|当)?年度?(?P<ye>[底末内]))"
    r" ?(?:(?P<by>以前|之前|前|以内|之内|内|为止|止)|(?P<after>以后|之后|后))?"
    r"(?P<tail>(?:全部|全面|基本)?(?:完成|完工|办结|结束|举行|召开|到位|发放|上线|实施|开展|启动|验收"
    r"|支付|拨付|交付|竣工|投入使用)(?:验收|任务|工作)?)?"
)
_NONE_RE = re.compile(r"[-—–―─/\\]+|无")
_PLACEHOLDER_RE = re.compile(
    r"[xX]{2,}|\*+|\?+|待定|另定|(?:单击或点击|单击)此处输入(?:文字|日期)。?|选择一项。?"
    r"|(?i:click or tap here to enter text\.?|click or tap to enter a date\.?|choose an item\.?)"
)
_TRAILING_STOP = "。.;,、"

_Parsed = tuple[Op | None, Decimal | None, str | None, Kind, bool, tuple[Op, ...]]
_TEXT: _Parsed = (None, None, None, "text", False, ())


def _choose(markers: list[str], suffix: str | None) -> tuple[Op | None, tuple[Op, ...]]:
    symbols = [_SYMBOLS[m] for m in markers if m in _SYMBOLS]
    phrases = [_PHRASES[m] for m in markers if m in _PHRASES and m != _COPULA]
    ops = symbols + phrases
    if suffix:
        ops.append(_SUFFIXES[suffix])
    if ops:
        return ops[0], tuple(ops)
    return ("=", ()) if markers else (None, ())


def _date(m: re.Match[str]) -> _Parsed | None:
    pre, by, after = m.group("pre", "by", "after")
    if m.group("ymd") and not (m.group("day") or by or after):
        return None
    if m.group("ym") and not (m.group("y") or m.group("md") or by or after or m.group("tail")):
        return None
    markers: list[Op] = []
    if pre:
        markers.append("<=")
    if by:
        markers.append("<=")
    if after:
        markers.append(">=")
    op: Op | None = markers[0] if markers else None
    if op is None and (m.group("me") or m.group("ye")):
        op = "<="
    return (op, None, None, "date", False, tuple(markers))


def _quant(m: re.Match[str]) -> _Parsed | None:
    pre, num, ph, unit, suffix = m.group("pre", "num", "ph", "unit", "suf")
    if unit is not None and len(unit) > _MAX_UNIT and "/" not in unit:
        return None
    markers = _MARKER_RE.findall(pre) if pre else []
    op, ops = _choose(markers, suffix)
    kind: Kind = "percent" if unit == "%" or unit == "‰" else "number"
    if ph is not None:
        if not markers and ph in ("x", "X") and kind != "percent":
            return None
        return (op, None, unit, kind, True, ops)
    number = Decimal(num.replace(",", "").replace(" ", ""))
    return (op, number, unit, kind, False, ops)


def _read(s: str) -> _Parsed:
    if not s:
        return (None, None, None, "empty", False, ())
    if _NONE_RE.fullmatch(s):
        return (None, None, None, "none", False, ())
    if _PLACEHOLDER_RE.fullmatch(s):
        return (None, None, None, "text", True, ())
    body = s.rstrip(_TRAILING_STOP) or s
    m = _DATE_RE.fullmatch(body)
    if m is not None:
        parsed = _date(m)
        if parsed is not None:
            return parsed
    m = _QUANT_RE.fullmatch(body)
    if m is not None:
        parsed = _quant(m)
        if parsed is not None:
            return parsed
    return _TEXT


@lru_cache(maxsize=8192)
def _reading(text: str) -> _Parsed:
    """`_read` of the normalized text, memoized: forms repeat their values ("100%", "计划标准", "") within a
    filing and across a batch. The result is immutable (a `Decimal` and tuples), so sharing it is safe."""
    return _read(normalize(text))


def parse_value(raw: str, *, loc: Location | None = None, placeholder: bool = False) -> Value:
    """Read one cell's text; `raw` keeps the text (ASCII whitespace trimmed at both ends, U+00A0 kept)."""
    if type(placeholder) is bool and (loc is None or type(loc) is Location):
        return read_cell(raw, loc, placeholder)
    raw = raw.strip(_ASCII_WS)
    op, number, unit, kind, found, _ = _reading(raw)
    return Value(
        raw=raw, op=op, number=number, unit=unit, kind=kind, placeholder=placeholder or found, loc=loc
    )


def read_cell(raw: str, loc: Location | None, placeholder: bool) -> Value:
    """`parse_value` for callers that pass a `Location` (or None) and a bool, as the parser does: the
    reading has the field types and the arguments are known to have theirs, so no validation is needed."""
    raw = raw.strip(_ASCII_WS)
    op, number, unit, kind, found, _ = _reading(raw)
    return _value(raw, op, number, unit, kind, placeholder or found, loc)


_value = positional_builder(Value, "raw", "op", "number", "unit", "kind", "placeholder", "loc")


def op_conflict(raw: str) -> bool:
    """True when a value carries operator markers that disagree ("≤5天以上", "超过5次以上", "≥=90%").

    Markers that say the same thing ("≥90%以上", "控制在5%以内") do not conflict; 为 ("为100%") is a copula
    and counts only when it is the sole marker.
    """
    ops = _reading(raw)[5]
    return len(set(ops)) > 1
