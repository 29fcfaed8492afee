"""The limitation period (诉讼时效) of each overdue invoice (SPEC §5.5).

民法典 第188条: a claim must be brought within three years, counted from the day after the
debtor failed to pay — for an invoice, the day after its due date (第201条: the first day is
not counted), so the period's last day is the due date's anniversary three years on.
第195条: a demand that provably reached the debtor, the debtor's agreement to pay, or a payment
interrupts the period, which then runs again in full from that day.

So per invoice::

    restarted = latest of (due date, last written demand, last acknowledgment, last receipt applied to it)
    expires   = restarted + limitation_years (calendar years; a 29 February lands on 28 February)

``expires`` is the last day on which a demand or a suit still interrupts the period. On the
as-of date an invoice is ``expiring`` when ``0 ≤ expires − as_of ≤ warning_days`` and
``expired`` when ``expires < as_of``.

A log entry concerns an invoice when it is the same customer's and either names the invoice in
``doc`` (several docs may be separated by ``;``) or names none (a demand for all the customer's
debts). Only entries and receipts dated on or before the as-of date count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from zhangkuan.core.receivables import CustomerReceivable, InvoicePosition
from zhangkuan.model.records import CollectionEntry
from zhangkuan.model.values import parse_list


class LimitationStatus(StrEnum):
    RUNNING = "running"
    EXPIRING = "expiring"
    EXPIRED = "expired"


class Restart(StrEnum):
    """What the period last ran from."""

    DUE = "due"
    WRITTEN_DEMAND = "written_demand"
    ACKNOWLEDGED = "acknowledged"
    RECEIPT = "receipt"


@dataclass(frozen=True, slots=True)
class LimitationClock:
    """One invoice's limitation period as of a date."""

    customer: str
    doc: str
    due: date
    restarted_on: date
    restarted_by: Restart
    expires: date
    days_left: int  # expires − as_of; negative once expired
    status: LimitationStatus


@lru_cache(maxsize=8192)
def limitation_expiry(restarted_on: date, years: int = 3) -> date:
    """The last day of a period of ``years`` running from the day after ``restarted_on``.

    Cached: tens of thousands of overdue invoices restart on a few hundred days, and each
    ``relativedelta`` addition costs microseconds.

    >>> limitation_expiry(date(2024, 2, 29))
    datetime.date(2027, 2, 28)
    """
    return restarted_on + relativedelta(years=years)


@dataclass(frozen=True, slots=True)
class Interruption:
    """A log entry that interrupts the period: a delivered written demand or an acknowledgment."""

    on: date
    docs: frozenset[str] | None  # None: every debt of the customer
    written_demand: bool
    acknowledged: bool


def interruptions_by_customer(log: Iterable[CollectionEntry], as_of: date) -> dict[str, list[Interruption]]:
    """The log's written demands and acknowledgments dated ≤ ``as_of``, per customer."""
    by_customer: dict[str, list[Interruption]] = {}
    for entry in log:
        if entry.date > as_of or not (entry.written_demand or entry.acknowledged):
            continue
        docs = frozenset(parse_list(entry.doc)) or None
        by_customer.setdefault(entry.customer, []).append(Interruption(entry.date, docs, entry.written_demand, entry.acknowledged))
    return by_customer


def invoice_clock(
    position: InvoicePosition,
    interruptions: Sequence[Interruption],
    *,
    as_of: date,
    years: int,
    warning_days: int,
) -> LimitationClock:
    """The limitation clock of one invoice, given the customer's interruptions."""
    doc = position.doc
    restarted_on, restarted_by = position.due, Restart.DUE
    # Ties keep the earlier-listed cause: a demand and a payment on the same day restart the same day.
    candidates: list[tuple[date | None, Restart]] = [
        (max((i.on for i in interruptions if i.written_demand and (i.docs is None or doc in i.docs)), default=None), Restart.WRITTEN_DEMAND),
        (max((i.on for i in interruptions if i.acknowledged and (i.docs is None or doc in i.docs)), default=None), Restart.ACKNOWLEDGED),
        (position.last_receipt, Restart.RECEIPT),
    ]
    for on, cause in candidates:
        if on is not None and on > restarted_on:
            restarted_on, restarted_by = on, cause
    expires = limitation_expiry(restarted_on, years)
    days_left = (expires - as_of).days
    if days_left < 0:
        status = LimitationStatus.EXPIRED
    elif days_left <= warning_days:
        status = LimitationStatus.EXPIRING
    else:
        status = LimitationStatus.RUNNING
    return LimitationClock(position.invoice.customer, doc, position.due, restarted_on, restarted_by, expires, days_left, status)


def limitation_clocks(
    receivables: Mapping[str, CustomerReceivable],
    log: Iterable[CollectionEntry],
    *,
    as_of: date,
    years: int = 3,
    warning_days: int = 90,
) -> dict[str, LimitationClock]:
    """The clock of every overdue open invoice (due before ``as_of``, something still owed), by doc.

    Invoices not yet due have no running period and are left out.
    """
    interruptions = interruptions_by_customer(log, as_of)
    clocks: dict[str, LimitationClock] = {}
    for customer_id, receivable in receivables.items():
        customer_interruptions = interruptions.get(customer_id, [])
        for position in receivable.overdue_invoices(as_of):
            clocks[position.doc] = invoice_clock(position, customer_interruptions, as_of=as_of, years=years, warning_days=warning_days)
    return clocks
