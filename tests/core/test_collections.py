"""Collection tasks (SPEC §5.5): ladder levels, promises, cooldown, limitation, A/B/C, ids."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.builders import line
from zhangkuan.core.collections import abc_classes, action_level, plan_collections
from zhangkuan.core.receivables import settle_receivables
from zhangkuan.model.config import DEFAULT_LADDER, CollectionConfig
from zhangkuan.model.enums import CollectionAction
from zhangkuan.model.records import CollectionEntry, Customer

AS_OF = date(2026, 11, 30)
CUSTOMERS = {
    "C1": Customer(id="C1", name="甲公司", collector="王芳"),
    "C2": Customer(id="C2", name="乙公司"),
}


def entry(on: str, action: str = "phone", customer: str = "C1", **fields) -> CollectionEntry:
    return CollectionEntry(date=on, customer=customer, action=action, **fields)


def plan(ledger, log=(), as_of=AS_OF, config=None, customers=CUSTOMERS):
    return plan_collections(
        settle_receivables(ledger, as_of), customers, log, config or CollectionConfig(default_collector="催收组"), as_of=as_of
    )


def only_task(result):
    assert len(result.tasks) == 1, result
    return result.tasks[0]


# Ladder: one hand-worked case per level, as of 2026-11-30.
@pytest.mark.parametrize(
    ("due", "days", "level", "action", "task_due", "stop_credit"),
    [
        ("2026-11-20", 10, 1, CollectionAction.EMAIL, date(2026, 12, 3), False),  # 1–15: email, +3 days
        ("2026-11-15", 15, 1, CollectionAction.EMAIL, date(2026, 12, 3), False),  # 15 is still level 1
        ("2026-11-14", 16, 2, CollectionAction.PHONE, date(2026, 12, 2), False),  # 16–45: phone, +2 days
        ("2026-10-16", 45, 2, CollectionAction.PHONE, date(2026, 12, 2), False),
        ("2026-10-15", 46, 3, CollectionAction.LETTER, date(2026, 12, 5), False),  # 46–90: letter, +5 days
        ("2026-07-01", 152, 4, CollectionAction.VISIT, date(2026, 12, 7), True),  # 91–180: visit, stop credit, +7
        ("2026-03-01", 274, 5, CollectionAction.LAWYER_LETTER, date(2026, 12, 10), True),  # >180: lawyer's letter, +10
    ],
)
def test_each_ladder_level(due, days, level, action, task_due, stop_credit):
    """Days overdue = 2026-11-30 − due; the first ladder step whose up_to (15, 45, 90, 180, —)
    holds it gives level, action and the due date as_of + due_days (3, 2, 5, 7, 10)."""
    task = only_task(plan([line("invoice", "F1", "2026-01-01", "1000", due=due)]))
    assert (task.max_days_overdue, task.level, task.action, task.due, task.stop_credit) == (days, level, action, task_due, stop_credit)
    assert task.id == f"T-20261130-C1-{level}"
    assert task.overdue_amount == Decimal("1000")
    assert ("stop_credit" in task.reasons) is stop_credit


def test_oldest_overdue_invoice_sets_the_level_and_amounts_add_up():
    """F1 10 days late (500), F2 50 days late (700), F3 not yet due (900): level from 50 days → 3;
    overdue amount 500 + 700 = 1200 (F3 is not overdue); collector from the customer."""
    ledger = [
        line("invoice", "F1", "2026-11-01", "500", due="2026-11-20"),
        line("invoice", "F2", "2026-09-01", "700", due="2026-10-11"),
        line("invoice", "F3", "2026-11-15", "900", due="2026-12-15"),
    ]
    task = only_task(plan(ledger))
    assert (task.level, task.max_days_overdue, task.overdue_amount, task.collector) == (3, 50, Decimal("1200"), "王芳")
    assert [invoice.doc for invoice in task.invoices] == ["F2", "F1"]


def test_no_task_without_overdue_debt_and_default_collector():
    """C1: due today (0 days late) → not overdue, no task. C2 (no collector of its own): 1 day
    late → level 1, owner is books.yaml's default_collector."""
    ledger = [
        line("invoice", "F1", "2026-11-01", "500", due="2026-11-30"),
        line("invoice", "F2", "2026-11-01", "500", customer="C2", due="2026-11-29"),
    ]
    task = only_task(plan(ledger))
    assert (task.customer, task.level, task.collector) == ("C2", 1, "催收组")


