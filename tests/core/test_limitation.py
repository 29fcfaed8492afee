"""The limitation period (诉讼时效, SPEC §5.5; 民法典 第188、195条) per overdue invoice."""

from __future__ import annotations

from datetime import date

from tests.builders import line
from zhangkuan.core.limitation import LimitationStatus, Restart, limitation_clocks, limitation_expiry
from zhangkuan.core.receivables import settle_receivables
from zhangkuan.model.records import CollectionEntry

AS_OF = date(2026, 11, 30)


def entry(on: str, action: str = "letter", customer: str = "C1", doc: str = "", **fields) -> CollectionEntry:
    return CollectionEntry(date=on, customer=customer, action=action, doc=doc, **fields)


def clocks(ledger, log=(), as_of=AS_OF, **options):
    return limitation_clocks(settle_receivables(ledger, as_of), log, as_of=as_of, **options)


def test_due_date_alone_sets_the_clock():
    """Due 2023-12-15, nothing since: expires 2023-12-15 + 3 years = 2026-12-15.
    As of 2026-11-30 that is 15 days away, within the 90-day warning → expiring."""
    clock = clocks([line("invoice", "F1", "2023-11-15", "1000", due="2023-12-15")])["F1"]
    assert (clock.restarted_on, clock.restarted_by) == (date(2023, 12, 15), Restart.DUE)
    assert clock.expires == date(2026, 12, 15)
    assert (clock.days_left, clock.status) == (15, LimitationStatus.EXPIRING)


def test_a_delivered_written_demand_restarts_the_clock():
    """Due 2023-12-15; a 催款函 delivered 2025-01-10 (written_demand) restarts it:
    expires 2028-01-10, 406 days after 2026-11-30 → running. A phone call on 2025-06-01
    without written_demand does not restart anything."""
    ledger = [line("invoice", "F1", "2023-11-15", "1000", due="2023-12-15")]
    log = [entry("2025-01-10", "letter", doc="F1", written_demand=True), entry("2025-06-01", "phone", doc="F1")]
    clock = clocks(ledger, log)["F1"]
    assert (clock.restarted_on, clock.restarted_by) == (date(2025, 1, 10), Restart.WRITTEN_DEMAND)
    assert clock.expires == date(2028, 1, 10)
    assert (clock.days_left, clock.status) == (406, LimitationStatus.RUNNING)


def test_the_debtors_acknowledgment_restarts_the_clock():
    """Due 2023-12-15; the debtor acknowledged the debt on 2024-06-01 (a phone call, no letter):
    expires 2027-06-01, 183 days away → running."""
    ledger = [line("invoice", "F1", "2023-11-15", "1000", due="2023-12-15")]
    clock = clocks(ledger, [entry("2024-06-01", "phone", acknowledged=True)])["F1"]
    assert (clock.restarted_on, clock.restarted_by) == (date(2024, 6, 1), Restart.ACKNOWLEDGED)
    assert (clock.expires, clock.days_left, clock.status) == (date(2027, 6, 1), 183, LimitationStatus.RUNNING)


def test_a_part_payment_restarts_the_clock_and_the_warning_window_edge():
    """Due 2023-12-15, 1000; 300 paid on it 2024-03-01 → expires 2027-03-01.
    As of 2026-11-30: 91 days left (Dec 31 + Jan 31 + Feb 28 + 1) → running, one day
    outside the 90-day window; as of 2026-12-01: 90 days → expiring (the bound is included)."""
    ledger = [
        line("invoice", "F1", "2023-11-15", "1000", due="2023-12-15"),
        line("receipt", "R1", "2024-03-01", "300", applies_to="F1"),
    ]
    outside = clocks(ledger)["F1"]
    assert (outside.restarted_on, outside.restarted_by) == (date(2024, 3, 1), Restart.RECEIPT)
    assert (outside.expires, outside.days_left, outside.status) == (date(2027, 3, 1), 91, LimitationStatus.RUNNING)
    inside = clocks(ledger, as_of=date(2026, 12, 1))["F1"]
    assert (inside.days_left, inside.status) == (90, LimitationStatus.EXPIRING)


def test_a_pooled_payment_restarts_the_invoice_it_settled_only():
    """A receipt of 400 without applies_to on 2024-05-01 settles the oldest invoice F1 (due
    2023-12-15) in part, restarting F1 only (→ 2027-05-01). F2 (due 2024-01-15) got nothing
    and expires 2027-01-15."""
    ledger = [
        line("invoice", "F1", "2023-11-15", "1000", due="2023-12-15"),
        line("invoice", "F2", "2023-12-15", "1000", due="2024-01-15"),
        line("receipt", "R1", "2024-05-01", "400"),
    ]
    result = clocks(ledger)
    assert result["F1"].expires == date(2027, 5, 1)
    assert result["F2"].expires == date(2027, 1, 15)


