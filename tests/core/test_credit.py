"""Credit grades A–D (SPEC §5.4) with the inputs that decided them, limit breaches, overrides.

Default thresholds (A / B / C): on-time share ≥ 90 % / 75 % / — (paid no later than due + 5
grace days); amount-weighted days late ≤ 5 / 15 / 45; overdue share ≤ 10 % / 30 % / 60 %; limit
usage ≤ 80 % / 100 % / 120 %; oldest overdue ≤ 30 / 60 / 180 days. Anything else is D.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.builders import line
from zhangkuan.core.credit import assess_credit
from zhangkuan.core.receivables import settle_receivables
from zhangkuan.model.config import BooksConfig, CreditConfig
from zhangkuan.model.records import Customer

AS_OF = date(2026, 11, 30)


def grade(ledger, customer=None, config=None):
    customers = {"C1": customer or Customer(id="C1", name="甲公司")}
    report = assess_credit(settle_receivables(ledger, AS_OF), customers, config or CreditConfig(), as_of=AS_OF)
    return report.customers[0]


def test_grade_a_pays_on_time_and_stays_within_the_limit():
    """F1 1000 due 10-01 paid 09-25 (on time); F2 2000 due 12-01 still current. Limit 5000.
    On time 1/1 = 100 %; days late 1000 × 0 / 1000 = 0; overdue 0 / 2000 = 0 %;
    usage 2000 / 5000 = 40 %; oldest overdue 0 → A, keep terms."""
    ledger = [
        line("invoice", "F1", "2026-09-01", "1000", due="2026-10-01"),
        line("receipt", "R1", "2026-09-25", "1000", applies_to="F1"),
        line("invoice", "F2", "2026-11-01", "2000", due="2026-12-01"),
    ]
    row = grade(ledger, Customer(id="C1", name="甲公司", credit_limit="5000"))
    inputs = row.inputs
    assert (inputs.on_time_share, inputs.avg_days_late, inputs.overdue_share, inputs.limit_usage) == (1, 0, 0, Decimal("0.4"))
    assert (row.grade, row.decided_by, row.recommendation, row.limit_breach) == ("A", [], "keep_terms", False)


def test_grade_b_one_late_payment_in_five():
    """Five invoices of 1000 due 07-01; four paid 06-30, one paid 07-11 (10 days late).
    On time 4/5 = 80 % (< 90 % for A, ≥ 75 % for B); days late (4000 × 0 + 1000 × 10) / 5000 = 2;
    nothing open → B, decided by the on-time share."""
    ledger = []
    for number in range(1, 6):
        ledger.append(line("invoice", f"F{number}", "2026-06-01", "1000", due="2026-07-01"))
        ledger.append(line("receipt", f"R{number}", "2026-07-11" if number == 5 else "2026-06-30", "1000", applies_to=f"F{number}"))
    row = grade(ledger)
    assert (row.inputs.on_time_share, row.inputs.invoices_on_time, row.inputs.invoices_judged) == (Decimal("0.8"), 4, 5)
    assert row.inputs.avg_days_late == 2
    assert (row.grade, row.decided_by, row.recommendation) == ("B", ["on_time_share"], "watch")


def test_grade_c_too_much_of_the_exposure_overdue():
    """P1–P4 4000 each due 08-01, paid 07-31; F5 4000 due 10-11 (50 days overdue); F6 6000 due
    12-20 (current). On time 4/5 = 80 %; days late (16 000 × 0 + 4000 × 50) / 20 000 = 10;
    overdue 4000 / 10 000 = 40 % (> 30 % for B, ≤ 60 % for C); oldest 50 ≤ 60 → C."""
    ledger = []
    for number in range(1, 5):
        ledger.append(line("invoice", f"P{number}", "2026-07-01", "4000", due="2026-08-01"))
        ledger.append(line("receipt", f"R{number}", "2026-07-31", "4000", applies_to=f"P{number}"))
    ledger.append(line("invoice", "F5", "2026-09-11", "4000", due="2026-10-11"))
    ledger.append(line("invoice", "F6", "2026-11-20", "6000", due="2026-12-20"))
    row = grade(ledger)
    inputs = row.inputs
    assert (inputs.on_time_share, inputs.avg_days_late, inputs.overdue_share, inputs.oldest_overdue_days) == (Decimal("0.8"), 10, Decimal("0.4"), 50)
    assert (row.grade, row.decided_by, row.recommendation, row.overdue) == ("C", ["overdue_share"], "shorten_terms", Decimal("4000"))


def test_grade_d_long_overdue_and_never_paid():
    """F1 1000 due 2026-05-14, unpaid: 200 days overdue. On time 0/1; days late 1000 × 200 /
    1000 = 200 > 45; overdue 100 % > 60 %; oldest 200 > 180 → D, stop credit. C has no on-time
    floor and there is no limit, so those two are not among the reasons."""
    row = grade([line("invoice", "F1", "2026-04-14", "1000", due="2026-05-14")])
    assert (row.inputs.on_time_share, row.inputs.avg_days_late, row.inputs.oldest_overdue_days) == (0, 200, 200)
    assert (row.grade, row.recommendation) == ("D", "stop_credit")
    assert row.decided_by == ["avg_days_late", "overdue_share", "oldest_overdue_days"]


def test_grace_days_edge_and_a_late_payer_is_c_not_d():
    """Ten invoices of 1000 due 07-01. Five paid 07-06 (5 days late: within the 5 grace days →
    on time), five paid 07-07 (6 days: late). On time 5/10 = 50 % (< 75 % for B); days late
    (5000 × 5 + 5000 × 6) / 10 000 = 5.5 → C (no on-time floor), decided by the on-time share.
    With grace_days 0 none is on time (0/10), still C; with 6 all are (10/10) and days late
    5.5 > 5 keeps it from A → B."""
    ledger = []
    for number in range(1, 11):
        ledger.append(line("invoice", f"F{number}", "2026-06-01", "1000", due="2026-07-01"))
        ledger.append(line("receipt", f"R{number}", "2026-07-06" if number <= 5 else "2026-07-07", "1000", applies_to=f"F{number}"))
    row = grade(ledger)
    assert (row.inputs.invoices_on_time, row.inputs.on_time_share, row.inputs.avg_days_late) == (5, Decimal("0.5"), Decimal("5.5"))
    assert (row.grade, row.decided_by) == ("C", ["on_time_share"])
    strict = grade(ledger, config=CreditConfig(grace_days=0))
    assert (strict.inputs.invoices_on_time, strict.grade) == (0, "C")
    lenient = grade(ledger, config=CreditConfig(grace_days=6))
    assert (lenient.inputs.invoices_on_time, lenient.grade, lenient.decided_by) == (10, "B", ["avg_days_late"])


def test_limit_breach_is_flagged_and_caps_the_grade():
    """Limit 5000, F1 6000 not yet due: no history (on time and days late n/a), usage
    6000 / 5000 = 120 % — over 80 % (A) and 100 % (B), within 120 % (C) → C; breach by 1000."""
    row = grade([line("invoice", "F1", "2026-11-10", "6000", due="2026-12-10")], Customer(id="C1", name="甲", credit_limit="5000"))
    assert (row.inputs.on_time_share, row.inputs.avg_days_late, row.inputs.limit_usage) == (None, None, Decimal("1.2"))
    assert (row.grade, row.decided_by) == ("C", ["limit_usage"])
    assert (row.limit_breach, row.limit_excess, row.exposure) == (True, Decimal("1000"), Decimal("6000"))


def test_zero_limit_means_no_credit():
    """Limit 0 and 100 owed (not yet due): every usage threshold fails → D; breach of 100."""
    row = grade([line("invoice", "F1", "2026-11-10", "100", due="2026-12-10")], Customer(id="C1", name="甲", credit_limit="0"))
    assert (row.grade, row.decided_by, row.limit_breach, row.limit_excess) == ("D", ["limit_usage"], True, Decimal("100"))


def test_write_off_is_neither_on_time_nor_paid():
    """F1 1000 due 09-30 written off 11-29: not on time (0/1), days late 1000 × 60 / 1000 = 60."""
    ledger = [
        line("invoice", "F1", "2026-09-01", "1000", due="2026-09-30"),
        line("write_off", "W1", "2026-11-29", "1000", applies_to="F1"),
    ]
    row = grade(ledger)
    assert (row.inputs.on_time_share, row.inputs.avg_days_late, row.inputs.overdue_share) == (0, 60, 0)


def test_manual_grade_overrides_and_both_are_reported():
    """A clean history computes A; the customer's own grade B wins, and its recommendation."""
    row = grade([], Customer(id="C1", name="甲", grade="B"))
    assert (row.grade, row.computed_grade, row.manual, row.recommendation) == ("B", "A", True, "watch")