def test_active_promise_turns_the_task_into_a_follow_up():
    """F1 2000 due 2026-10-31 (30 days → level 2). Phone on 11-25: promise of 1000 by 12-05.
    Nothing paid since 11-25 (0 < 1000) and 12-05 ≥ 11-30 → active: follow-up due 12-05, level
    stays 2, and the phone 5 days ago (inside the 7-day cooldown) does not hold it."""
    ledger = [line("invoice", "F1", "2026-10-01", "2000", due="2026-10-31")]
    log = [entry("2026-11-25", "phone", promised_date="2026-12-05", promised_amount="1000")]
    task = only_task(plan(ledger, log))
    assert (task.level, task.action, task.due, task.follow_up) == (2, CollectionAction.PHONE, date(2026, 12, 5), True)
    assert task.reasons == ["promise_active:2026-12-05"]
    assert task.promise is not None and (task.promise.status, task.promise.paid) == ("active", Decimal("0"))


def test_broken_promise_escalates_one_level():
    """F1 2000 due 10-31 (30 days → level 2). Promise on 11-10 of 1000 by 11-20; only 400 came
    in since 11-10 (400 < 1000) and 11-20 < 11-30 → broken: level 2 + 1 = 3 (letter, due
    11-30 + 5 = 12-05). The phone of 11-10 is 20 days old: no cooldown."""
    ledger = [
        line("invoice", "F1", "2026-10-01", "2000", due="2026-10-31"),
        line("receipt", "R1", "2026-11-18", "400", applies_to="F1"),
    ]
    log = [entry("2026-11-10", "phone", promised_date="2026-11-20", promised_amount="1000")]
    task = only_task(plan(ledger, log))
    assert (task.level, task.action, task.due, task.id) == (3, CollectionAction.LETTER, date(2026, 12, 5), "T-20261130-C1-3")
    assert task.reasons == ["promise_broken:2026-11-20"]
    assert task.overdue_amount == Decimal("1600")


def test_broken_promise_at_the_top_level_stays_there():
    """274 days overdue → level 5 already; a broken promise cannot go above the top level."""
    ledger = [line("invoice", "F1", "2026-01-01", "1000", due="2026-03-01")]
    log = [entry("2026-11-01", "lawyer_letter", promised_date="2026-11-15", promised_amount="1000")]
    assert only_task(plan(ledger, log)).level == 5


def test_kept_promise_and_a_later_payment_that_covers_it():
    """F1 2000 due 10-31 (level 2). Promise on 11-10 of 500 by 11-20; 500 paid on 11-24 — late,
    but receipts since the promise (500) cover it, so it is not broken: no escalation (level 2)."""
    ledger = [
        line("invoice", "F1", "2026-10-01", "2000", due="2026-10-31"),
        line("receipt", "R1", "2026-11-24", "500"),
    ]
    log = [entry("2026-11-10", "phone", promised_date="2026-11-20", promised_amount="500")]
    task = only_task(plan(ledger, log))
    assert (task.level, task.reasons, task.promise.status) == (2, [], "kept")


