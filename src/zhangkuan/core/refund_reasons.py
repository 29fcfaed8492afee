"""Reason codes of the refund assessment and their messages in English and Chinese.

A reason is data: a stable ``code`` scripts match on, and the numbers behind it. The message
is built from those numbers only when shown, in the language asked for, with amounts in the
currency's decimals — so JSON, tables and tests all read the same figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from zhangkuan.core.money import format_amount

UNKNOWN_CONTRACT = "unknown_contract"
CUSTOMER_MISMATCH = "customer_mismatch"
CONTRACT_CLOSED = "contract_closed"
OUTSIDE_WINDOW = "outside_window"
REASON_NOT_ALLOWED = "reason_not_allowed"
MISSING_EVIDENCE = "missing_evidence"  # the code carries the document: missing_evidence:<doc>
EXCEEDS_BALANCE = "exceeds_balance"
FEE_RETAINED = "fee_retained"
EARNEST_CAPPED = "earnest_capped"
EARNEST_FORFEITED = "earnest_forfeited"
EARNEST_DOUBLED = "earnest_doubled"
APPROVAL_REQUIRED = "approval_required"
POSTED = "posted"

_CONTRIBUTION = "(received {received} − recognised {recognised} − refunded {refunded} − earlier requests pending {pending})"
_CONTRIBUTION_ZH = "（预收 {received} − 已确认收入 {recognised} − 已退 {refunded} − 在先待退申请 {pending}）"
_EARNEST_PART = "{earnest} (= {released} × earnest {earnest_total} ÷ received {received})"
_EARNEST_PART_ZH = "{earnest}（= {released} × 定金 {earnest_total} ÷ 预收 {received}）"

# template key → (English, 中文). The key is the code, or code.variant where one code has
# several situations to explain.
MESSAGES: dict[str, tuple[str, str]] = {
    UNKNOWN_CONTRACT: ("contract {contract} is not in the contracts file", "合同 {contract} 不在合同文件中"),
    CUSTOMER_MISMATCH: (
        "the request is from customer {customer}, but contract {contract} belongs to {contract_customer}",
        "申请客户 {customer} 与合同 {contract} 的客户 {contract_customer} 不一致",
    ),
    CONTRACT_CLOSED: ("contract {contract} is closed", "合同 {contract} 已关闭"),
    f"{OUTSIDE_WINDOW}.until": (
        "requested on {requested_on}, after {last_day}, the last day of the refund window (refundable until {last_day})",
        "申请日期 {requested_on} 晚于退款期限最后一天 {last_day}（合同约定可退至 {last_day}）",
    ),
    f"{OUTSIDE_WINDOW}.days": (
        "requested on {requested_on}, after {last_day}, the last day of the refund window ({window_days} days from the first advance on {first_advance})",
        "申请日期 {requested_on} 晚于退款期限最后一天 {last_day}（首笔预收款 {first_advance} 起 {window_days} 天）",
    ),
    REASON_NOT_ALLOWED: (
        "contract {contract} does not allow refunds for {reason} (allowed: {allowed})",
        "合同 {contract} 不允许以“{reason}”为由退款（允许：{allowed}）",
    ),
    MISSING_EVIDENCE: (
        "a refund for {reason} needs the document '{document}', which the request does not list; rejected until it is supplied",
        "以“{reason}”为由退款须提供“{document}”，申请未列明；补齐前不予退款",
    ),
    f"{EXCEEDS_BALANCE}.partial": (
        "requested {requested}, but the refundable balance is {balance} " + _CONTRIBUTION + "; capped at {balance}",
        "申请 {requested}，可退余额仅 {balance}" + _CONTRIBUTION_ZH + "，按 {balance} 退",
    ),
    f"{EXCEEDS_BALANCE}.none": (
        "requested {requested}, but nothing is refundable: the balance is {balance} " + _CONTRIBUTION,
        "申请 {requested}，但无可退余额：余额 {balance}" + _CONTRIBUTION_ZH,
    ),
    f"{FEE_RETAINED}.prepayment": (
        "the customer is at fault ({reason}): the fee {fee} = {fee_rate} × {released} is retained as liquidated damages (违约金)",
        "客户过错（{reason}）：按 {released} × {fee_rate} 扣留违约金 {fee}",
    ),
    f"{FEE_RETAINED}.earnest": (
        "the customer is at fault ({reason}): the fee {fee} = {fee_rate} × {released} is larger than the earnest part "
        + _EARNEST_PART
        + ", so the fee is retained instead of the earnest, never both (民法典 第588条)",
        "客户过错（{reason}）：违约金 {fee}（= {released} × {fee_rate}）高于定金部分 " + _EARNEST_PART_ZH + "，扣留违约金，不再没收定金，二者不并用（民法典第588条）",
    ),
    EARNEST_CAPPED: (
        "the earnest {agreed} exceeds {cap_rate} of the contract amount {contract_amount}: only {cap} counts as earnest, the rest as prepayment (民法典 第586条)",
        "定金 {agreed} 超过合同金额 {contract_amount} 的 {cap_rate}：仅 {cap} 按定金处理，超出部分视为预付款（民法典第586条）",
    ),
    EARNEST_FORFEITED: (
        "the customer is at fault ({reason}): the earnest part " + _EARNEST_PART + " is forfeited (the fee would be {fee}; 民法典 第587–588条)",
        "客户过错（{reason}）：定金部分 " + _EARNEST_PART_ZH + "不予返还（违约金仅 {fee}；民法典第587–588条）",
    ),
    EARNEST_DOUBLED: (
        "the company is at fault ({reason}): the earnest part " + _EARNEST_PART + " is returned twice over, {earnest} paid beyond the advance (民法典 第587条)",
        "公司过错（{reason}）：定金部分 " + _EARNEST_PART_ZH + "双倍返还，超出预收的 {earnest} 另行支付（民法典第587条）",
    ),
    APPROVAL_REQUIRED: (
        "the cash refund {cash_refund} needs approval level {level} ({approver}); the request records level {recorded}",
        "退款现金 {cash_refund} 须 {level} 级审批（{approver}），申请记录的审批级别为 {recorded}",
    ),
    f"{APPROVAL_REQUIRED}.later": (
        "the cash refund {cash_refund} needs approval level {level} ({approver}); level {recorded} was given on {approved_on}, after {as_of}",
        "退款现金 {cash_refund} 须 {level} 级审批（{approver}）；{recorded} 级审批日期 {approved_on} 晚于 {as_of}",
    ),
    POSTED: (
        "already posted: ledger refund {doc} of {date} released {released}; nothing more to do",
        "已入账：{date} 的退款记录 {doc} 已释放预收 {released}，无需再处理",
    ),
}

REASON_NAMES_ZH = {
    "demand_change": "客户需求变化",
    "quality": "产品质量问题",
    "contract_change": "合同条款变更",
    "payment_inability": "支付能力不足",
}


@dataclass(frozen=True, slots=True)
class Percent:
    """A rate shown as a percentage (``0.05`` → ``5%``) rather than as an amount."""

    rate: Decimal

    def __str__(self) -> str:
        text = format(self.rate * 100, "f")
        return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason code with the numbers behind it.

    ``variant`` picks the message when one code covers several situations (a window from a
    date or from a number of days); it is not part of the code.
    """

    code: str
    params: Mapping[str, object] = field(default_factory=dict)
    variant: str = ""

    def message(self, lang: str, currency: str) -> str:
        """The message in ``en`` or ``zh``, amounts with the currency's decimals, dates ISO."""
        base = self.code.split(":", 1)[0]
        english, chinese = MESSAGES[f"{base}.{self.variant}" if self.variant else base]
        values = {name: _shown(name, value, lang, currency) for name, value in self.params.items()}
        return (chinese if lang == "zh" else english).format(**values)


def _shown(name: str, value: object, lang: str, currency: str) -> str:
    if isinstance(value, Decimal):
        return format_amount(value, currency)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ("、" if lang == "zh" else ", ").join(_shown(name, item, lang, currency) for item in value)
    if name in ("reason", "allowed") and lang == "zh":
        return REASON_NAMES_ZH.get(str(value), str(value))
    return str(value)