def test_expiry_on_the_as_of_day_is_expiring_and_the_day_after_expired():
    """Due 2023-11-30 → expires 2026-11-30. On 2026-11-30 it is the last day (0 left,
    expiring); on 2026-12-01 it has expired (−1)."""
    ledger = [line("invoice", "F1", "2023-11-01", "1000", due="2023-11-30")]
    last_day = clocks(ledger)["F1"]
    assert (last_day.days_left, last_day.status) == (0, LimitationStatus.EXPIRING)
    after = clocks(ledger, as_of=date(2026, 12, 1))["F1"]
    assert (after.days_left, after.status) == (-1, LimitationStatus.EXPIRED)


def test_long_expired_invoice():
    """Due 2023-06-30 → expired 2026-06-30, 153 days before 2026-11-30."""
    clock = clocks([line("invoice", "F1", "2023-06-01", "1000", due="2023-06-30")])["F1"]
    assert (clock.expires, clock.days_left, clock.status) == (date(2026, 6, 30), -153, LimitationStatus.EXPIRED)


def test_which_invoices_a_demand_concerns():
    """A demand naming F1 restarts F1 only; one naming 'F2;F3' restarts both; one naming no
    doc restarts every debt of the customer; another customer's demand restarts nothing.
    All due 2023-12-15 (→ 2026-12-15 without restart)."""
    ledger = [line("invoice", doc, "2023-11-15", "100", due="2023-12-15") for doc in ("F1", "F2", "F3", "F4")]
    log = [
        entry("2024-01-10", doc="F1", written_demand=True),
        entry("2024-02-10", doc="F2;F3", written_demand=True),
        entry("2024-03-10", customer="C2", written_demand=True),
    ]
    expiries = {doc: clock.expires for doc, clock in clocks(ledger, log).items()}
    assert expiries == {"F1": date(2027, 1, 10), "F2": date(2027, 2, 10), "F3": date(2027, 2, 10), "F4": date(2026, 12, 15)}
    everything = clocks(ledger, [entry("2024-04-10", written_demand=True)])
    assert {clock.expires for clock in everything.values()} == {date(2027, 4, 10)}


def test_entries_after_as_of_and_before_due_do_not_count():
    """A demand dated after the as-of date is not yet known; one dated before the due date
    cannot move the start earlier (the latest date wins: the due date)."""
    ledger = [line("invoice", "F1", "2023-11-15", "1000", due="2023-12-15")]
    log = [entry("2023-12-01", written_demand=True), entry("2026-12-05", written_demand=True)]
    clock = clocks(ledger, log)["F1"]
    assert (clock.restarted_by, clock.expires) == (Restart.DUE, date(2026, 12, 15))


def test_leap_day_and_configured_years():
    """29 Feb 2024 + 3 years has no 29th: the period ends on 28 Feb 2027 (民法典 第202条,
    the month's last day). With limitation_years 2 a due date of 2024-11-30 expires 2026-11-30."""
    assert limitation_expiry(date(2024, 2, 29)) == date(2027, 2, 28)
    clock = clocks([line("invoice", "F1", "2024-11-01", "1", due="2024-11-30")], years=2)["F1"]
    assert clock.expires == date(2026, 11, 30)


def test_only_overdue_open_invoices_get_a_clock():
    """Paid F1, not-yet-due F2 and F3 due on the as-of day (0 days late) have no running period."""
    ledger = [
        line("invoice", "F1", "2023-11-15", "100", due="2023-12-15"),
        line("receipt", "R1", "2024-01-01", "100", applies_to="F1"),
        line("invoice", "F2", "2026-11-15", "100", due="2026-12-15"),
        line("invoice", "F3", "2026-11-01", "100", due="2026-11-30"),
        line("invoice", "F4", "2026-11-01", "100", due="2026-11-29"),
    ]
    assert set(clocks(ledger)) == {"F4"}


def test_aging_detail_carries_each_overdue_invoices_expiry():
    """F1 due 2023-12-15 with a demand of 2025-01-10 → 2028-01-10; F2 not yet due → None.
    Without the mapping, detail rows have no expiry and the report says so."""
    from zhangkuan.core.aging import age_receivables
    from zhangkuan.model.config import parse_bounds
    from zhangkuan.model.enums import AgingBasis

    ledger = [
        line("invoice", "F1", "2023-11-15", "1000", due="2023-12-15"),
        line("invoice", "F2", "2026-11-15", "500", due="2026-12-15"),
    ]
    receivables = settle_receivables(ledger, AS_OF)
    expiry = {doc: clock.expires for doc, clock in limitation_clocks(receivables, [entry("2025-01-10", written_demand=True)], as_of=AS_OF).items()}
    options = {"as_of": AS_OF, "basis": AgingBasis.DUE_DATE, "bounds": parse_bounds("30,60,90"), "currency": "CNY", "detail": True}
    report = age_receivables(receivables, {}, limitation_expiry=expiry, **options)
    assert report.with_limitation
    assert {i.doc: i.limitation_expires for i in report.customers[0].invoices} == {"F1": date(2028, 1, 10), "F2": None}
    plain = age_receivables(receivables, {}, **options)
    assert not plain.with_limitation and plain.customers[0].invoices[0].limitation_expires is None