def test_promise_without_amount_means_what_was_overdue_before_it():
    """Before the promise of 11-10 (no amount) C1 had F1 1000 overdue (due 10-01) and F2 800 not
    yet due (due 12-10). Paying 1000 on 11-12 keeps it although F2 is still open. Paying only
    900 breaks it once 11-20 has passed → F1's remaining 100 (60 days → level 3) escalates to 4."""
    base = [
        line("invoice", "F1", "2026-09-01", "1000", due="2026-10-01"),
        line("invoice", "F2", "2026-11-01", "800", due="2026-12-10"),
    ]
    log = [entry("2026-11-10", "phone", promised_date="2026-11-20")]
    kept = plan(base + [line("receipt", "R1", "2026-11-12", "1000")], log)
    assert kept.tasks == [] and kept.held == []  # nothing overdue any more
    broken = only_task(plan(base + [line("receipt", "R1", "2026-11-12", "900")], log))
    assert (broken.promise.amount, broken.promise.paid, broken.promise.status) == (Decimal("1000"), Decimal("900"), "broken")
    assert (broken.max_days_overdue, broken.level) == (60, 4)


def test_cooldown_holds_the_same_level_and_higher():
    """F1 due 11-20 (10 days → level 1, email). Email on 11-25: 5 days < 7 → held, resumes on
    11-25 + 7 = 12-02. Email on 11-23: 7 days, not < 7 → a task again."""
    ledger = [line("invoice", "F1", "2026-11-01", "1000", due="2026-11-20")]
    held = plan(ledger, [entry("2026-11-25", "email")])
    assert held.tasks == []
    assert [(h.customer, h.level, h.last_action, h.resumes_on) for h in held.held] == [("C1", 1, date(2026, 11, 25), date(2026, 12, 2))]
    assert only_task(plan(ledger, [entry("2026-11-23", "email")])).level == 1


def test_cooldown_ignores_lower_levels_and_counts_higher_ones():
    """F1 due 10-31 (30 days → level 2, phone). An email yesterday is level 1 < 2: task stands.
    A visit yesterday is level 4 ≥ 2: held. An sms (off the ladder, ranks with email) is level 1."""
    ledger = [line("invoice", "F1", "2026-10-01", "1000", due="2026-10-31")]
    assert only_task(plan(ledger, [entry("2026-11-29", "email")])).level == 2
    assert only_task(plan(ledger, [entry("2026-11-29", "sms")])).level == 2
    assert plan(ledger, [entry("2026-11-29", "visit")]).tasks == []


def test_action_levels_off_the_ladder():
    """sms sits with email (1); agency and lawsuit with lawyer_letter (5)."""
    levels = {action: action_level(DEFAULT_LADDER, action) for action in CollectionAction}
    assert levels == {
        CollectionAction.EMAIL: 1, CollectionAction.SMS: 1, CollectionAction.PHONE: 2, CollectionAction.LETTER: 3,
        CollectionAction.VISIT: 4, CollectionAction.LAWYER_LETTER: 5, CollectionAction.AGENCY: 5, CollectionAction.LAWSUIT: 5,
    }


def test_expiring_limitation_comes_first_with_a_written_demand_due_before_expiry():
    """C2: F9 300 due 2023-12-15 (1081 days → level 5, lawyer's letter) expires 2026-12-15, 15
    days away → limitation_expiring; lawyer's letter is written already; due = min(11-30 + 10,
    12-15) = 12-10. C1: F1 50 000 due 10-15 (46 days → level 3). C2 is priority 1 though smaller."""
    ledger = [
        line("invoice", "F1", "2026-09-15", "50000", due="2026-10-15"),
        line("invoice", "F9", "2023-11-15", "300", customer="C2", due="2023-12-15"),
    ]
    first, second = plan(ledger).tasks
    assert (first.customer, first.priority, first.level, first.action) == ("C2", 1, 5, CollectionAction.LAWYER_LETTER)
    assert (first.due, first.limitation_expires, first.reasons) == (date(2026, 12, 10), date(2026, 12, 15), ["limitation_expiring:F9", "stop_credit"])
    assert (second.customer, second.priority, second.abc_class, first.abc_class) == ("C1", 2, "A", "C")