def test_thresholds_come_from_books_yaml():
    """With credit.A.on_time_share lowered to 80 %, the B case above (80 % on time) grades A;
    the other A thresholds keep their defaults."""
    config = BooksConfig(company="x", credit={"A": {"on_time_share": "80%"}}).credit
    assert config.A.avg_days_late == 5
    ledger = []
    for number in range(1, 6):
        ledger.append(line("invoice", f"F{number}", "2026-06-01", "1000", due="2026-07-01"))
        ledger.append(line("receipt", f"R{number}", "2026-07-11" if number == 5 else "2026-06-30", "1000", applies_to=f"F{number}"))
    assert grade(ledger, config=config).grade == "A"


def test_customers_only_in_the_ledger_and_breach_list():
    """C2 appears only in the ledger: graded under its id. C1 over its 500 limit is the one breach."""
    ledger = [
        line("invoice", "F1", "2026-11-10", "600", due="2026-12-10"),
        line("invoice", "F2", "2026-11-10", "100", customer="C2", due="2026-12-10"),
    ]
    report = assess_credit(settle_receivables(ledger, AS_OF), {"C1": Customer(id="C1", name="甲", credit_limit="500")}, CreditConfig(), as_of=AS_OF)
    assert [(row.customer, row.name) for row in report.customers] == [("C1", "甲"), ("C2", "C2")]
    assert [row.customer for row in report.breaches] == ["C1"]
