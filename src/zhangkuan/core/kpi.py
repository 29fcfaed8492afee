"""Receivable KPIs for a period (SPEC §5.6).

For a period ``start … end`` (both days included), reading ledger lines dated on or before
``end``:

- **Overdue rate** = overdue outstanding ÷ open outstanding at ``end`` (open invoice amounts,
  before unapplied credit; overdue = due before ``end``). ``None`` when nothing is open.
- **DSO** (days sales outstanding) = receivable balance at ``end`` ÷ net credit sales of the
  90 days ending on ``end`` (``end − 89 … end``) × 90. Net credit sales = invoices − credit
  notes dated in that window. ``0`` when the balance is 0 or less; ``None`` when there were no
  net credit sales but something is owed (the ratio has no finite value).
- **CEI** (collection effectiveness index) =
  (opening receivable + net credit sales − closing receivable) ÷
  (opening receivable + net credit sales − closing current receivable) × 100,
  with the opening balance taken at the end of the day before ``start``, net credit sales
  those dated within the period, and closing current receivable the outstanding of invoices not
  yet past due at ``end`` (due on or after it). Write-offs reduce the closing balance, so they
  count as collected, as in the textbook formula. ``None`` when the denominator is 0 or less.
- **Collected** = receipts dated within the period.

Receivable balances are the ledger's (invoices − receipts − credit notes − write-offs), the
same total ``aging`` shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from zhangkuan.core.money import ZERO
from zhangkuan.core.receivables import settle_receivables
from zhangkuan.model.enums import LedgerKind
from zhangkuan.model.records import LedgerLine

DSO_WINDOW_DAYS = 90


@dataclass(frozen=True, slots=True)
class KpiReport:
    start: date
    end: date
    currency: str
    receivable: Decimal  # ledger balance at end
    open_outstanding: Decimal
    overdue: Decimal
    overdue_rate: Decimal | None
    sales_90d: Decimal
    dso: Decimal | None
    opening_receivable: Decimal
    credit_sales: Decimal
    closing_current: Decimal
    cei: Decimal | None
    collected: Decimal
    target: Decimal | None = None

    @property
    def collected_share(self) -> Decimal | None:
        """Collected ÷ target, when a positive target was given."""
        return self.collected / self.target if self.target else None


def net_credit_sales(lines: Sequence[LedgerLine], start: date, end: date) -> Decimal:
    """Invoices − credit notes dated ``start … end`` (both included)."""
    total = ZERO
    for line in lines:
        if start <= line.date <= end:
            if line.kind is LedgerKind.INVOICE:
                total += line.amount
            elif line.kind is LedgerKind.CREDIT_NOTE:
                total -= line.amount
    return total


def amount_collected(lines: Sequence[LedgerLine], start: date, end: date) -> Decimal:
    """Receipts dated ``start … end``."""
    return sum((line.amount for line in lines if line.kind is LedgerKind.RECEIPT and start <= line.date <= end), ZERO)


def overdue_rate(open_outstanding: Decimal, overdue: Decimal) -> Decimal | None:
    """Overdue ÷ open outstanding; ``None`` when nothing is open."""
    return overdue / open_outstanding if open_outstanding > 0 else None


def days_sales_outstanding(receivable: Decimal, sales: Decimal, window_days: int = DSO_WINDOW_DAYS) -> Decimal | None:
    """Receivable ÷ sales × window days; 0 when nothing is owed, ``None`` when owed without sales."""
    if receivable <= 0:
        return ZERO
    if sales <= 0:
        return None
    return receivable / sales * window_days


def collection_effectiveness(opening: Decimal, sales: Decimal, closing: Decimal, closing_current: Decimal) -> Decimal | None:
    """CEI = (opening + sales − closing) ÷ (opening + sales − closing current) × 100; ``None`` when the divisor ≤ 0."""
    divisor = opening + sales - closing_current
    if divisor <= 0:
        return None
    return (opening + sales - closing) / divisor * 100


def kpi_report(lines: Sequence[LedgerLine], *, start: date, end: date, currency: str = "CNY", target: Decimal | None = None) -> KpiReport:
    """Every KPI of the module docstring for the period ``start … end``."""
    if start > end:
        raise ValueError(f"the period starts ({start}) after it ends ({end})")
    receivables = settle_receivables(lines, end, history=False)
    open_outstanding = overdue = closing_current = ZERO
    for receivable in receivables.values():
        for position in receivable.invoices:  # the open ones only
            open_outstanding += position.outstanding
            if position.due < end:
                overdue += position.outstanding
            else:
                closing_current += position.outstanding
    # One pass for the balances and flows (the helpers above say the same thing line by line).
    window_start = end - timedelta(days=DSO_WINDOW_DAYS - 1)
    opening = closing = credit_sales = sales_90d = collected = ZERO
    invoice, credit_note, receipt = LedgerKind.INVOICE, LedgerKind.CREDIT_NOTE, LedgerKind.RECEIPT
    settling = (receipt, credit_note, LedgerKind.WRITE_OFF)
    for line in lines:
        day = line.date
        if day > end:
            continue
        kind = line.kind
        if kind is invoice:
            signed = line.amount
        elif kind in settling:
            signed = -line.amount
        else:
            continue
        closing += signed
        if day < start:
            opening += signed
            if day >= window_start and kind is not receipt and kind is not LedgerKind.WRITE_OFF:
                sales_90d += signed
            continue
        if kind is receipt:
            collected += line.amount
        elif kind is not LedgerKind.WRITE_OFF:
            credit_sales += signed
            if day >= window_start:
                sales_90d += signed
    return KpiReport(
        start=start,
        end=end,
        currency=currency,
        receivable=closing,
        open_outstanding=open_outstanding,
        overdue=overdue,
        overdue_rate=overdue_rate(open_outstanding, overdue),
        sales_90d=sales_90d,
        dso=days_sales_outstanding(closing, sales_90d),
        opening_receivable=opening,
        credit_sales=credit_sales,
        closing_current=closing_current,
        cei=collection_effectiveness(opening, credit_sales, closing, closing_current),
        collected=collected,
        target=target,
    )