def test_expiring_limitation_needs_a_letter_and_is_never_held():
    """A ladder whose top step is agency (not a written demand): F1 due 2023-12-05 expires
    2026-12-05 (5 days) → action becomes letter, due min(11-30 + 10, 12-05) = 12-05. The agency
    action yesterday is level 5 and would hold a level-5 task, but an expiring period is never held."""
    ladder = [step.model_copy(update={"action": CollectionAction.AGENCY}) if step.level == 5 else step for step in DEFAULT_LADDER]
    config = CollectionConfig(ladder=ladder)
    ledger = [line("invoice", "F1", "2023-11-01", "1000", due="2023-12-05")]
    log = [entry("2026-11-29", "agency")]
    task = only_task(plan(ledger, log, config=config))
    assert (task.level, task.action, task.due, task.reasons[0]) == (5, CollectionAction.LETTER, date(2026, 12, 5), "limitation_expiring:F1")


def test_expired_limitation_is_flagged_after_expiring_ones():
    """C1: F1 due 2023-06-30 expired 2026-06-30 → limitation_expired, level 5. C2: F2 due
    2023-12-15 expiring 2026-12-15. Order: expiring (C2) first, then expired (C1)."""
    ledger = [
        line("invoice", "F1", "2023-06-01", "5000", due="2023-06-30"),
        line("invoice", "F2", "2023-11-15", "100", customer="C2", due="2023-12-15"),
    ]
    tasks = plan(ledger).tasks
    assert [(t.customer, t.priority, t.reasons[0]) for t in tasks] == [("C2", 1, "limitation_expiring:F2"), ("C1", 2, "limitation_expired:F1")]
    assert tasks[1].limitation_expires == date(2026, 6, 30)


def test_a_written_demand_clears_the_limitation_warning():
    """F1 due 2023-12-15 would expire 2026-12-15; a 催款函 delivered 2026-11-01 restarts it
    (→ 2029-11-01): no limitation reason; the letter (level 3 < 5) does not hold the level-5 task."""
    ledger = [line("invoice", "F1", "2023-11-15", "1000", due="2023-12-15")]
    task = only_task(plan(ledger, [entry("2026-11-01", "letter", written_demand=True)]))
    assert (task.limitation_expires, task.reasons) == (date(2029, 11, 1), ["stop_credit"])


def test_abc_split_with_the_crossing_customer_in_a():
    """Overdue 5000, 3000, 1000, 600, 400 (total 10 000). Cumulative share before each: 0 → A,
    0.5 → A (crosses 70 %: 0.5 → 0.8), 0.8 → B, 0.9 → C (not below 90 %), 0.96 → C."""
    amounts = {"C1": Decimal(5000), "C2": Decimal(3000), "C3": Decimal(1000), "C4": Decimal(600), "C5": Decimal(400)}
    assert abc_classes(amounts, Decimal("0.70"), Decimal("0.90")) == {"C1": "A", "C2": "A", "C3": "B", "C4": "C", "C5": "C"}


def test_abc_ties_are_broken_by_id():
    """Four customers of 250 each: order C1, C2, C3, C4 by id; shares before 0, .25, .5, .75 →
    A, A, A, B (0.75 ≥ 0.70 and < 0.90)."""
    amounts = {customer: Decimal(250) for customer in ("C4", "C2", "C3", "C1")}
    assert abc_classes(amounts, Decimal("0.70"), Decimal("0.90")) == {"C1": "A", "C2": "A", "C3": "A", "C4": "B"}


def test_the_same_run_twice_gives_the_same_tasks():
    """Ids come from (as_of, customer, level); nothing else varies between runs."""
    ledger = [
        line("invoice", "F1", "2026-09-01", "700", due="2026-10-11"),
        line("invoice", "F2", "2026-09-01", "900", customer="C2", due="2026-11-01"),
    ]
    first, second = plan(ledger), plan(list(reversed(ledger)))
    assert [(t.id, t.priority, t.due) for t in first.tasks] == [(t.id, t.priority, t.due) for t in second.tasks]
    assert [t.id for t in first.tasks] == ["T-20261130-C1-3", "T-20261130-C2-2"]
