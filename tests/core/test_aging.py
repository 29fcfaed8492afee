"""Aging buckets (SPEC §5.1): boundaries, bases, calendar bounds, totals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.builders import line
from zhangkuan.core.aging import age_receivables, bucket_labels
from zhangkuan.core.receivables import settle_receivables
from zhangkuan.model.config import parse_bounds
from zhangkuan.model.enums import AgingBasis

DEFAULT = parse_bounds("30,60,90,180,365")


def age(ledger, as_of, basis=AgingBasis.DUE_DATE, bounds=DEFAULT, **options):
    return age_receivables(
        settle_receivables(ledger, as_of), {"C1": "甲公司"}, as_of=as_of, basis=basis, bounds=bounds, currency="CNY", **options
    )


def buckets_of(report, customer="C1"):
    row = next(row for row in report.customers if row.customer == customer)
    return {name: amount for name, amount in row.buckets.items() if amount}


def test_bucket_names_per_basis_and_unit():
    assert bucket_labels(DEFAULT, AgingBasis.DUE_DATE) == ["current", "1-30", "31-60", "61-90", "91-180", "181-365", ">365"]
    assert bucket_labels(DEFAULT, AgingBasis.INVOICE_DATE) == ["0-30", "31-60", "61-90", "91-180", "181-365", ">365"]
    assert bucket_labels(parse_bounds("1y,2y"), AgingBasis.INVOICE_DATE) == ["0-1y", "1y-2y", ">2y"]
    assert bucket_labels(parse_bounds("30,6m,1y"), AgingBasis.DUE_DATE) == ["current", "1-30", "31-6m", "6m-1y", ">1y"]


def test_day_30_is_in_1_30_and_day_31_in_31_60():
    """As of 11-30: due 10-31 is 30 days late → 1-30; due 10-30 is 31 days late → 31-60;
    due 11-30 is 0 days late and due 12-15 is not yet due → both current."""
    ledger = [
        line("invoice", "F30", "2026-10-01", "100", due="2026-10-31"),
        line("invoice", "F31", "2026-10-01", "200", due="2026-10-30"),
        line("invoice", "F0", "2026-11-01", "400", due="2026-11-30"),
        line("invoice", "FN", "2026-11-15", "800", due="2026-12-15"),
    ]
    report = age(ledger, date(2026, 11, 30), detail=True)
    assert buckets_of(report) == {"current": Decimal("1200"), "1-30": Decimal("100"), "31-60": Decimal("200")}
    ages = {invoice.doc: invoice.age_days for invoice in report.customers[0].invoices}
    assert ages == {"F30": 30, "F31": 31, "F0": 0, "FN": -15}


def test_invoice_date_basis_ages_from_the_invoice_and_has_no_current():
    """As of 11-30, invoiced 11-30 (0 days) → 0-30; invoiced 10-31 (30 days) → 0-30;
    invoiced 10-30 (31 days) → 31-60, even though all are due far later."""
    ledger = [
        line("invoice", "F0", "2026-11-30", "1", due="2027-03-01"),
        line("invoice", "F30", "2026-10-31", "10", due="2027-03-01"),
        line("invoice", "F31", "2026-10-30", "100", due="2027-03-01"),
    ]
    report = age(ledger, date(2026, 11, 30), basis=AgingBasis.INVOICE_DATE)
    assert "current" not in report.buckets
    assert buckets_of(report) == {"0-30": Decimal("11"), "31-60": Decimal("100")}


def test_calendar_year_bound_across_a_leap_day():
    """As of 2025-02-28, 1y reaches back to 2024-02-28 (relativedelta, a leap year between):
    an invoice of 2024-02-28 is 366 days old yet within 0-1y; one of 2024-02-27 is 1y-2y.
    A 365-day bound would have put the 2024-02-28 invoice past it."""
    ledger = [
        line("invoice", "FIN", "2024-02-28", "100"),
        line("invoice", "FOUT", "2024-02-27", "10"),
    ]
    calendar = age(ledger, date(2025, 2, 28), basis=AgingBasis.INVOICE_DATE, bounds=parse_bounds("1y,2y"))
    assert buckets_of(calendar) == {"0-1y": Decimal("100"), "1y-2y": Decimal("10")}
    days = age(ledger, date(2025, 2, 28), basis=AgingBasis.INVOICE_DATE, bounds=parse_bounds("365,730"))
    assert buckets_of(days) == {"366-730": Decimal("110")}


def test_calendar_year_back_from_a_leap_day():
    """As of 2028-02-29, one calendar year back is 2027-02-28: that invoice is within 0-1y,
    the one of 2027-02-27 is not."""
    ledger = [line("invoice", "FIN", "2027-02-28", "5"), line("invoice", "FOUT", "2027-02-27", "7")]
    report = age(ledger, date(2028, 2, 29), basis=AgingBasis.INVOICE_DATE, bounds=parse_bounds("1y"))
    assert buckets_of(report) == {"0-1y": Decimal("5"), ">1y": Decimal("7")}


def test_unapplied_credit_is_shown_apart_and_counted_in_the_total():
    """C1: invoice 1000 paid 1200 → buckets all zero, unapplied −200, total −200.
    C2: invoice 500 due 11-01, 29 days late → 1-30 500. Report total 500 − 200 = 300."""
    ledger = [
        line("invoice", "F1", "2026-09-01", "1000"),
        line("receipt", "R1", "2026-10-01", "1200", applies_to="F1"),
        line("invoice", "F2", "2026-10-01", "500", customer="C2", due="2026-11-01"),
    ]
    report = age(ledger, date(2026, 11, 30))
    c1 = report.customers[0]
    assert (c1.customer, buckets_of(report), c1.unapplied, c1.total) == ("C1", {}, Decimal("-200"), Decimal("-200"))
    assert report.totals["1-30"] == Decimal("500")
    assert (report.total_unapplied, report.total) == (Decimal("-200"), Decimal("300"))


def test_zero_customers_left_out_unless_all_and_customer_filter():
    """C1 paid in full → left out; --all brings it back; --customer keeps only C2."""
    ledger = [
        line("invoice", "F1", "2026-09-01", "1000"),
        line("receipt", "R1", "2026-10-01", "1000", applies_to="F1"),
        line("invoice", "F2", "2026-10-01", "500", customer="C2"),
    ]
    as_of = date(2026, 11, 30)
    assert [row.customer for row in age(ledger, as_of).customers] == ["C2"]
    assert [row.customer for row in age(ledger, as_of, include_zero=True).customers] == ["C1", "C2"]
    assert [row.customer for row in age(ledger, as_of, customers=["C2"]).customers] == ["C2"]
