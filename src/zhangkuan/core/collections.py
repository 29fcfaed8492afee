"""The collection task list (催收任务) for an as-of date (SPEC §5.5).

One task per customer with overdue debt (an open invoice whose due date is before the as-of
date), decided in this order:

1. **Ladder.** The level whose ``up_to`` holds the days overdue of the customer's oldest
   overdue invoice (the last level holds the rest).
2. **Promises.** The customer's latest log entry with a ``promised_date`` is its promise. It is
   *kept* when the customer's receipts dated on or after the day the promise was made (up to the
   as-of date) reach the promised amount — or, without an amount, what the customer had overdue
   just before that day. A promise not kept is *active* while ``promised_date ≥ as_of``: the
   task becomes a follow-up due on the promised date, at the ladder level. Once the promised
   date has passed it is *broken*: the level rises by one (never above the top level).
3. **Limitation.** An overdue invoice whose limitation period (``core.limitation``) ends within
   ``limitation_warning_days`` makes the task ``limitation_expiring``: its action becomes a
   written demand (``letter``, unless the level's own action is already written) and it is due
   no later than the earliest expiry. An expired period adds ``limitation_expired``.
4. **Cooldown.** When the log holds an action of the task's level or higher within
   ``cooldown_days`` before the as-of date (``as_of − date < cooldown_days``), no task is made
   today; the customer is *held* until that date plus ``cooldown_days``. An action's level is
   the ladder level of that action; an action not on the ladder takes the level of the highest
   step at or below it in the order email, sms, phone, letter, visit, lawyer_letter, agency,
   lawsuit. Follow-ups of active promises and expiring limitation periods are never held.

Classes A/B/C split the customers with overdue debt, sorted by overdue amount (largest first,
ties by id): a customer is A while the cumulative share before it is below ``abc_a`` (so the
one that crosses 70 % is A), B while below ``abc_b``, else C.

Tasks are ordered expiring limitation first (earliest expiry first), then expired limitation,
then by level (highest first), class, overdue amount (largest first) and customer id;
``priority`` is the position in that order (1 = do first). Ids are ``T-<as_of>-<customer>-<level>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from zhangkuan.core.limitation import LimitationClock, LimitationStatus, interruptions_by_customer, invoice_clock
from zhangkuan.core.money import ZERO
from zhangkuan.core.receivables import CustomerReceivable
from zhangkuan.model.config import CollectionConfig, LadderLevel
from zhangkuan.model.enums import CollectionAction, LedgerKind
from zhangkuan.model.findings import Finding, error
from zhangkuan.model.records import CollectionEntry, Customer, LedgerLine
from zhangkuan.model.values import parse_list

# Escalation order of actions: an action off the ladder sits with the highest step below it.
ACTION_ORDER: tuple[CollectionAction, ...] = tuple(CollectionAction)
# Actions that are themselves a written demand (what an expiring limitation period needs).
WRITTEN_ACTIONS = frozenset({CollectionAction.LETTER, CollectionAction.LAWYER_LETTER, CollectionAction.LAWSUIT})


@dataclass(frozen=True, slots=True)
class OverdueInvoice:
    doc: str
    date: date
    due: date
    days_overdue: int
    outstanding: Decimal
    limitation: LimitationClock


@dataclass(frozen=True, slots=True)
class Promise:
    """A promise to pay from the log, judged on the as-of date."""

    made_on: date
    promised_date: date
    amount: Decimal  # promised amount, or what was overdue just before the promise
    paid: Decimal  # receipts on or after made_on, up to as_of
    status: str  # "kept" | "active" | "broken"


@dataclass(slots=True)
class CollectionTask:
    id: str
    customer: str
    name: str
    level: int
    action: CollectionAction
    collector: str
    due: date
    overdue_amount: Decimal
    max_days_overdue: int
    abc_class: str
    limitation_expires: date | None  # earliest expiry among the overdue invoices
    priority: int
    reasons: list[str]
    stop_credit: bool = False
    follow_up: bool = False
    promise: Promise | None = None
    invoices: list[OverdueInvoice] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class HeldCustomer:
    """A customer with overdue debt but no task today: the same level was acted on recently."""

    customer: str
    name: str
    level: int
    action: CollectionAction
    collector: str
    last_action: date
    resumes_on: date
    overdue_amount: Decimal
    max_days_overdue: int
    abc_class: str
    limitation_expires: date | None
    invoices: list[OverdueInvoice] = field(default_factory=list)


@dataclass(slots=True)
class CollectionPlan:
    as_of: date
    currency: str
    tasks: list[CollectionTask]
    held: list[HeldCustomer]

    def task_for(self, customer: str) -> CollectionTask | None:
        return next((task for task in self.tasks if task.customer == customer), None)

    def held_for(self, customer: str) -> HeldCustomer | None:
        return next((held for held in self.held if held.customer == customer), None)


@dataclass(frozen=True, slots=True)
class OpenInvoice:
    """An open invoice of a customer; ``limitation`` only once it is overdue."""

    doc: str
    date: date
    due: date
    days_overdue: int  # 0 or less: not yet overdue
    outstanding: Decimal
    limitation: LimitationClock | None


def open_invoices(
    receivable: CustomerReceivable | None, log: Iterable[CollectionEntry], config: CollectionConfig, *, as_of: date
) -> list[OpenInvoice]:
    """Every open invoice of one customer, oldest first, each overdue one with its limitation clock."""
    if receivable is None:
        return []
    interruptions = interruptions_by_customer((e for e in log if e.customer == receivable.customer), as_of).get(receivable.customer, [])
    return [
        OpenInvoice(
            p.doc, p.invoice.date, p.due, (as_of - p.due).days, p.outstanding,
            invoice_clock(p, interruptions, as_of=as_of, years=config.limitation_years, warning_days=config.limitation_warning_days) if p.is_overdue(as_of) else None,
        )
        for p in receivable.invoices
        if p.outstanding > 0
    ]


def task_id(as_of: date, customer: str, level: int) -> str:
    """Deterministic task id: ``T-20261130-C001-3``."""
    return f"T-{as_of:%Y%m%d}-{customer}-{level}"


def ladder_step(ladder: Sequence[LadderLevel], days_overdue: int) -> LadderLevel:
    """The ladder step for a number of days overdue: the first whose ``up_to`` holds it."""
    for step in ladder:
        if step.up_to is None or days_overdue <= step.up_to:
            return step
    return ladder[-1]


def action_level(ladder: Sequence[LadderLevel], action: CollectionAction) -> int:
    """The ladder level an action stands for (see the module docstring for actions off the ladder)."""
    rank = ACTION_ORDER.index(action)
    levels = [step.level for step in ladder if ACTION_ORDER.index(step.action) <= rank]
    return max(levels, default=ladder[0].level)


def abc_classes(overdue_by_customer: Mapping[str, Decimal], a_share: Decimal, b_share: Decimal) -> dict[str, str]:
    """Class A/B/C per customer by overdue amount (largest first, ties by id).

    A customer is A while the cumulative share of the customers before it is below ``a_share``
    — so the one that crosses the line is A — B while below ``b_share``, C after.
    """
    total = sum(overdue_by_customer.values(), ZERO)
    classes: dict[str, str] = {}
    before = ZERO
    for customer in sorted(overdue_by_customer, key=lambda c: (-overdue_by_customer[c], c)):
        share_before = before / total if total else ZERO
        classes[customer] = "A" if share_before < a_share else "B" if share_before < b_share else "C"
        before += overdue_by_customer[customer]
    return classes


def receipts_since(receivable: CustomerReceivable, since: date) -> Decimal:
    """The customer's receipts dated on or after ``since`` that settled its invoices."""
    return sum(
        (s.amount for position in receivable.invoices for s in position.settlements if s.kind is LedgerKind.RECEIPT and s.date >= since),
        ZERO,
    )


