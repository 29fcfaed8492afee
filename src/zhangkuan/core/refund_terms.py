"""A contract's refund terms: its own columns, else the ``refunds`` defaults of books.yaml.

Resolving the terms once, in one place, keeps the rules of ``core.refunds`` free of
"contract or else books.yaml" branches, and makes "which value applied" easy to test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from zhangkuan.model.config import DEFAULT_FAULT, RefundsConfig
from zhangkuan.model.enums import DepositKind, Fault, RefundReason, parse_enum
from zhangkuan.model.records import Contract

ALL_REASONS = "all"  # key of a contract's evidence mapping that applies to every reason


def reason_key(reason: object) -> str:
    """The comparable form of a reason: the English value of a known one (``质量问题`` →
    ``quality``), else the user's own text, trimmed."""
    text = str(reason).strip()
    try:
        return parse_enum(RefundReason, text).value
    except ValueError:
        return text


@dataclass(frozen=True, slots=True)
class Window:
    """The last day a refund may be requested, and what it comes from (for the message)."""

    last_day: date
    refundable_until: date | None = None
    window_days: int | None = None
    first_advance: date | None = None


@dataclass(frozen=True, slots=True)
class RefundTerms:
    """Everything §5.3 needs to know about one contract, defaults already applied."""

    contract: Contract
    fee_rate: Decimal
    window_days: int | None
    refundable_until: date | None
    fault_by_reason: dict[str, Fault]
    earnest_cap: Decimal
    earnest_forfeit: bool
    earnest_double: bool

    @property
    def is_earnest(self) -> bool:
        """The advance is (partly) 定金, so 民法典 第586–588条 decide what is kept or doubled."""
        return self.contract.deposit_kind is DepositKind.EARNEST

    def fault(self, reason: object) -> Fault:
        """Who is at fault for a reason; reasons nobody mapped (the user's own text) are the
        customer's, since it is the customer who asks to leave the contract."""
        return self.fault_by_reason.get(reason_key(reason), Fault.CUSTOMER)

    def allows(self, reason: object) -> bool:
        """Whether the contract's ``allowed_reasons`` lists the reason (in any accepted spelling)."""
        return reason_key(reason) in {reason_key(allowed) for allowed in self.contract.allowed_reasons}

    def required_evidence(self, reason: object) -> list[str]:
        """Documents the contract requires for this reason: those under ``all`` first, then the
        reason's own, each once, in the order the contract lists them."""
        wanted = reason_key(reason)
        evidence = self.contract.evidence
        for_all = [docs for key, docs in evidence.items() if key.strip().lower() == ALL_REASONS]
        for_reason = [docs for key, docs in evidence.items() if key.strip().lower() != ALL_REASONS and reason_key(key) == wanted]
        documents: list[str] = []
        for docs in for_all + for_reason:
            for doc in docs:
                if doc not in documents:
                    documents.append(doc)
        return documents

    def window(self, first_advance: date | None) -> Window | None:
        """The refund window's last day, or None when the contract has no window.

        ``window_days`` counts from the first advance, so with no advance yet there is no
        window to be outside of (the empty balance rejects such a request anyway). With both
        ``refundable_until`` and ``window_days``, the earlier last day applies.
        """
        candidates: list[Window] = []
        if self.refundable_until is not None:
            candidates.append(Window(self.refundable_until, refundable_until=self.refundable_until))
        if self.window_days is not None and first_advance is not None:
            candidates.append(Window(first_advance + timedelta(days=self.window_days), window_days=self.window_days, first_advance=first_advance))
        return min(candidates, key=lambda window: window.last_day, default=None)


def terms_for(contract: Contract, defaults: RefundsConfig) -> RefundTerms:
    """The contract's terms, each blank one taken from books.yaml ``refunds``.

    The window is one term: a contract that sets ``refundable_until`` or ``window_days`` has
    chosen its window, and the books' default ``window_days`` does not add a second one.
    """
    has_window = contract.refundable_until is not None or contract.window_days is not None
    return RefundTerms(
        contract=contract,
        fee_rate=contract.fee_rate if contract.fee_rate is not None else defaults.fee_rate,
        window_days=contract.window_days if has_window else defaults.window_days,
        refundable_until=contract.refundable_until,
        fault_by_reason={**DEFAULT_FAULT, **defaults.fault, **contract.fault},
        earnest_cap=contract.earnest_cap if contract.earnest_cap is not None else defaults.earnest_cap,
        earnest_forfeit=contract.earnest_forfeit if contract.earnest_forfeit is not None else defaults.earnest_forfeit,
        earnest_double=contract.earnest_double if contract.earnest_double is not None else defaults.earnest_double,
    )
