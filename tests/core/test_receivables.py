"""Settlement of invoices by receipts, credit notes and write-offs (SPEC §5.1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.builders import line
from zhangkuan.core.receivables import ledger_receivable_balance, settle_receivables

AS_OF = date(2026, 11, 30)


def outstanding(receivables, customer="C1"):
    return {position.doc: position.outstanding for position in receivables[customer].invoices}


def test_unapplied_receipt_settles_oldest_due_first():
    """F2 is due first (10-15) though invoiced later, so a 700 receipt without applies_to
    settles F2 (500) fully and 200 of F1: F1 1000 − 200 = 800, F2 0, F3 untouched 300."""
    ledger = [
        line("invoice", "F1", "2026-09-01", "1000", due="2026-10-31"),
        line("invoice", "F2", "2026-09-10", "500", due="2026-10-15"),
        line("invoice", "F3", "2026-09-20", "300", due="2026-11-20"),
        line("receipt", "R1", "2026-11-01", "700"),
    ]
    assert outstanding(settle_receivables(ledger, AS_OF)) == {"F2": Decimal("0"), "F1": Decimal("800"), "F3": Decimal("300")}


def test_same_due_date_breaks_tie_by_invoice_date_then_doc():
    """All three due 10-31: order is invoice date (F9 on 09-01 first), then doc (FA < FB).
    A 150 receipt: F9 100 → 0, then FA 100 → 50, FB stays 100."""
    ledger = [
        line("invoice", "FB", "2026-09-05", "100", due="2026-10-31"),
        line("invoice", "FA", "2026-09-05", "100", due="2026-10-31"),
        line("invoice", "F9", "2026-09-01", "100", due="2026-10-31"),
        line("receipt", "R1", "2026-11-01", "150"),
    ]
    assert outstanding(settle_receivables(ledger, AS_OF)) == {"F9": Decimal("0"), "FA": Decimal("50"), "FB": Decimal("100")}


def test_explicit_application_goes_first_and_its_excess_joins_the_pool():
    """R2 (600) names F2 (500): F2 → 0 and 100 spills over. With R1 (300, no target) the pool
    is 400, which settles the oldest open invoice F1: 1000 − 400 = 600."""
    ledger = [
        line("invoice", "F1", "2026-09-01", "1000", due="2026-10-01"),
        line("invoice", "F2", "2026-10-01", "500", due="2026-10-31"),
        line("receipt", "R1", "2026-10-15", "300"),
        line("receipt", "R2", "2026-11-01", "600", applies_to="F2"),
    ]
    receivables = settle_receivables(ledger, AS_OF)
    assert outstanding(receivables) == {"F1": Decimal("600"), "F2": Decimal("0")}
    assert receivables["C1"].unapplied == Decimal("0")


def test_overpayment_leaves_negative_unapplied_credit():
    """Invoice 1000, receipts 800 + 400 = 1200: the invoice is settled and 200 is left over,
    shown as unapplied −200; the customer's balance is 1000 − 1200 = −200."""
    ledger = [
        line("invoice", "F1", "2026-09-01", "1000"),
        line("receipt", "R1", "2026-10-01", "800", applies_to="F1"),
        line("receipt", "R2", "2026-10-20", "400", applies_to="F1"),
    ]
    receivables = settle_receivables(ledger, AS_OF)
    assert outstanding(receivables) == {"F1": Decimal("0")}
    assert receivables["C1"].unapplied == Decimal("-200")
    assert receivables["C1"].balance == Decimal("-200")


def test_credit_notes_and_write_offs_reduce_their_invoice():
    """F1 1000 − credit note 150 (applies_to F1) − receipt 350 = 500; F2 800 written off → 0;
    a credit note of 50 without target takes the oldest open, F1: 500 − 50 = 450."""
    ledger = [
        line("invoice", "F1", "2026-06-01", "1000"),
        line("invoice", "F2", "2026-07-01", "800"),
        line("credit_note", "CN1", "2026-06-10", "150", applies_to="F1"),
        line("receipt", "R1", "2026-07-01", "350", applies_to="F1"),
        line("write_off", "WO1", "2026-11-01", "800", applies_to="F2"),
        line("credit_note", "CN2", "2026-11-02", "50"),
    ]
    assert outstanding(settle_receivables(ledger, AS_OF)) == {"F1": Decimal("450"), "F2": Decimal("0")}


