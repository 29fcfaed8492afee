"""Parsers for the cell values users write: dates, amounts, rates, lists, mappings, booleans.

They accept what an accountant types in Excel or YAML (``2026年11月23日``, ``¥1,234.50``,
``5%``, ``合同;验收单``) and raise ``ValueProblem`` (a ``ValueError``) with a message that says what
is accepted, in English and in Chinese.
Readers and the pydantic records share them, so a value means the same in every file format.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from zhangkuan.core.money import minor_unit
from zhangkuan.model.problems import ValueProblem

_DATE_SEPARATED = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_LIST_SEPARATORS = re.compile(r"[;；、]")
_AMOUNT_NOISE = str.maketrans("", "", "¥￥, \u00a0")
DATE_HINT = "write dates as 2026-11-23, 2026/11/23 or 2026年11月23日"
DATE_HINT_ZH = "日期请写成 2026-11-23、2026/11/23 或 2026年11月23日"


def parse_date(value: object) -> date:
    """A calendar date from ISO text, ``2026/11/23``, ``2026年11月23日`` or a spreadsheet date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if len(text) == 10 and text[4] == "-":
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    match = _DATE_SEPARATED.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError as exc:
            why = "月份应在 1 到 12 之间" if not 1 <= month <= 12 else f"{year}年{month}月没有{day}日"
            raise ValueProblem(f"'{text}' is not a real date ({exc})", f"“{text}”不是真实的日期：{why}") from None
    raise ValueProblem(f"'{text}' is not a date; {DATE_HINT}", f"“{text}”不是日期；{DATE_HINT_ZH}")


def parse_amount(value: object, currency: str = "CNY", *, allow_zero: bool = True) -> Decimal:
    """A non-negative amount with no more decimals than the currency has.

    Accepts ``1234.5``, ``1,234.50``, ``¥1,234.50``; rejects negatives, NaN, infinities and
    ``12.345`` in CNY (a third decimal is a typo, never silently rounded away).
    """
    if isinstance(value, bool):
        raise ValueProblem(f"'{value}' is not an amount", f"“{value}”不是金额")
    if isinstance(value, float):
        text = repr(value)  # spreadsheets hand numbers over as floats; repr is the shortest exact form
    else:
        text = str(value).translate(_AMOUNT_NOISE)
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueProblem(f"'{value}' is not an amount; write it like 1234.50 or ¥1,234.50", f"“{value}”不是金额；请写成 1234.50 或 ¥1,234.50 的形式") from None
    if not amount.is_finite():
        raise ValueProblem(f"'{value}' is not a finite amount", f"“{value}”不是有限的金额")
    if amount < 0:
        raise ValueProblem(f"'{value}' is negative; amounts are positive, the kind says which way they go", f"“{value}”是负数；金额一律填正数，借贷方向由业务类型决定")
    if not allow_zero and amount == 0:
        raise ValueProblem("the amount is zero", "金额不能为零")
    decimals = minor_unit(currency)
    try:
        rounded = amount.quantize(Decimal(1).scaleb(-decimals))
    except InvalidOperation:  # more digits than Decimal's precision: no real amount is that large
        raise ValueProblem(f"'{value}' is too large to be an amount", f"“{value}”过大，不可能是金额") from None
    if rounded != amount:
        raise ValueProblem(f"'{value}' has more decimals than {currency} has ({decimals})", f"“{value}”的小数位数超过 {currency} 允许的 {decimals} 位")
    return rounded


def parse_rate(value: object, *, at_most: Decimal | None = Decimal(1)) -> Decimal:
    """A rate from ``5%`` or ``0.05`` (``5`` alone is ambiguous and refused when above ``at_most``).

    Rates are at most 100 % unless ``at_most`` says otherwise; ``at_most=None`` takes any
    non-negative ratio, for thresholds such as a credit-limit usage of ``120%``.
    """
    if isinstance(value, float):
        text = repr(value)
    else:
        text = str(value).strip().replace("％", "%")
    percent = text.endswith("%")
    try:
        rate = Decimal(text.rstrip("%").strip())
    except InvalidOperation:
        raise ValueProblem(f"'{value}' is not a rate; write 5% or 0.05", f"“{value}”不是比率；请写成 5% 或 0.05") from None
    if not rate.is_finite() or rate < 0:
        raise ValueProblem(f"'{value}' is not a rate; write 5% or 0.05", f"“{value}”不是比率；请写成 5% 或 0.05")
    if percent:
        rate = rate / 100
    if at_most is not None and rate > at_most:
        raise ValueProblem(f"'{value}' is not between 0% and {at_most * 100:.0f}%; write 5% or 0.05", f"“{value}”不在 0% 到 {at_most * 100:.0f}% 之间；请写成 5% 或 0.05")
    return rate


def parse_list(value: object) -> list[str]:
    """A list from a YAML sequence or a cell separated by ``;``, ``；`` or ``、``."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(item).strip() for item in value if str(item).strip()]
    return [item.strip() for item in _LIST_SEPARATORS.split(str(value)) if item.strip()]


def parse_mapping(value: object) -> dict[str, list[str]]:
    """A mapping of key → list from YAML or a cell ``quality=contract+quality_report;all=contract``."""
    if value is None:
        return {}
    if isinstance(value, dict):
        return {str(key).strip(): parse_list(items) for key, items in value.items()}
    mapping: dict[str, list[str]] = {}
    for item in _LIST_SEPARATORS.split(str(value)):
        if not item.strip():
            continue
        key, equals, items = item.partition("=")
        if not equals or not key.strip():
            raise ValueProblem(f"'{item.strip()}' is not key=value; write reason=doc+doc;all=doc", f"“{item.strip()}”不是“键=值”的形式；请写成 reason=doc+doc;all=doc")
        mapping[key.strip()] = [part.strip() for part in items.split("+") if part.strip()]
    return mapping


_TRUE = {"true", "yes", "y", "1", "是", "有", "对", "√", "✓"}
_FALSE = {"false", "no", "n", "0", "否", "无", "", "×"}


def parse_bool(value: object) -> bool:
    """A yes/no flag from true/false, yes/no, 1/0, 是/否 (blank is no)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueProblem(f"'{value}' is not yes or no; write true/false, yes/no or 是/否", f"“{value}”不是“是/否”；请写 true/false、yes/no 或 是/否")


def parse_int(value: object) -> int:
    """A whole number (days, levels); ``30.0`` from a spreadsheet is 30."""
    if isinstance(value, bool):
        raise _not_whole(value)
    if isinstance(value, int):
        return value
    text = repr(value) if isinstance(value, float) else str(value).strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _not_whole(value) from None
    if not number.is_finite() or number != number.to_integral_value():
        raise _not_whole(value)
    return int(number)


def _not_whole(value: object) -> ValueProblem:
    return ValueProblem(f"'{value}' is not a whole number", f"“{value}”不是整数")
