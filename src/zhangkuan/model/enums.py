"""Enumerations of the business vocabulary, with the Chinese names users may write instead.

Each enum's ``ALIASES`` maps accepted spellings (English and Chinese) to members, so readers
can accept ``定金`` where the spec says ``earnest``. A member's first alias is its Chinese name
in messages (``chinese_name``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from zhangkuan.model.problems import ValueProblem

E = TypeVar("E", bound=StrEnum)


class LedgerKind(StrEnum):
    INVOICE = "invoice"
    RECEIPT = "receipt"
    CREDIT_NOTE = "credit_note"
    WRITE_OFF = "write_off"
    ADVANCE = "advance"
    RECOGNITION = "recognition"
    REFUND = "refund"


class DepositKind(StrEnum):
    PREPAYMENT = "prepayment"
    EARNEST = "earnest"


class RefundReason(StrEnum):
    DEMAND_CHANGE = "demand_change"
    QUALITY = "quality"
    CONTRACT_CHANGE = "contract_change"
    PAYMENT_INABILITY = "payment_inability"


class Fault(StrEnum):
    CUSTOMER = "customer"
    COMPANY = "company"
    MUTUAL = "mutual"


class CollectionAction(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    PHONE = "phone"
    LETTER = "letter"
    VISIT = "visit"
    LAWYER_LETTER = "lawyer_letter"
    AGENCY = "agency"
    LAWSUIT = "lawsuit"


class ContractStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Standard(StrEnum):
    CAS = "cas"
    SMALL = "small"


class AdvanceAccount(StrEnum):
    CONTRACT_LIABILITIES = "contract_liabilities"
    ADVANCE_RECEIPTS = "advance_receipts"


class AgingBasis(StrEnum):
    DUE_DATE = "due_date"
    INVOICE_DATE = "invoice_date"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


ALIASES: dict[type[StrEnum], dict[str, str]] = {
    LedgerKind: {
        "发票": "invoice", "应收": "invoice", "销售发票": "invoice", "应收发票": "invoice",
        "收款": "receipt", "回款": "receipt",
        "红字发票": "credit_note", "红字": "credit_note", "折让": "credit_note", "贷项通知": "credit_note",
        "坏账核销": "write_off", "核销": "write_off",
        "预收款": "advance", "预收": "advance",
        "确认收入": "recognition", "收入确认": "recognition",
        "退款": "refund", "退回": "refund",
    },
    DepositKind: {"预付款": "prepayment", "定金": "earnest"},
    RefundReason: {
        "客户需求变化": "demand_change", "需求变化": "demand_change",
        "产品质量问题": "quality", "质量问题": "quality",
        "合同条款变更": "contract_change", "合同变更": "contract_change",
        "支付能力不足": "payment_inability",
    },
    Fault: {"客户": "customer", "公司": "company", "双方": "mutual"},
    CollectionAction: {
        "邮件": "email", "短信": "sms", "电话": "phone", "催款函": "letter", "函件": "letter",
        "上门": "visit", "拜访": "visit", "律师函": "lawyer_letter", "委外": "agency",
        "催收机构": "agency", "诉讼": "lawsuit", "起诉": "lawsuit",
    },
    ContractStatus: {"执行中": "open", "开放": "open", "已关闭": "closed", "关闭": "closed"},
    Standard: {"企业会计准则": "cas", "小企业会计准则": "small"},
    AdvanceAccount: {"合同负债": "contract_liabilities", "预收账款": "advance_receipts"},
    AgingBasis: {"到期日": "due_date", "发票日": "invoice_date", "开票日": "invoice_date"},
}


def parse_enum(enum_type: type[E], text: str) -> E:
    """Return the member named by ``text`` (English value, case-insensitive, or Chinese alias).

    Raises ``ValueProblem`` (a ``ValueError``) listing the accepted values when nothing matches.
    """
    cleaned = text.strip()
    try:
        return enum_type(cleaned.lower())
    except ValueError:
        pass
    alias = ALIASES.get(enum_type, {}).get(cleaned)
    if alias is not None:
        return enum_type(alias)
    accepted = ", ".join(member.value for member in enum_type)
    accepted_zh = "、".join(f"{member.value}（{chinese_name(member)}）" if chinese_name(member) != member.value else member.value for member in enum_type)
    raise ValueProblem(f"'{text}' is not one of: {accepted}", f"“{text}”不是可选的值；可选：{accepted_zh}")


def chinese_name(member: StrEnum) -> str:
    """The member's Chinese name (its first alias), or its value when it has none."""
    return next((alias for alias, value in ALIASES.get(type(member), {}).items() if value == member.value), member.value)
