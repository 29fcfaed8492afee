"""Refund eligibility of advance receipts (预收账款退回, SPEC §5.3).

Requests dated on or before ``as_of`` are assessed in ``requested_on`` order (then by id, so
file order never matters). Each one:

1. is **posted** when the ledger holds a ``refund`` line with its id as ``doc``: the ledger
   already counts that release, nothing more to do;
2. is **rejected** by any gate that applies — unknown contract, another customer's contract,
   closed contract, outside the window, reason not allowed, missing evidence — with one
   reason code per gate, so the customer learns everything to fix at once;
3. else releases what it asks, capped at the refundable balance (advances − recognised −
   refunded − earlier eligible requests not yet posted): capped → ``partial``, nothing left
   → rejected. An eligible request reserves its release for the later ones until posted,
   approved or not, so two requests can never promise the same money;
4. is settled by fault and deposit kind (``settle``): fee, forfeited or doubled earnest;
5. needs the approval level the ladder gives its cash refund, reached by a recorded
   ``approval_level`` given on or before ``as_of``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from zhangkuan.core.advances import AdvanceBalance, advance_balances
from zhangkuan.core.money import ZERO, quantize
from zhangkuan.core.refund_reasons import (
    APPROVAL_REQUIRED,
    CONTRACT_CLOSED,
    CUSTOMER_MISMATCH,
    EARNEST_CAPPED,
    EARNEST_DOUBLED,
    EARNEST_FORFEITED,
    EXCEEDS_BALANCE,
    FEE_RETAINED,
    MISSING_EVIDENCE,
    OUTSIDE_WINDOW,
    POSTED,
    REASON_NOT_ALLOWED,
    UNKNOWN_CONTRACT,
    Percent,
    Reason,
)
from zhangkuan.core.refund_terms import RefundTerms, reason_key, terms_for
from zhangkuan.model.books import Books
from zhangkuan.model.config import ApprovalLevel
from zhangkuan.model.enums import ContractStatus, Fault, LedgerKind
from zhangkuan.model.problems import ValueProblem
from zhangkuan.model.records import LedgerLine, RefundRequest


class Status(StrEnum):
    ELIGIBLE = "eligible"
    PARTIAL = "partial"
    REJECTED = "rejected"
    POSTED = "posted"


OPEN_STATUSES = frozenset({Status.ELIGIBLE, Status.PARTIAL})


@dataclass(frozen=True, slots=True)
class Settlement:
    """Where the released advance goes: paid back, kept by the company, or paid beyond it.

    ``released`` = ``cash_refund`` + ``retained`` − ``extra_compensation`` (SPEC §4's
    ``refundable``): the advance balance the refund takes off the contract.
    """

    cash_refund: Decimal = ZERO
    retained: Decimal = ZERO
    extra_compensation: Decimal = ZERO

    @property
    def released(self) -> Decimal:
        return self.cash_refund + self.retained - self.extra_compensation


@dataclass(frozen=True, slots=True)
class RefundDecision:
    """The outcome for one request. ``approval`` is None for a rejected request: there is
    nothing to approve, so it needs level 0 and is never ``approved``."""

    request: RefundRequest
    status: Status
    settlement: Settlement
    approval: ApprovalLevel | None
    approved: bool
    reasons: tuple[Reason, ...]

    @property
    def requested(self) -> Decimal:
        return self.request.amount

    @property
    def refundable(self) -> Decimal:
        return self.settlement.released

    @property
    def approval_required(self) -> int:
        return self.approval.level if self.approval else 0

    @property
    def approver(self) -> str:
        return self.approval.approver if self.approval else ""


@dataclass(frozen=True, slots=True)
class RefundAssessment:
    as_of: date
    currency: str
    decisions: tuple[RefundDecision, ...]


class UnknownRequests(ValueProblem):
    """Request ids asked for that are not in the refunds file, or dated after ``as_of``."""


def assess_refunds(books: Books, as_of: date, request_ids: Iterable[str] | None = None) -> RefundAssessment:
    """Decide every request dated ≤ ``as_of`` (or only those named; the others still take
    their share of the balance first). Requests dated later do not exist yet and are left out.

    Raises ``UnknownRequests`` when a named id is missing or dated after ``as_of``.
    """
    wanted = _wanted(request_ids, books.refunds, as_of)
    assessor = _Assessor(books, as_of)
    requests = sorted((request for request in books.refunds if request.requested_on <= as_of), key=lambda request: (request.requested_on, request.id))
    decisions = [assessor.assess(request) for request in requests]
    return RefundAssessment(as_of, books.currency, tuple(d for d in decisions if wanted is None or d.request.id in wanted))


def _wanted(request_ids: Iterable[str] | None, requests: list[RefundRequest], as_of: date) -> set[str] | None:
    if request_ids is None:
        return None
    wanted = set(request_ids)
    dates = {request.id: request.requested_on for request in requests}
    problems = [
        (f"{request_id} is not in the refunds file", f"{request_id} 不在退款申请表中")
        if request_id not in dates
        else (f"{request_id} is dated {dates[request_id].isoformat()}, after {as_of.isoformat()}", f"{request_id} 的申请日期 {dates[request_id].isoformat()} 晚于 {as_of.isoformat()}")
        for request_id in sorted(wanted)
        if request_id not in dates or dates[request_id] > as_of
    ]
    if problems:
        raise UnknownRequests("; ".join(english for english, _ in problems), "；".join(chinese for _, chinese in problems))
    return wanted


class _Assessor:
    """The running state of one assessment: balances, and what earlier requests reserved."""

    def __init__(self, books: Books, as_of: date):
        self.books = books
        self.as_of = as_of
        self.currency = books.currency
        self.balances = advance_balances(books.ledger, as_of)
        self.refund_lines = {line.doc: line for line in books.ledger if line.kind is LedgerKind.REFUND and line.date <= as_of}
        self.pending: dict[str, Decimal] = {}

    def assess(self, request: RefundRequest) -> RefundDecision:
        contract = self.books.contracts.get(request.contract)
        if contract is None:
            return _rejected(request, [Reason(UNKNOWN_CONTRACT, {"contract": request.contract})])
        terms = terms_for(contract, self.books.config.refunds)
        balance = self.balances.get(contract.id) or AdvanceBalance(contract.id, contract.customer)
        posted_line = self.refund_lines.get(request.id)
        if posted_line is not None:
            return self._posted(request, terms, balance, posted_line)
        gates = self._gates(request, terms, balance)
        if gates:
            return _rejected(request, gates)

        pending = self.pending.get(contract.id, ZERO)
        available = balance.open_balance - pending
        reasons: list[Reason] = []
        if request.amount > available:
            numbers = {"requested": request.amount, "balance": available, "received": balance.received, "recognised": balance.recognised, "refunded": balance.refunded, "pending": pending}
            reasons.append(Reason(EXCEEDS_BALANCE, numbers, variant="partial" if available > 0 else "none"))
            if available <= 0:
                return _rejected(request, reasons)
        release = min(request.amount, available)
        settlement, settle_reasons = settle(release, terms, request.reason, balance.received, self.currency)
        reasons.extend(settle_reasons)
        approval = required_approval(settlement.cash_refund, self.books.config.refunds.approval)
        missing_approval = self._missing_approval(request, approval, settlement)
        if missing_approval is not None:
            reasons.append(missing_approval)
        self.pending[contract.id] = pending + release
        return RefundDecision(
            request,
            Status.PARTIAL if release < request.amount else Status.ELIGIBLE,
            settlement,
            approval,
            approved=missing_approval is None,
            reasons=tuple(reasons),
        )

    def _gates(self, request: RefundRequest, terms: RefundTerms, balance: AdvanceBalance) -> list[Reason]:
        """Every rule that rejects the request outright, in the order of SPEC §5.3."""
        contract = terms.contract
        reasons: list[Reason] = []
        if request.customer != contract.customer:
            reasons.append(Reason(CUSTOMER_MISMATCH, {"customer": request.customer, "contract": contract.id, "contract_customer": contract.customer}))
        if contract.status is ContractStatus.CLOSED:
            reasons.append(Reason(CONTRACT_CLOSED, {"contract": contract.id}))
        window = terms.window(balance.first_advance)
        if window is not None and request.requested_on > window.last_day:
            if window.refundable_until is not None:
                reasons.append(Reason(OUTSIDE_WINDOW, {"requested_on": request.requested_on, "last_day": window.last_day}, variant="until"))
            else:
                numbers = {"requested_on": request.requested_on, "last_day": window.last_day, "window_days": window.window_days, "first_advance": window.first_advance}
                reasons.append(Reason(OUTSIDE_WINDOW, numbers, variant="days"))
        reason = reason_key(request.reason)
        if not terms.allows(request.reason):
            allowed = [reason_key(allowed) for allowed in contract.allowed_reasons]
            reasons.append(Reason(REASON_NOT_ALLOWED, {"contract": contract.id, "reason": reason, "allowed": allowed}))
        supplied = {document.strip().casefold() for document in request.evidence}
        for document in terms.required_evidence(request.reason):
            if document.strip().casefold() not in supplied:
                reasons.append(Reason(f"{MISSING_EVIDENCE}:{document}", {"reason": reason, "document": document}))
        return reasons

    def _missing_approval(self, request: RefundRequest, approval: ApprovalLevel, settlement: Settlement) -> Reason | None:
        """``approval_required`` unless the recorded level reaches the required one and was
        given on or before ``as_of`` (an approval dated later had not happened yet)."""
        numbers = {"cash_refund": settlement.cash_refund, "level": approval.level, "approver": approval.approver, "recorded": request.approval_level}
        if request.approval_level < approval.level:
            return Reason(APPROVAL_REQUIRED, numbers)
        if request.approved_on is not None and request.approved_on > self.as_of:
            return Reason(APPROVAL_REQUIRED, numbers | {"approved_on": request.approved_on, "as_of": self.as_of}, variant="later")
        return None

    def _posted(self, request: RefundRequest, terms: RefundTerms, balance: AdvanceBalance, line: LedgerLine) -> RefundDecision:
        """A request the ledger already released: its amounts are those of the ledger line,
        split again by the contract's terms (the same split ``refund post`` wrote)."""
        settlement, settle_reasons = settle(line.amount, terms, request.reason, balance.received, self.currency)
        approval = required_approval(settlement.cash_refund, self.books.config.refunds.approval)
        posted = Reason(POSTED, {"doc": line.doc, "date": line.date, "released": line.amount})
        return RefundDecision(request, Status.POSTED, settlement, approval, request.approval_level >= approval.level, (posted, *settle_reasons))