def overdue_before(receivable: CustomerReceivable, day: date) -> Decimal:
    """What the customer had overdue at the start of ``day`` (invoices due before it, settlements before it)."""
    total = ZERO
    for position in receivable.invoices:
        if position.due < day and position.invoice.date < day:
            settled = sum((s.amount for s in position.settlements if s.date < day), ZERO)
            total += max(position.invoice.amount - settled, ZERO)
    return total


def judge_promise(entries: Sequence[CollectionEntry], receivable: CustomerReceivable, as_of: date) -> Promise | None:
    """The customer's latest promise (entries in date order, later lines winning ties), judged on ``as_of``."""
    promises = [entry for entry in entries if entry.promised_date is not None]
    if not promises:
        return None
    latest = promises[-1]
    assert latest.promised_date is not None
    amount = latest.promised_amount if latest.promised_amount is not None else overdue_before(receivable, latest.date)
    paid = receipts_since(receivable, latest.date)
    if paid >= amount:
        status = "kept"
    elif latest.promised_date >= as_of:
        status = "active"
    else:
        status = "broken"
    return Promise(latest.date, latest.promised_date, amount, paid, status)


def plan_collections(
    receivables: Mapping[str, CustomerReceivable],
    customers: Mapping[str, Customer],
    log: Iterable[CollectionEntry],
    config: CollectionConfig,
    *,
    as_of: date,
    currency: str = "CNY",
) -> CollectionPlan:
    """The task list for ``as_of``: one task per customer with overdue debt, unless held by cooldown.

    ``receivables`` come from ``settle_receivables(ledger, as_of)``; log entries dated after
    ``as_of`` are ignored. Rules and ordering are in the module docstring.
    """
    ladder = config.ladder
    top = ladder[-1].level
    entries_by_customer: dict[str, list[CollectionEntry]] = {}
    for entry in sorted((entry for entry in log if entry.date <= as_of), key=lambda entry: entry.date):
        entries_by_customer.setdefault(entry.customer, []).append(entry)
    interruptions = interruptions_by_customer(
        (entry for entries in entries_by_customer.values() for entry in entries), as_of
    )

    overdue_positions = {
        customer_id: positions
        for customer_id in sorted(receivables)
        if (positions := receivables[customer_id].overdue_invoices(as_of))
    }
    overdue_amounts = {customer_id: sum((p.outstanding for p in positions), ZERO) for customer_id, positions in overdue_positions.items()}
    classes = abc_classes(overdue_amounts, config.abc_a, config.abc_b)

    tasks: list[CollectionTask] = []
    held: list[HeldCustomer] = []
    for customer_id, positions in overdue_positions.items():
        record = customers.get(customer_id)
        name = record.name if record else customer_id
        collector = (record.collector if record else "") or config.default_collector
        entries = entries_by_customer.get(customer_id, [])
        invoices = [
            OverdueInvoice(
                p.doc, p.invoice.date, p.due, (as_of - p.due).days, p.outstanding,
                invoice_clock(p, interruptions.get(customer_id, []), as_of=as_of, years=config.limitation_years, warning_days=config.limitation_warning_days),
            )
            for p in positions
        ]
        max_days = max(invoice.days_overdue for invoice in invoices)
        level = ladder_step(ladder, max_days).level
        reasons: list[str] = []

        promise = judge_promise(entries, receivables[customer_id], as_of)
        if promise is not None and promise.status == "broken":
            level = min(level + 1, top)
            reasons.append(f"promise_broken:{promise.promised_date.isoformat()}")
        follow_up = promise is not None and promise.status == "active"
        if follow_up:
            reasons.append(f"promise_active:{promise.promised_date.isoformat()}")  # type: ignore[union-attr]

        expiring = sorted((i for i in invoices if i.limitation.status is LimitationStatus.EXPIRING), key=lambda i: (i.limitation.expires, i.doc))
        expired = [i for i in invoices if i.limitation.status is LimitationStatus.EXPIRED]
        reasons[:0] = [f"limitation_expiring:{i.doc}" for i in expiring] + [f"limitation_expired:{i.doc}" for i in expired]
        step = ladder[level - 1]
        if step.stop_credit:
            reasons.append("stop_credit")
        earliest_expiry = min((i.limitation.expires for i in invoices), default=None)
        overdue_amount = overdue_amounts[customer_id]

        if not follow_up and not expiring:
            recent = [e for e in entries if (as_of - e.date).days < config.cooldown_days and action_level(ladder, e.action) >= level]
            if recent:
                last = recent[-1].date
                held.append(HeldCustomer(
                    customer_id, name, level, step.action, collector, last, last + timedelta(days=config.cooldown_days),
                    overdue_amount, max_days, classes[customer_id], earliest_expiry, invoices,
                ))
                continue

        action = step.action
        due = promise.promised_date if follow_up else as_of + timedelta(days=step.due_days)  # type: ignore[union-attr]
        if expiring:
            if action not in WRITTEN_ACTIONS:
                action = CollectionAction.LETTER
            due = min(due, expiring[0].limitation.expires)
        tasks.append(CollectionTask(
            id=task_id(as_of, customer_id, level),
            customer=customer_id,
            name=name,
            level=level,
            action=action,
            collector=collector,
            due=due,
            overdue_amount=overdue_amount,
            max_days_overdue=max_days,
            abc_class=classes[customer_id],
            limitation_expires=earliest_expiry,
            priority=0,
            reasons=reasons,
            stop_credit=step.stop_credit,
            follow_up=follow_up,
            promise=promise,
            invoices=invoices,
        ))

    def order(task: CollectionTask) -> tuple:
        expiring_first = min((i.limitation.expires for i in task.invoices if i.limitation.status is LimitationStatus.EXPIRING), default=None)
        has_expired = any(i.limitation.status is LimitationStatus.EXPIRED for i in task.invoices)
        group = 0 if expiring_first else 1 if has_expired else 2
        return (group, expiring_first or date.max, -task.level, task.abc_class, -task.overdue_amount, task.customer)

    tasks.sort(key=order)
    for position, task in enumerate(tasks, start=1):
        task.priority = position
    return CollectionPlan(as_of, currency, tasks, held)


