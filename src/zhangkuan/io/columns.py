"""Column names each records file accepts, and how a header row maps onto record fields.

A header cell matches a field by its English name or a Chinese alias, ignoring case, the
spaces around it and the spelling of word breaks (``Terms Days`` = ``terms-days`` =
``terms_days``). The tables are per record type because the same Chinese word means different
fields in different files: 客户编号 is a customer's own ``id`` in customers.csv but the
``customer`` a contract belongs to in contracts.csv.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from zhangkuan.model.findings import Finding, Source, error
from zhangkuan.model.values import DATE_HINT, DATE_HINT_ZH

_WORD_BREAKS = re.compile(r"[\s\-]+")


def normalise_name(name: str) -> str:
    """The comparable form of a column name: trimmed, case-folded, word breaks as ``_``."""
    return _WORD_BREAKS.sub("_", name.strip().lstrip("\ufeff").strip()).casefold()


@dataclass(frozen=True)
class ColumnSet:
    """The columns of one kind of records file: field → accepted aliases, in file order.

    ``text_fields`` are read from YAML exactly as written (``doc: 007`` stays ``"007"``,
    never the octal number 7), ``free_text`` are the columns a human types prose into (the
    ones neutralised against formula injection when zhangkuan appends to a CSV).
    ``record_zh`` names the file in Chinese messages; a field's first alias is its Chinese name.
    """

    record: str
    aliases: dict[str, tuple[str, ...]]
    required: frozenset[str]
    text_fields: frozenset[str] = frozenset()
    free_text: frozenset[str] = frozenset()
    record_zh: str = ""

    @cached_property
    def _by_name(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for field_name, aliases in self.aliases.items():
            for name in (field_name, *aliases):
                names[normalise_name(name)] = field_name
        return names

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.aliases)

    def field_for(self, written: str) -> str | None:
        """The field a column name stands for, or None when it is not one of ours."""
        return self._by_name.get(normalise_name(written))

    def accepted(self) -> str:
        """The accepted names, for hints: ``id (客户编号), name (客户名称), …``."""
        return ", ".join(f"{name} ({aliases[0]})" if aliases else name for name, aliases in self.aliases.items())

    def accepted_zh(self) -> str:
        """The accepted names for Chinese hints: ``id（客户编号）、name（客户名称）、…``."""
        return "、".join(f"{name}（{aliases[0]}）" if aliases else name for name, aliases in self.aliases.items())

    def chinese(self, field_name: str) -> str:
        """The field's Chinese name in this file (客户编号 for a customer's id), else the field name."""
        aliases = self.aliases.get(field_name, ())
        return aliases[0] if aliases else field_name

    def named_zh(self, field_name: str) -> str:
        """``单据号（doc）``: the Chinese name with the field name, for messages."""
        chinese = self.chinese(field_name)
        return chinese if chinese == field_name else f"{chinese}（{field_name}）"

    def resolve(self, header: Sequence[object], file: str) -> Header:
        """Map a header row to fields, reporting unknown, duplicate and missing columns."""
        positions: list[str | None] = []
        written: dict[str, str] = {}
        findings: list[Finding] = []
        where = Source(file, 1)
        for cell in header:
            name = "" if cell is None else str(cell).strip().lstrip("\ufeff").strip()
            if not name:
                positions.append(None)  # an unnamed column is ignored unless a row fills it
                continue
            field_name = self.field_for(name)
            if field_name is None:
                findings.append(error(
                    "unknown_column", f"'{name}' is not a column of {self.record}", where, name, f"use one of: {self.accepted()}",
                    zh=f"“{name}”不是{self.record_zh}的列", hint_zh=f"可用的列名：{self.accepted_zh()}",
                ))
                positions.append(None)
            elif field_name in written:
                findings.append(error(
                    "duplicate_column", f"'{name}' repeats the column '{written[field_name]}' (both mean {field_name})", where, name, "keep one of the two columns",
                    zh=f"“{name}”与“{written[field_name]}”列重复（都表示 {field_name}）", hint_zh="两列只保留一列",
                ))
                positions.append(None)
            else:
                written[field_name] = name
                positions.append(field_name)
        for field_name in self.fields:
            if field_name in self.required and field_name not in written:
                aliases = self.aliases[field_name]
                also = f" (or {' / '.join(aliases)})" if aliases else ""
                also_zh = f"（也可命名为 {' / '.join(aliases)}）" if aliases else ""
                findings.append(error(
                    "missing_column", f"{self.record} needs a column '{field_name}'; no record of this file was read", where, field_name, f"add a column named {field_name}{also}",
                    zh=f"{self.record_zh}缺少“{field_name}”列（{self.chinese(field_name)}），本文件的记录均未读取", hint_zh=f"添加名为 {field_name} 的列{also_zh}",
                ))
        return Header(positions, written, findings)


@dataclass(frozen=True)
class Header:
    """A resolved header row: the field at each position (None: ignored), each field's written
    name, and the problems found. ``complete`` is False when a required column is missing."""

    positions: list[str | None]
    written: dict[str, str]
    findings: list[Finding] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not any(finding.code == "missing_column" for finding in self.findings)


_AMOUNT_HINT = (
    "write a positive amount with no more decimals than the currency has, e.g. 1234.50 or ¥1,234.50",
    "金额填正数，小数位数不超过币种允许的位数，例如 1234.50 或 ¥1,234.50",
)
_RATE_HINT = ("write a rate as 5% or 0.05", "比率请写成 5% 或 0.05")
_DAYS_HINT = ("write a whole number of days, e.g. 30", "请填写整数天数，例如 30")
_LIST_HINT = ("separate the items with ; (or ；/、)", "多项之间用 ; 分隔（也可用 ；或 、）")
_BOOL_HINT = ("write true/false, yes/no or 是/否", "请填写 true/false、yes/no 或 是/否")

# What to write, per field name (the same name means the same kind of value in every file):
# (English, 中文).
HINTS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(["date", "due", "signed_on", "refundable_until", "requested_on", "approved_on", "promised_date"], (DATE_HINT, DATE_HINT_ZH)),
    **dict.fromkeys(["amount", "credit_limit", "earnest_amount", "promised_amount"], _AMOUNT_HINT),
    **dict.fromkeys(["terms_days", "window_days"], _DAYS_HINT),
    **dict.fromkeys(["written_demand", "acknowledged", "earnest_forfeit", "earnest_double"], _BOOL_HINT),
    **dict.fromkeys(["fee_rate", "earnest_cap"], _RATE_HINT),
    "allowed_reasons": (
        f"list reasons (demand_change, quality, contract_change, payment_inability or your own); {_LIST_HINT[0]}",
        f"列出允许的退款原因（demand_change 客户需求变化、quality 产品质量问题、contract_change 合同条款变更、payment_inability 支付能力不足，或自定义原因）；{_LIST_HINT[1]}",
    ),
    "evidence": (f"{_LIST_HINT[0]}; in contracts write reason=doc+doc;all=doc", f"{_LIST_HINT[1]}；合同中写成 reason=doc+doc;all=doc"),
    "fault": (
        "write reason=customer;quality=company (customer 客户, company 公司, mutual 双方)",
        "写成 reason=customer;quality=company（customer 客户、company 公司、mutual 双方）",
    ),
    "kind": (
        "write invoice, receipt, credit_note, write_off, advance, recognition or refund (or 发票, 收款, 红字, 核销, 预收, 确认收入, 退款)",
        "请填写 发票、收款、红字、核销、预收、确认收入、退款（或 invoice、receipt、credit_note、write_off、advance、recognition、refund）",
    ),
    "deposit_kind": ("write prepayment (预付款) or earnest (定金)", "请填写 预付款（prepayment）或 定金（earnest）"),
    "status": ("write open (执行中) or closed (已关闭)", "请填写 执行中（open）或 已关闭（closed）"),
    "action": (
        "write email, sms, phone, letter, visit, lawyer_letter, agency or lawsuit (or 邮件, 电话, 催款函, 上门, 律师函, 委外, 诉讼)",
        "请填写 邮件、短信、电话、催款函、上门、律师函、委外、诉讼（或 email、sms、phone、letter、visit、lawyer_letter、agency、lawsuit）",
    ),
    "approval_level": ("write the approval level reached as a whole number (0 = not approved)", "请填写已达到的审批级别，整数（0 表示未审批）"),
    "grade": ("write A, B, C or D, or leave it blank", "请填写 A、B、C 或 D，或留空"),
}


def hint_for(field_name: str, lang: str = "en") -> str:
    """What to write in the field, in ``lang`` (``en`` or ``zh``); "" when there is nothing to say."""
    pair = HINTS.get(field_name)
    return "" if pair is None else pair[1 if lang == "zh" else 0]


CUSTOMERS = ColumnSet(
    record="customers",
    aliases={
        "id": ("客户编号", "客户代码", "编号"),
        "name": ("客户名称", "名称"),
        "credit_limit": ("信用额度",),
        "terms_days": ("账期", "账期天数", "信用期"),
        "collector": ("催收负责人", "负责人"),
        "phone": ("电话", "联系电话"),
        "email": ("邮箱", "电子邮箱", "电子邮件"),
        "address": ("地址",),
        "tax_id": ("统一社会信用代码", "信用代码", "税号"),
        "grade": ("信用等级",),
    },
    required=frozenset({"id", "name"}),
    text_fields=frozenset({"id", "name", "collector", "phone", "email", "address", "tax_id", "grade"}),
    free_text=frozenset({"name", "address"}),
    record_zh="客户表",
)

CONTRACTS = ColumnSet(
    record="contracts",
    aliases={
        "id": ("合同编号", "合同号", "编号"),
        "customer": ("客户", "客户编号"),
        "signed_on": ("签订日期", "签约日期"),
        "amount": ("合同金额", "金额"),
        "deposit_kind": ("款项性质", "存款类型", "预收类型"),
        "earnest_amount": ("定金金额",),
        "window_days": ("可退天数", "退款天数"),
        "refundable_until": ("退款期限", "可退期限"),
        "fee_rate": ("手续费率", "违约金比例"),
        "allowed_reasons": ("允许原因", "可退原因"),
        "evidence": ("所需材料", "证据"),
        "fault": ("过错方", "责任方"),
        "status": ("状态", "合同状态"),
        "earnest_cap": ("定金上限",),
        "earnest_forfeit": ("定金罚没", "没收定金"),
        "earnest_double": ("定金双倍返还", "双倍返还"),
    },
    required=frozenset({"id", "customer", "signed_on", "amount"}),
    text_fields=frozenset({"id", "customer"}),
    record_zh="合同表",
)

LEDGER = ColumnSet(
    record="ledger",
    aliases={
        "date": ("日期", "业务日期"),
        "kind": ("类型", "业务类型"),
        "doc": ("单据号", "单号", "单据编号"),
        "customer": ("客户", "客户编号"),
        "contract": ("合同", "合同编号"),
        "amount": ("金额",),
        "due": ("到期日",),
        "applies_to": ("核销对象", "对应单据"),
        "memo": ("摘要", "备注"),
    },
    required=frozenset({"date", "kind", "doc", "customer", "amount"}),
    text_fields=frozenset({"doc", "customer", "contract", "applies_to", "memo"}),
    free_text=frozenset({"memo"}),
    record_zh="台账",
)

REFUNDS = ColumnSet(
    record="refunds",
    aliases={
        "id": ("申请编号", "退款单号", "编号"),
        "contract": ("合同", "合同编号"),
        "customer": ("客户", "客户编号"),
        "requested_on": ("申请日期",),
        "amount": ("申请金额", "退款金额", "金额"),
        "reason": ("原因", "退款原因"),
        "evidence": ("证据", "材料", "所需材料"),
        "approved_by": ("审批人",),
        "approval_level": ("审批级别",),
        "approved_on": ("审批日期",),
    },
    required=frozenset({"id", "contract", "customer", "requested_on", "amount", "reason"}),
    text_fields=frozenset({"id", "contract", "customer", "reason", "approved_by"}),
    record_zh="退款申请表",
)

COLLECTIONS = ColumnSet(
    record="collections",
    aliases={
        "date": ("日期", "催收日期"),
        "customer": ("客户", "客户编号"),
        "doc": ("单据号", "单号"),
        "action": ("催收方式", "方式"),
        "outcome": ("结果",),
        "promised_amount": ("承诺金额",),
        "promised_date": ("承诺日期",),
        "written_demand": ("书面催告",),
        "acknowledged": ("确认债务",),
        "by": ("经办人",),
        "note": ("备注",),
    },
    required=frozenset({"date", "customer", "action"}),
    text_fields=frozenset({"customer", "doc", "outcome", "by", "note"}),
    free_text=frozenset({"outcome", "note"}),
    record_zh="催收记录",
)

COLUMN_SETS: dict[str, ColumnSet] = {columns.record: columns for columns in (CUSTOMERS, CONTRACTS, LEDGER, REFUNDS, COLLECTIONS)}


@dataclass(frozen=True, slots=True)
class Row:
    """One record as read from any format: its cells by field, blank cells left out.

    ``columns`` holds each field's column name as the user wrote it (for findings); ``lines``
    the line of a cell when it differs from the record's (YAML puts each key on its own line).
    """

    line: int
    cells: dict[str, object]
    columns: dict[str, str]
    lines: dict[str, int] = field(default_factory=dict)

    def column(self, field_name: str) -> str:
        return self.columns.get(field_name, field_name)

    def line_of(self, field_name: str) -> int:
        return self.lines.get(field_name, self.line)


def columns_as_written(rows: Iterable[Row]) -> dict[str, str]:
    """Each field's column name as the rows' file writes it (YAML records may differ: first wins)."""
    written: dict[str, str] = {}
    for row in rows:
        for name, column in row.columns.items():
            written.setdefault(name, column)
    return written
