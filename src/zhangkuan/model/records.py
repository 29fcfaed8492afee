"""One record type per business object of SPEC §2.2.

Customers, contracts, refund requests and collection-log entries are pydantic models: there are
few of them and each cell deserves a precise error. Ledger lines are plain slotted dataclasses
built by a dedicated reader, because a million of them must load in about a second and fit in
a few hundred MiB; the reader applies the same value parsers (``model.values``).

Amount fields need the books' currency to know how many decimals are allowed: validate with
``Model.model_validate(data, context={"currency": "CNY"})``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo

from zhangkuan.model.enums import (
    CollectionAction,
    ContractStatus,
    DepositKind,
    Fault,
    LedgerKind,
    RefundReason,
    parse_enum,
)
from zhangkuan.model.findings import Source
from zhangkuan.model.values import (
    parse_amount,
    parse_bool,
    parse_date,
    parse_int,
    parse_list,
    parse_mapping,
    parse_rate,
)


def _amount(value: Any, info: ValidationInfo) -> Decimal:
    currency = (info.context or {}).get("currency", "CNY")
    return parse_amount(value, currency)


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a spreadsheet turns the id 1001 into 1001.0
    return str(value).strip()


def _reason(value: Any) -> RefundReason | str:
    """A known reason (English or Chinese), or the user's own text for 'other'."""
    text = _text(value)
    try:
        return parse_enum(RefundReason, text)
    except ValueError:
        return text


def _reasons(value: Any) -> list[RefundReason | str]:
    return [_reason(item) for item in parse_list(value)]


def _faults(value: Any) -> dict[str, Fault]:
    mapping = value if isinstance(value, dict) else {key: "".join(items) for key, items in parse_mapping(value).items()}
    return {str(_reason(key)): parse_enum(Fault, str(fault)) for key, fault in mapping.items()}


def _enum(enum_type: type) -> BeforeValidator:
    return BeforeValidator(lambda value: value if isinstance(value, enum_type) else parse_enum(enum_type, _text(value)))


Amount = Annotated[Decimal, BeforeValidator(_amount)]
Day = Annotated[date, BeforeValidator(parse_date)]
Rate = Annotated[Decimal, BeforeValidator(parse_rate)]
Days = Annotated[int, BeforeValidator(parse_int), Field(ge=0)]
Flag = Annotated[bool, BeforeValidator(parse_bool)]
Text = Annotated[str, BeforeValidator(_text)]
Id = Annotated[str, BeforeValidator(_text), Field(min_length=1)]
TextList = Annotated[list[str], BeforeValidator(parse_list)]
DocsByReason = Annotated[dict[str, list[str]], BeforeValidator(parse_mapping)]
Reason = Annotated[RefundReason | str, BeforeValidator(_reason)]
ReasonList = Annotated[list[RefundReason | str], BeforeValidator(_reasons)]
FaultByReason = Annotated[dict[str, Fault], BeforeValidator(_faults)]


class Record(BaseModel):
    """Base of the user-written records: immutable, unknown columns refused, source kept aside."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    source: Source | None = Field(default=None, exclude=True, repr=False)


class Customer(Record):
    id: Id
    name: Text
    credit_limit: Amount | None = None
    terms_days: Days | None = None
    collector: Text = ""
    phone: Text = ""
    email: Text = ""
    address: Text = ""
    tax_id: Text = ""
    grade: Annotated[str, BeforeValidator(lambda v: _text(v).upper()), Field(pattern="^[ABCD]?$")] = ""


class Contract(Record):
    id: Id
    customer: Id
    signed_on: Day
    amount: Amount
    deposit_kind: Annotated[DepositKind, _enum(DepositKind)] = DepositKind.PREPAYMENT
    earnest_amount: Amount | None = None
    window_days: Days | None = None
    refundable_until: Day | None = None
    fee_rate: Rate | None = None
    allowed_reasons: ReasonList = Field(default_factory=lambda: list(RefundReason))
    evidence: DocsByReason = Field(default_factory=dict)
    fault: FaultByReason = Field(default_factory=dict)
    status: Annotated[ContractStatus, _enum(ContractStatus)] = ContractStatus.OPEN
    # 定金 terms of this contract; blank falls back to books.yaml ``refunds`` (民法典 第586–588条).
    earnest_cap: Rate | None = None
    earnest_forfeit: Flag | None = None
    earnest_double: Flag | None = None


class RefundRequest(Record):
    id: Id
    contract: Id
    customer: Id
    requested_on: Day
    amount: Amount
    reason: Reason
    evidence: TextList = Field(default_factory=list)
    approved_by: Text = ""
    approval_level: Annotated[int, BeforeValidator(parse_int), Field(ge=0)] = 0
    approved_on: Day | None = None


class CollectionEntry(Record):
    date: Day
    customer: Id
    doc: Text = ""
    action: Annotated[CollectionAction, _enum(CollectionAction)]
    outcome: Text = ""
    promised_amount: Amount | None = None
    promised_date: Day | None = None
    written_demand: Flag = False
    acknowledged: Flag = False
    by: Text = ""
    note: Text = ""


@dataclass(slots=True)
class LedgerLine:
    """One business event (SPEC §2.2). ``due`` is always set on invoices once loaded
    (blank means the invoice date plus the customer's ``terms_days``)."""

    date: date
    kind: LedgerKind
    doc: str
    customer: str
    amount: Decimal
    contract: str = ""
    due: date | None = None
    applies_to: str = ""
    memo: str = ""
    file: str = ""
    line: int = 0

    @property
    def source(self) -> Source:
        return Source(self.file, self.line)


# Record types by the file stem they are read from (``customers.csv`` → Customer).
RECORD_TYPES: dict[str, type[Record]] = {
    "customers": Customer,
    "contracts": Contract,
    "refunds": RefundRequest,
    "collections": CollectionEntry,
}