def _rejected(request: RefundRequest, reasons: list[Reason]) -> RefundDecision:
    return RefundDecision(request, Status.REJECTED, Settlement(), None, approved=False, reasons=tuple(reasons))


def earnest_counted(terms: RefundTerms, received: Decimal, currency: str) -> tuple[Decimal, Reason | None]:
    """The earnest that has the effect of 定金, and ``earnest_capped`` when the cap cut it.

    The agreed ``earnest_amount`` (blank: everything received on the contract) counts only up
    to ``earnest_cap`` × contract amount (民法典 第586条: at most 20 %, the excess is no
    earnest), and only as far as it was actually paid (第586条: the earnest paid is the
    earnest agreed).
    """
    contract = terms.contract
    agreed = contract.earnest_amount if contract.earnest_amount is not None else received
    cap = quantize(terms.earnest_cap * contract.amount, currency)
    capped = None
    if agreed > cap:
        capped = Reason(EARNEST_CAPPED, {"agreed": agreed, "cap_rate": Percent(terms.earnest_cap), "contract_amount": contract.amount, "cap": cap})
    return min(agreed, cap, received), capped


def settle(release: Decimal, terms: RefundTerms, reason: object, received: Decimal, currency: str) -> tuple[Settlement, list[Reason]]:
    """Split a released advance into cash refund, retained and extra compensation.

    - The fee is ``fee_rate`` × the released amount, half-up at the cent.
    - ``prepayment``: the customer's fault retains the fee; otherwise all is paid back.
    - ``earnest``: the release carries earnest in the proportion earnest ÷ received (every
      yuan received is part earnest, part prepayment, so a partial release forfeits or
      doubles a proportional part, as the law applies the earnest penalty to the part not
      performed). Customer's fault: that part is forfeited, or the fee if larger — never
      both (第588条); company's fault: it is returned twice over, the extra paid beyond the
      advance (第587条); mutual: returned once. ``earnest_forfeit``/``earnest_double`` off
      turn the earnest into plain prepayment for that fault.
    """
    fault = terms.fault(reason)
    fee = quantize(terms.fee_rate * release, currency)
    shown_reason = reason_key(reason)
    reasons: list[Reason] = []
    if not terms.is_earnest:
        if fault is Fault.CUSTOMER and fee:
            reasons.append(Reason(FEE_RETAINED, {"reason": shown_reason, "fee": fee, "fee_rate": Percent(terms.fee_rate), "released": release}, variant="prepayment"))
            return Settlement(cash_refund=release - fee, retained=fee), reasons
        return Settlement(cash_refund=release), reasons

    earnest_total, capped = earnest_counted(terms, received, currency)
    if capped is not None:
        reasons.append(capped)
    earnest = quantize(release * earnest_total / received, currency) if received > 0 else ZERO
    numbers = {"reason": shown_reason, "earnest": earnest, "released": release, "earnest_total": earnest_total, "received": received, "fee": fee, "fee_rate": Percent(terms.fee_rate)}
    if fault is Fault.CUSTOMER:
        if terms.earnest_forfeit and earnest and earnest >= fee:
            reasons.append(Reason(EARNEST_FORFEITED, numbers))
            return Settlement(cash_refund=release - earnest, retained=earnest), reasons
        if fee:
            reasons.append(Reason(FEE_RETAINED, numbers, variant="earnest" if terms.earnest_forfeit and earnest else "prepayment"))
            return Settlement(cash_refund=release - fee, retained=fee), reasons
    if fault is Fault.COMPANY and terms.earnest_double and earnest:
        reasons.append(Reason(EARNEST_DOUBLED, numbers))
        return Settlement(cash_refund=release + earnest, extra_compensation=earnest), reasons
    return Settlement(cash_refund=release), reasons


def required_approval(cash_refund: Decimal, ladder: list[ApprovalLevel]) -> ApprovalLevel:
    """The first level of the ladder whose ``up_to`` covers the cash refund (the last level
    has no bound). The cash paid out decides, not the advance released: a fully forfeited
    earnest pays nothing and needs only the first level."""
    return next(level for level in ladder if level.up_to is None or cash_refund <= level.up_to)
