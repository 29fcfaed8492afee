"""Advance balance per contract (SPEC §2.2): received − recognised − refunded, as of a date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.builders import line
from tests.core.refund_books import advance, recognition, refund
from zhangkuan.core.advances import advance_balances, advance_totals


def test_received_recognised_refunded_and_open_per_contract():
    """H1: received 30000 + 20000 = 50000, recognised 12000, refunded 8000 → open 30000.
    H2 (another customer): received 5000, nothing else → open 5000.
    The invoice and receipt are receivables: they do not touch either balance."""
    ledger = [
        advance("A2", "2026-03-01", "20000"),
        advance("A1", "2026-02-01", "30000"),
        recognition("R1", "2026-04-01", "12000"),
        refund("RQ1", "2026-05-01", "8000"),
        advance("B1", "2026-02-15", "5000", contract="H2", customer="C2"),
        line("invoice", "F1", "2026-02-01", "999", contract="H1"),
        line("receipt", "S1", "2026-02-02", "999", contract="H1"),
    ]
    balances = advance_balances(ledger, date(2026, 11, 30))
    assert list(balances) == ["H1", "H2"]
    h1 = balances["H1"]
    assert (h1.received, h1.recognised, h1.refunded, h1.open_balance) == (Decimal("50000"), Decimal("12000"), Decimal("8000"), Decimal("30000"))
    assert h1.first_advance == date(2026, 2, 1)  # the earliest, though listed second
    assert (balances["H2"].customer, balances["H2"].open_balance) == ("C2", Decimal("5000"))


def test_lines_after_the_as_of_date_do_not_count():
    """As of 03-31 only A1 (30000) is there: A2 comes 04-01, the recognition 04-15 → open 30000."""
    ledger = [advance("A1", "2026-03-01", "30000"), advance("A2", "2026-04-01", "1000"), recognition("R1", "2026-04-15", "500")]
    balance = advance_balances(ledger, date(2026, 3, 31))["H1"]
    assert (balance.received, balance.recognised, balance.open_balance) == (Decimal("30000"), Decimal("0"), Decimal("30000"))
    assert advance_balances(ledger, date(2026, 2, 28)) == {}


def test_lines_without_a_contract_stay_in_the_report_under_a_blank_contract():
    """An advance of 700 with no contract is kept (check flags it) so the total is the ledger's."""
    ledger = [line("advance", "A9", "2026-03-01", "700")]
    assert advance_balances(ledger, date(2026, 3, 31))[""].open_balance == Decimal("700")


def test_totals_add_every_column():
    """received 1000 + 400, recognised 300, refunded 100 + 50 → open 1400 − 300 − 150 = 950."""
    ledger = [
        advance("A1", "2026-03-01", "1000"), recognition("R1", "2026-03-02", "300"), refund("Q1", "2026-03-03", "100"),
        advance("B1", "2026-03-01", "400", contract="H2"), refund("Q2", "2026-03-04", "50", contract="H2"),
    ]
    total = advance_totals(advance_balances(ledger, date(2026, 3, 31)).values())
    assert (total.received, total.recognised, total.refunded, total.open_balance) == (Decimal("1400"), Decimal("300"), Decimal("150"), Decimal("950"))