def test_lines_after_as_of_do_not_count():
    """On 10-31 the receipt of 11-15 has not happened yet: F1 is open in full (1000), and the
    invoice of 11-01 does not exist yet."""
    ledger = [
        line("invoice", "F1", "2026-09-01", "1000"),
        line("invoice", "F2", "2026-11-01", "200"),
        line("receipt", "R1", "2026-11-15", "1000", applies_to="F1"),
    ]
    receivables = settle_receivables(ledger, date(2026, 10, 31))
    assert outstanding(receivables) == {"F1": Decimal("1000")}
    assert ledger_receivable_balance(ledger, date(2026, 10, 31)) == Decimal("1000")


def test_applies_to_another_customers_invoice_is_pooled_for_the_payer():
    """R1 from C2 names C1's invoice: it must not settle it (check reports bad_applies_to);
    C1 still owes 1000, and C2 has 300 of unapplied credit."""
    ledger = [
        line("invoice", "F1", "2026-09-01", "1000", customer="C1"),
        line("receipt", "R1", "2026-10-01", "300", customer="C2", applies_to="F1"),
    ]
    receivables = settle_receivables(ledger, AS_OF)
    assert outstanding(receivables, "C1") == {"F1": Decimal("1000")}
    assert receivables["C2"].unapplied == Decimal("-300")


def test_last_receipt_date_tracks_payments_applied_to_the_invoice():
    """Receipts on 09-15 and 10-20 both reach F1; the credit note on 11-01 is not a payment."""
    ledger = [
        line("invoice", "F1", "2026-09-01", "1000"),
        line("receipt", "R1", "2026-09-15", "100", applies_to="F1"),
        line("receipt", "R2", "2026-10-20", "100"),
        line("credit_note", "CN1", "2026-11-01", "100", applies_to="F1"),
    ]
    position = settle_receivables(ledger, AS_OF)["C1"].invoices[0]
    assert position.last_receipt == date(2026, 10, 20)
    assert position.outstanding == Decimal("700")
    assert [(s.date, s.kind.value, s.amount) for s in position.settlements] == [
        (date(2026, 9, 15), "receipt", Decimal("100")),
        (date(2026, 11, 1), "credit_note", Decimal("100")),
        (date(2026, 10, 20), "receipt", Decimal("100")),  # pooled: applied after the explicit ones
    ]
    lean = settle_receivables(ledger, AS_OF, history=False)["C1"].invoices[0]
    assert (lean.settlements, lean.last_receipt, lean.outstanding) == ((), date(2026, 10, 20), Decimal("700"))


def test_without_history_only_open_invoices_are_listed_and_balances_agree():
    """F1 (1000) is paid by R1 naming it; F2 (500) takes 200 of the unnamed R2 and stays open
    with 300; C2's only invoice F3 is paid in full by R3. Without history C1 lists F2 alone,
    C2 is still there (it has activity) with no invoice, and every balance is the full one."""
    ledger = [
        line("invoice", "F1", "2026-09-01", "1000"),
        line("invoice", "F2", "2026-09-05", "500"),
        line("invoice", "F3", "2026-09-01", "800", customer="C2"),
        line("receipt", "R1", "2026-09-20", "1000", applies_to="F1"),
        line("receipt", "R2", "2026-10-01", "200"),
        line("receipt", "R3", "2026-10-02", "800", customer="C2"),
    ]
    full = settle_receivables(ledger, AS_OF)
    lean = settle_receivables(ledger, AS_OF, history=False)
    assert [(p.doc, p.outstanding) for p in full["C1"].invoices] == [("F1", Decimal("0")), ("F2", Decimal("300"))]
    assert [(p.doc, p.outstanding) for p in lean["C1"].invoices] == [("F2", Decimal("300"))]
    assert lean["C2"].invoices == []
    assert {c: r.balance for c, r in lean.items()} == {c: r.balance for c, r in full.items()} == {"C1": Decimal("300"), "C2": Decimal("0")}



def test_overdue_means_open_and_due_before_the_as_of_date():
    """As of 11-30: F1 due 11-29 and open → overdue; F2 due 11-30 is not late yet; F3 due
    10-01 is paid in full → not overdue."""
    ledger = [
        line("invoice", "F1", "2026-10-01", "100", due="2026-11-29"),
        line("invoice", "F2", "2026-10-01", "200", due="2026-11-30"),
        line("invoice", "F3", "2026-09-01", "300", due="2026-10-01"),
        line("receipt", "R1", "2026-10-01", "300", applies_to="F3"),
    ]
    receivable = settle_receivables(ledger, AS_OF)["C1"]
    assert [position.doc for position in receivable.overdue_invoices(AS_OF)] == ["F1"]
