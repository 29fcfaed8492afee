"""Credit grade per customer (信用评估, SPEC §5.4), with the inputs that decided it.

Inputs, from the customer's history as of the date:

- ``on_time_share``: of the invoices that are settled in full or past due, the share settled
  in full with no write-off and no receipt later than the due date plus ``grace_days``
  (default 5: transfers and weekends). ``None`` while no invoice has reached either state.
- ``avg_days_late``: amount-weighted days late. Each receipt and write-off applied to an
  invoice weighs its amount × max(0, its date − due); each overdue open amount weighs
  amount × (as_of − due). Divided by the sum of those amounts. Credit notes are not payments
  and are left out. ``None`` without any such amount.
- ``overdue_share``: overdue outstanding ÷ open outstanding (0 when nothing is open).
- ``limit_usage``: exposure (the balance, never below 0) ÷ ``credit_limit``; ``None`` without
  a limit. A limit of 0 means no credit: any exposure breaches it and fails every usage threshold.
- ``oldest_overdue_days``: days past due of the oldest overdue invoice (0 when none).

Grade: the best of A, B, C whose every threshold the customer meets (an input that is
``None`` passes), else D. ``decided_by`` names the inputs that failed the next better grade.
A manual ``grade`` on the customer overrides the computed one (both are reported).
``limit_breach`` when exposure exceeds ``credit_limit``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from zhangkuan.core.money import ZERO
from zhangkuan.core.receivables import CustomerReceivable
from zhangkuan.model.config import CreditConfig, GradeThresholds
from zhangkuan.model.enums import LedgerKind
from zhangkuan.model.records import Customer

GRADES = ("A", "B", "C", "D")
RECOMMENDATIONS = {"A": "keep_terms", "B": "watch", "C": "shorten_terms", "D": "stop_credit"}
INPUTS = ("on_time_share", "avg_days_late", "overdue_share", "limit_usage", "oldest_overdue_days")


@dataclass(frozen=True, slots=True)
class CreditInputs:
    on_time_share: Decimal | None
    invoices_judged: int
    invoices_on_time: int
    avg_days_late: Decimal | None
    overdue_share: Decimal
    limit_usage: Decimal | None
    oldest_overdue_days: int
    no_credit_breached: bool = False  # credit_limit 0 with exposure: fails any usage threshold


@dataclass(slots=True)
class CustomerCredit:
    customer: str
    name: str
    grade: str
    computed_grade: str
    manual: bool
    inputs: CreditInputs
    exposure: Decimal
    overdue: Decimal
    credit_limit: Decimal | None
    limit_breach: bool
    limit_excess: Decimal
    recommendation: str
    decided_by: list[str] = field(default_factory=list)


@dataclass(slots=True)
class CreditReport:
    as_of: date
    currency: str
    customers: list[CustomerCredit]

    @property
    def breaches(self) -> list[CustomerCredit]:
        return [row for row in self.customers if row.limit_breach]


def credit_inputs(receivable: CustomerReceivable | None, credit_limit: Decimal | None, as_of: date, *, grace_days: int = 0) -> CreditInputs:
    """The five inputs of the grade for one customer (see the module docstring)."""
    grace = timedelta(days=grace_days)
    judged = on_time = 0
    weighted = weight = ZERO
    overdue = open_total = ZERO
    oldest = 0
    receipt, write_off = LedgerKind.RECEIPT, LedgerKind.WRITE_OFF
    for position in receivable.invoices if receivable else []:
        due = position.due
        deadline = due + grace
        late = False
        for settlement in position.settlements:
            kind = settlement.kind
            if kind is receipt or kind is write_off:
                if settlement.date > due:
                    weighted += settlement.amount * (settlement.date - due).days
                weight += settlement.amount
                late = late or kind is write_off or settlement.date > deadline
        outstanding = position.outstanding
        open_total += outstanding
        if position.is_overdue(as_of):
            days = (as_of - due).days
            overdue += outstanding
            weighted += outstanding * days
            weight += outstanding
            oldest = max(oldest, days)
            judged += 1
        elif outstanding == 0:
            judged += 1
            on_time += not late
    exposure = max(receivable.balance, ZERO) if receivable else ZERO
    usage: Decimal | None = None
    no_credit_breached = False
    if credit_limit is not None:
        if credit_limit > 0:
            usage = exposure / credit_limit
        elif exposure > 0:
            no_credit_breached = True
        else:
            usage = ZERO
    return CreditInputs(
        on_time_share=Decimal(on_time) / judged if judged else None,
        invoices_judged=judged,
        invoices_on_time=on_time,
        avg_days_late=weighted / weight if weight else None,
        overdue_share=overdue / open_total if open_total > 0 else ZERO,
        limit_usage=usage,
        oldest_overdue_days=oldest,
        no_credit_breached=no_credit_breached,
    )


def failed_thresholds(inputs: CreditInputs, thresholds: GradeThresholds) -> list[str]:
    """The inputs that miss a grade's thresholds, in the order of ``INPUTS``."""
    failed: list[str] = []
    if thresholds.on_time_share is not None and inputs.on_time_share is not None and inputs.on_time_share < thresholds.on_time_share:
        failed.append("on_time_share")
    if thresholds.avg_days_late is not None and inputs.avg_days_late is not None and inputs.avg_days_late > thresholds.avg_days_late:
        failed.append("avg_days_late")
    if thresholds.overdue_share is not None and inputs.overdue_share > thresholds.overdue_share:
        failed.append("overdue_share")
    if thresholds.limit_usage is not None and (
        inputs.no_credit_breached or (inputs.limit_usage is not None and inputs.limit_usage > thresholds.limit_usage)
    ):
        failed.append("limit_usage")
    if thresholds.oldest_overdue_days is not None and inputs.oldest_overdue_days > thresholds.oldest_overdue_days:
        failed.append("oldest_overdue_days")
    return failed


