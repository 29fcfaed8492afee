"""Invariants of aging over random ledgers: buckets add up to the cent, totals to the ledger."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from zhangkuan.core.aging import age_receivables
from zhangkuan.core.receivables import ledger_receivable_balance, settle_receivables
from zhangkuan.model.config import parse_bounds
from zhangkuan.model.enums import AgingBasis, LedgerKind
from zhangkuan.model.records import LedgerLine

START = date(2023, 1, 1)
cents = st.integers(min_value=1, max_value=5_000_000).map(lambda n: Decimal(n).scaleb(-2))
days = st.integers(min_value=0, max_value=1400)


@st.composite
def ledgers(draw):
    customers = ["C1", "C2", "C3"]
    lines: list[LedgerLine] = []
    invoices: list[LedgerLine] = []
    for index in range(draw(st.integers(min_value=0, max_value=25))):
        kind = draw(st.sampled_from([LedgerKind.INVOICE, LedgerKind.INVOICE, LedgerKind.RECEIPT, LedgerKind.CREDIT_NOTE, LedgerKind.WRITE_OFF]))
        on = START + timedelta(days=draw(days))
        customer = draw(st.sampled_from(customers))
        if kind is LedgerKind.INVOICE:
            invoice = LedgerLine(on, kind, f"F{index}", customer, draw(cents), due=on + timedelta(days=draw(st.integers(0, 120))))
            invoices.append(invoice)
            lines.append(invoice)
        else:
            target = draw(st.sampled_from([None, *invoices])) if invoices else None
            applies_to = target.doc if target is not None and draw(st.booleans()) else ""
            lines.append(LedgerLine(on, kind, f"S{index}", customer, draw(cents), applies_to=applies_to))
    return lines


bound_sets = st.sampled_from(["30,60,90,180,365", "30,6m,1y", "1y,2y,3y", "15", "7,14,21,6m,2y"])


@settings(max_examples=300, deadline=None)
@given(ledgers(), st.integers(min_value=0, max_value=1500), st.sampled_from(list(AgingBasis)), bound_sets)
def test_buckets_sum_to_each_customer_and_totals_to_the_ledger(ledger, offset, basis, bounds):
    as_of = START + timedelta(days=offset)
    receivables = settle_receivables(ledger, as_of)
    report = age_receivables(receivables, {}, as_of=as_of, basis=basis, bounds=parse_bounds(bounds), currency="CNY", include_zero=True)
    for row in report.customers:
        assert sum(row.buckets.values(), Decimal(0)) == receivables[row.customer].outstanding
        assert row.total == receivables[row.customer].balance
        assert row.unapplied <= 0
    assert report.total == ledger_receivable_balance(ledger, as_of)
    assert report.total == sum(report.totals.values(), Decimal(0)) + report.total_unapplied


@settings(max_examples=200, deadline=None)
@given(ledgers(), st.integers(min_value=0, max_value=1500))
def test_settlement_never_drives_an_invoice_negative_and_ignores_file_order(ledger, offset):
    as_of = START + timedelta(days=offset)
    forward = settle_receivables(ledger, as_of)
    backward = settle_receivables(list(reversed(ledger)), as_of)
    for customer, receivable in forward.items():
        assert all(position.outstanding >= 0 for position in receivable.invoices)
        assert {p.doc: p.outstanding for p in receivable.invoices} == {p.doc: p.outstanding for p in backward[customer].invoices}
        assert receivable.unapplied == backward[customer].unapplied


@settings(max_examples=150, deadline=None)
@given(ledgers(), st.integers(min_value=0, max_value=1500))
def test_settlement_without_history_gives_the_open_invoices_balances_and_payment_dates(ledger, offset):
    as_of = START + timedelta(days=offset)
    full = settle_receivables(ledger, as_of)
    lean = settle_receivables(ledger, as_of, history=False)
    assert lean.keys() == full.keys()
    for customer, receivable in full.items():
        still_open = [position for position in receivable.invoices if position.outstanding]
        pairs = list(zip(still_open, lean[customer].invoices, strict=True))
        assert all((a.doc, a.outstanding, a.last_receipt) == (b.doc, b.outstanding, b.last_receipt) for a, b in pairs)
        assert all(b.settlements == () for _, b in pairs)
        assert all(a.outstanding == a.invoice.amount - sum((s.amount for s in a.settlements), Decimal(0)) for a, _ in pairs)
        assert receivable.unapplied == lean[customer].unapplied
