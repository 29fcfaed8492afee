"""Who owes what, invoice by invoice, as of a date (SPEC §5.1).

Settlement happens in two passes, both over lines dated on or before ``as_of``:

1. Receipts, credit notes and write-offs with ``applies_to`` settle their invoice (same
   customer), in date order, each capped at what is still open on it.
2. What is left of them — and every settlement without ``applies_to`` — joins the customer's
   pool of unapplied credit, which settles open invoices oldest first (due date, then invoice
   date, then doc). The pool's remainder is the customer's unapplied credit.

Explicit applications go first because they are what the accountant wrote down; the pool
only fills what they leave. The outcome does not depend on file order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from zhangkuan.core.money import ZERO
from zhangkuan.model.enums import LedgerKind
from zhangkuan.model.records import LedgerLine

SETTLING_KINDS = frozenset({LedgerKind.RECEIPT, LedgerKind.CREDIT_NOTE, LedgerKind.WRITE_OFF})


@dataclass(frozen=True, slots=True)
class Settlement:
    """Part of a settling line applied to one invoice."""

    date: date
    kind: LedgerKind
    doc: str
    amount: Decimal
    explicit: bool  # True when the line named this invoice in applies_to


@dataclass(slots=True)
class InvoicePosition:
    """An invoice and what has settled it so far."""

    invoice: LedgerLine
    outstanding: Decimal
    settlements: list[Settlement] = field(default_factory=list)

    @property
    def doc(self) -> str:
        return self.invoice.doc

    @property
    def due(self) -> date:
        return self.invoice.due or self.invoice.date

    def settle(self, line: LedgerLine, amount: Decimal, *, explicit: bool) -> None:
        self.outstanding -= amount
        self.settlements.append(Settlement(line.date, line.kind, line.doc, amount, explicit))

    def last_receipt_date(self) -> date | None:
        """Date of the last payment applied to this invoice (restarts the limitation clock)."""
        dates = [s.date for s in self.settlements if s.kind is LedgerKind.RECEIPT]
        return max(dates) if dates else None


@dataclass(slots=True)
class CustomerReceivable:
    """A customer's invoices (in oldest-first order) and unapplied credit (zero or negative).

    ``over_applied`` lists the lines that named an invoice in ``applies_to`` but paid more than
    was open on it, with the excess that went to the pool instead (a ``check`` warning).
    """

    customer: str
    invoices: list[InvoicePosition] = field(default_factory=list)
    unapplied: Decimal = ZERO
    over_applied: list[tuple[LedgerLine, Decimal]] = field(default_factory=list)

    @property
    def outstanding(self) -> Decimal:
        """Sum of open invoice amounts, before unapplied credit."""
        return sum((position.outstanding for position in self.invoices), ZERO)

    @property
    def balance(self) -> Decimal:
        """What the customer owes on the ledger: outstanding plus (negative) unapplied credit."""
        return self.outstanding + self.unapplied

    def open_invoices(self) -> list[InvoicePosition]:
        return [position for position in self.invoices if position.outstanding]


def _oldest_first(position: InvoicePosition) -> tuple[date, date, str]:
    return (position.due, position.invoice.date, position.invoice.doc)


def settle_receivables(lines: Iterable[LedgerLine], as_of: date) -> dict[str, CustomerReceivable]:
    """Settle every invoice with the receipts, credit notes and write-offs dated ≤ ``as_of``.

    Returns the customers that have any receivable activity, keyed by customer id. The sum of
    their balances equals invoices − receipts − credit notes − write-offs, to the cent.
    """
    receivables: dict[str, CustomerReceivable] = {}
    invoices_by_doc: dict[str, InvoicePosition] = {}
    settling: list[LedgerLine] = []
    for line in lines:
        if line.date > as_of:
            continue
        kind = line.kind
        if kind is LedgerKind.INVOICE:
            position = InvoicePosition(line, line.amount)
            invoices_by_doc.setdefault(line.doc, position)
            customer = receivables.get(line.customer)
            if customer is None:
                customer = receivables[line.customer] = CustomerReceivable(line.customer)
            customer.invoices.append(position)
        elif kind in SETTLING_KINDS:
            settling.append(line)
            if line.customer not in receivables:
                receivables[line.customer] = CustomerReceivable(line.customer)
    settling.sort(key=lambda line: (line.date, line.doc))  # deterministic whatever the file order

    pooled: dict[str, list[tuple[LedgerLine, Decimal]]] = {}
    for line in settling:
        remaining = line.amount
        target = invoices_by_doc.get(line.applies_to) if line.applies_to else None
        if target is not None and target.invoice.customer == line.customer:
            applied = min(remaining, target.outstanding)
            if applied:
                target.settle(line, applied, explicit=True)
                remaining -= applied
            if remaining:
                receivables[line.customer].over_applied.append((line, remaining))
        if remaining:
            pooled.setdefault(line.customer, []).append((line, remaining))

    for customer in receivables.values():
        customer.invoices.sort(key=_oldest_first)
        credits = pooled.get(customer.customer)
        if credits:
            customer.unapplied = -_apply_oldest_first(customer.invoices, credits)
    return receivables


def _apply_oldest_first(invoices: list[InvoicePosition], credits: list[tuple[LedgerLine, Decimal]]) -> Decimal:
    """Spread pooled credits over open invoices oldest first; return what no invoice took."""
    open_positions = iter([position for position in invoices if position.outstanding > 0])
    position = next(open_positions, None)
    left_over = ZERO
    for line, amount in credits:
        while amount and position is not None:
            applied = min(amount, position.outstanding)
            position.settle(line, applied, explicit=False)
            amount -= applied
            if not position.outstanding:
                position = next(open_positions, None)
        left_over += amount
    return left_over


def ledger_receivable_balance(lines: Iterable[LedgerLine], as_of: date) -> Decimal:
    """Invoices minus settlements dated ≤ ``as_of``: the 应收账款 balance the report must equal."""
    balance = ZERO
    for line in lines:
        if line.date > as_of:
            continue
        if line.kind is LedgerKind.INVOICE:
            balance += line.amount
        elif line.kind in SETTLING_KINDS:
            balance -= line.amount
    return balance