def grade_for(inputs: CreditInputs, config: CreditConfig) -> tuple[str, list[str]]:
    """The best grade whose thresholds all hold, and the inputs that failed the grade above it."""
    thresholds = config.thresholds()
    missed: list[str] = []
    for grade in ("A", "B", "C"):
        failed = failed_thresholds(inputs, thresholds[grade])
        if not failed:
            return grade, missed
        missed = failed
    return "D", missed


def assess_credit(
    receivables: Mapping[str, CustomerReceivable],
    customers: Mapping[str, Customer],
    config: CreditConfig,
    *,
    as_of: date,
    currency: str = "CNY",
    only: Iterable[str] | None = None,
) -> CreditReport:
    """Grade every customer known to the books or the ledger (sorted by id), or only ``only``.

    ``receivables`` come from ``settle_receivables(ledger, as_of)``.
    """
    wanted = set(only) if only is not None else None
    rows: list[CustomerCredit] = []
    for customer_id in sorted(set(customers) | set(receivables)):
        if wanted is not None and customer_id not in wanted:
            continue
        record = customers.get(customer_id)
        receivable = receivables.get(customer_id)
        credit_limit = record.credit_limit if record else None
        inputs = credit_inputs(receivable, credit_limit, as_of, grace_days=config.grace_days)
        computed, decided_by = grade_for(inputs, config)
        manual = bool(record and record.grade)
        grade = record.grade if record and record.grade else computed
        exposure = max(receivable.balance, ZERO) if receivable else ZERO
        overdue = sum((p.outstanding for p in receivable.overdue_invoices(as_of)), ZERO) if receivable else ZERO
        breach = credit_limit is not None and exposure > credit_limit
        rows.append(CustomerCredit(
            customer=customer_id,
            name=record.name if record else customer_id,
            grade=grade,
            computed_grade=computed,
            manual=manual,
            inputs=inputs,
            exposure=exposure,
            overdue=overdue,
            credit_limit=credit_limit,
            limit_breach=breach,
            limit_excess=exposure - credit_limit if breach and credit_limit is not None else ZERO,
            recommendation=RECOMMENDATIONS[grade],
            decided_by=decided_by,
        ))
    return CreditReport(as_of, currency, rows)