def check_new_entry(
    entry: CollectionEntry, customers: Mapping[str, Customer], ledger: Iterable[LedgerLine], *, as_of: date
) -> list[Finding]:
    """Problems with a log entry about to be appended (``collect log``), each naming its option.

    The customer must be known; every doc named must be an invoice of that customer; a
    promised amount needs a promised date, which may not precede the entry; and the entry may
    not be dated after the as-of date.
    """
    findings: list[Finding] = []
    if entry.customer not in customers:
        findings.append(error(
            "unknown_customer", f"customer {entry.customer} is not in the customers file", column="--customer", hint="use a customer id from customers.csv",
            zh=f"客户编号 {entry.customer} 不在客户表中", hint_zh="请使用客户表（customers.csv）中的客户编号",
        ))
    docs = parse_list(entry.doc)
    if docs:
        invoices = {line.doc: line.customer for line in ledger if line.kind is LedgerKind.INVOICE}
        for doc in docs:
            if doc not in invoices:
                findings.append(error(
                    "unknown_doc", f"no invoice {doc} in the ledger", column="--doc", hint="name an invoice number, or leave --doc out for all the customer's debts",
                    zh=f"台账中没有发票 {doc}", hint_zh="请填写发票的单据号，或不写 --doc，表示该客户的全部欠款",
                ))
            elif invoices[doc] != entry.customer:
                findings.append(error(
                    "customer_mismatch", f"invoice {doc} belongs to {invoices[doc]}, not {entry.customer}", column="--doc", hint="check the customer or the invoice number",
                    zh=f"发票 {doc} 属于客户 {invoices[doc]}，不属于 {entry.customer}", hint_zh="请核对客户编号或发票单据号",
                ))
    if entry.promised_amount is not None and entry.promised_date is None:
        findings.append(error(
            "missing_value", "a promised amount needs the date it was promised for", column="--promised-date", hint="add --promised-date DATE",
            zh="填写了承诺金额，还须填写承诺付款日期", hint_zh="请加上 --promised-date 日期",
        ))
    if entry.promised_date is not None and entry.promised_date < entry.date:
        findings.append(error(
            "bad_value", f"the promised date {entry.promised_date} is before the entry's date {entry.date}", column="--promised-date", hint="a promise to pay is for the entry's day or later",
            zh=f"承诺付款日期 {entry.promised_date} 早于本次催收的日期 {entry.date}", hint_zh="承诺付款日期应为催收当天或之后",
        ))
    if entry.date > as_of:
        findings.append(error(
            "after_as_of", f"the entry is dated {entry.date}, after the as-of date {as_of}", column="--date", hint="log what has happened: give --as-of the entry's date or later",
            zh=f"记录日期 {entry.date} 晚于截止日 {as_of}", hint_zh="只记录已经发生的催收：--as-of 应不早于记录日期",
        ))
    return findings
