"""Receivable KPIs (SPEC §5.6) on one hand-worked November.

The ledger::

    F1  invoice  2026-08-15  10 000  due 2026-09-14
    R1  receipt  2026-10-20   4 000  → F1
    F2  invoice  2026-10-10   6 000  due 2026-11-09
    F3  invoice  2026-11-05   8 000  due 2026-12-05
    CN1 credit   2026-11-06   1 000  → F3
    R2  receipt  2026-11-15   5 000  → F1
    R3  receipt  2026-11-20   3 000  → F2
    W1  write-off 2026-11-25  1 000  → F1

Opening (end of 10-31): 10 000 + 6 000 − 4 000 = 12 000.
Closing (11-30): F1 0, F2 3 000 (overdue since 11-09), F3 7 000 (current) = 10 000
= invoices 24 000 − receipts 12 000 − credit notes 1 000 − write-offs 1 000.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.builders import line
from zhangkuan.core.kpi import collection_effectiveness, days_sales_outstanding, kpi_report

LEDGER = [
    line("invoice", "F1", "2026-08-15", "10000", due="2026-09-14"),
    line("receipt", "R1", "2026-10-20", "4000", applies_to="F1"),
    line("invoice", "F2", "2026-10-10", "6000", due="2026-11-09"),
    line("invoice", "F3", "2026-11-05", "8000", due="2026-12-05"),
    line("credit_note", "CN1", "2026-11-06", "1000", applies_to="F3"),
    line("receipt", "R2", "2026-11-15", "5000", applies_to="F1"),
    line("receipt", "R3", "2026-11-20", "3000", applies_to="F2"),
    line("write_off", "W1", "2026-11-25", "1000", applies_to="F1"),
]
NOVEMBER = {"start": date(2026, 11, 1), "end": date(2026, 11, 30)}


def test_overdue_rate():
    """Overdue at 11-30 is F2's 3000; open invoices 3000 + 7000 = 10 000 → 3000 / 10 000 = 0.3."""
    report = kpi_report(LEDGER, **NOVEMBER)
    assert (report.overdue, report.open_outstanding, report.overdue_rate) == (Decimal("3000"), Decimal("10000"), Decimal("0.3"))


def test_dso_over_the_last_90_days():
    """The 90 days ending 11-30 run from 09-02. Net credit sales there: F2 6000 + F3 8000 − CN1
    1000 = 13 000 (F1 of 08-15 is outside). DSO = 10 000 / 13 000 × 90 = 69.23… days."""
    report = kpi_report(LEDGER, **NOVEMBER)
    assert report.sales_90d == Decimal("13000")
    assert report.dso.quantize(Decimal("0.01")) == Decimal("69.23")


def test_dso_window_edge_and_no_sales():
    """An invoice of 09-02 (day 90 back, counted) vs 09-01 (day 91, not). 900 owed on one
    invoice of 900 dated 09-02: DSO = 900 / 900 × 90 = 90. Dated 09-01: no sales in the window
    → DSO n/a (None). Nothing owed → 0."""
    end = date(2026, 11, 30)
    inside = kpi_report([line("invoice", "F1", "2026-09-02", "900")], start=date(2026, 11, 1), end=end)
    assert inside.dso == 90
    outside = kpi_report([line("invoice", "F1", "2026-09-01", "900")], start=date(2026, 11, 1), end=end)
    assert (outside.sales_90d, outside.dso) == (0, None)
    assert days_sales_outstanding(Decimal(0), Decimal(0)) == 0


def test_collection_effectiveness_index():
    """Credit sales in November = F3 8000 − CN1 1000 = 7000. Closing current = F3's 7000.
    CEI = (12 000 + 7000 − 10 000) / (12 000 + 7000 − 7000) × 100 = 9000 / 12 000 × 100 = 75."""
    report = kpi_report(LEDGER, **NOVEMBER)
    assert (report.opening_receivable, report.credit_sales, report.receivable, report.closing_current) == (
        Decimal("12000"), Decimal("7000"), Decimal("10000"), Decimal("7000"),
    )
    assert report.cei == 75


def test_cei_without_anything_to_collect_is_not_a_number():
    """Opening 0, sales 0, closing current 0: the divisor 0 + 0 − 0 is 0 → None."""
    assert collection_effectiveness(Decimal(0), Decimal(0), Decimal(0), Decimal(0)) is None


def test_amount_collected_and_target():
    """Receipts dated 11-01 … 11-30: R2 5000 + R3 3000 = 8000 (R1 is October's; W1 is not cash).
    Against a target of 10 000: 8000 / 10 000 = 0.8."""
    report = kpi_report(LEDGER, **NOVEMBER, target=Decimal("10000"))
    assert (report.collected, report.collected_share) == (Decimal("8000"), Decimal("0.8"))


def test_october_as_the_period():
    """October: opening (end 09-30) 10 000; sales F2 6000; closing 12 000 (F1 6000 overdue, F2 6000
    current, due 11-09); collected R1 4000.
    CEI = (10 000 + 6000 − 12 000) / (10 000 + 6000 − 6000) × 100 = 4000 / 10 000 × 100 = 40."""
    report = kpi_report(LEDGER, start=date(2026, 10, 1), end=date(2026, 10, 31))
    assert (report.opening_receivable, report.credit_sales, report.receivable, report.closing_current) == (
        Decimal("10000"), Decimal("6000"), Decimal("12000"), Decimal("6000"),
    )
    assert (report.cei, report.collected, report.overdue_rate) == (40, Decimal("4000"), Decimal("0.5"))


def test_single_pass_agrees_with_the_helpers_on_random_ledgers():
    """Property: for random ledgers and periods, kpi_report's opening/closing balances, sales
    (period and 90-day window) and cash collected equal the one-purpose helpers."""
    from datetime import timedelta

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from zhangkuan.core.kpi import amount_collected, net_credit_sales
    from zhangkuan.core.receivables import ledger_receivable_balance

    kinds = st.sampled_from(["invoice", "receipt", "credit_note", "write_off", "advance"])
    lines = st.lists(st.tuples(kinds, st.integers(0, 400), st.integers(1, 100_000)), max_size=40)

    @settings(max_examples=150, deadline=None)
    @given(lines, st.integers(0, 400), st.integers(0, 200))
    def check(raw, start_offset, length):
        base = date(2026, 1, 1)
        ledger = [line(kind, f"D{i}", (base + timedelta(days=day)).isoformat(), f"{cents / 100:.2f}") for i, (kind, day, cents) in enumerate(raw)]
        start = base + timedelta(days=start_offset)
        end = start + timedelta(days=length)
        report = kpi_report(ledger, start=start, end=end)
        assert report.opening_receivable == ledger_receivable_balance(ledger, start - timedelta(days=1))
        assert report.receivable == ledger_receivable_balance(ledger, end)
        assert report.credit_sales == net_credit_sales(ledger, start, end)
        assert report.sales_90d == net_credit_sales(ledger, end - timedelta(days=89), end)
        assert report.collected == amount_collected(ledger, start, end)

    check()
