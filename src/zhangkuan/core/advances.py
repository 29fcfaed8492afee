"""Advance receipts per contract as of a date (预收账款/合同负债, SPEC §2.2 and §5.3).

Three ledger kinds move a contract's advance balance: ``advance`` raises it, ``recognition``
consumes it on delivery (the revenue is earned), ``refund`` releases it (the ledger amount is
the advance released: cash paid + retained − extra compensation). Receivable kinds never
touch it, so the aging report and this one never count the same money.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from zhangkuan.core.money import ZERO
from zhangkuan.model.enums import LedgerKind
from zhangkuan.model.records import LedgerLine

ADVANCE_KINDS = frozenset({LedgerKind.ADVANCE, LedgerKind.RECOGNITION, LedgerKind.REFUND})


@dataclass(slots=True)
class AdvanceBalance:
    """What a contract's customer has paid in advance, and what became of it.

    ``first_advance`` is the date of the earliest advance: the refund window counts from it.
    """

    contract: str
    customer: str
    received: Decimal = ZERO
    recognised: Decimal = ZERO
    refunded: Decimal = ZERO
    first_advance: date | None = None

    @property
    def open_balance(self) -> Decimal:
        """The advance still held for the customer: received − recognised − refunded.

        Negative only when the ledger recognises or refunds more than was received, which
        ``check`` reports; refunds treat a negative balance as nothing to release.
        """
        return self.received - self.recognised - self.refunded

    def add(self, line: LedgerLine) -> None:
        """Count one advance, recognition or refund line of this contract."""
        if line.kind is LedgerKind.ADVANCE:
            self.received += line.amount
            if self.first_advance is None or line.date < self.first_advance:
                self.first_advance = line.date
        elif line.kind is LedgerKind.RECOGNITION:
            self.recognised += line.amount
        elif line.kind is LedgerKind.REFUND:
            self.refunded += line.amount


def advance_balances(lines: Iterable[LedgerLine], as_of: date) -> dict[str, AdvanceBalance]:
    """Advance balance of every contract with advance activity dated ≤ ``as_of``, by contract id.

    Lines without a contract are kept under the contract ``""`` rather than dropped, so the
    report's total still equals the ledger's advance balance (``check`` flags them).
    The customer of a contract is the one on its first line.
    """
    balances: dict[str, AdvanceBalance] = {}
    for line in lines:
        if line.kind not in ADVANCE_KINDS or line.date > as_of:
            continue
        balance = balances.get(line.contract)
        if balance is None:
            balance = balances[line.contract] = AdvanceBalance(line.contract, line.customer)
        balance.add(line)
    return dict(sorted(balances.items()))


def advance_totals(balances: Iterable[AdvanceBalance]) -> AdvanceBalance:
    """The report's total row: every column summed (``contract`` and ``customer`` blank)."""
    total = AdvanceBalance("", "")
    for balance in balances:
        total.received += balance.received
        total.recognised += balance.recognised
        total.refunded += balance.refunded
    return total
