"""Receivable aging (账龄) per customer and invoice, as of a date (SPEC §5.1).

Every bucket bound becomes a cut-off date once per report: a reference date ``r`` (the due
date or the invoice date, per basis) lies within bound ``b`` when ``r >= cutoff(b)``, where
``cutoff`` is ``as_of - b days`` for day bounds and ``as_of - relativedelta(months=m)`` for
calendar bounds (so ``1y`` across a leap day is exactly one calendar year). Placing an invoice is
then a binary search, whatever the units.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from zhangkuan.core.money import ZERO
from zhangkuan.core.receivables import CustomerReceivable
from zhangkuan.model.config import Bound
from zhangkuan.model.enums import AgingBasis

CURRENT = "current"


def bucket_labels(bounds: list[Bound], basis: AgingBasis) -> list[str]:
    """Bucket names: ``current, 1-30, 31-60, …, >365`` (due date) or ``0-30, …`` (invoice date).

    A day bucket starts the day after the previous bound; calendar bounds keep their units
    (``1y-2y``). The first bucket starts at 1 on the due-date basis (0 days late is ``current``)
    and at 0 on the invoice-date basis.
    """
    labels = [CURRENT] if basis is AgingBasis.DUE_DATE else []
    lower = "1" if basis is AgingBasis.DUE_DATE else "0"
    for bound in bounds:
        labels.append(f"{lower}-{bound.label}")
        lower = str(bound.days + 1) if bound.days is not None else bound.label
    labels.append(f">{bounds[-1].label}")
    return labels


def bound_cutoff(bound: Bound, as_of: date) -> date:
    """The earliest reference date that still lies within ``bound`` on ``as_of``."""
    if bound.days is not None:
        return as_of - timedelta(days=bound.days)
    return as_of - relativedelta(months=bound.months)


@dataclass(frozen=True, slots=True)
class InvoiceAging:
    doc: str
    date: date
    due: date
    age_days: int
    bucket: str
    outstanding: Decimal
    limitation_expires: date | None = None  # 诉讼时效 expiry of an overdue invoice (core.limitation)


@dataclass(slots=True)
class CustomerAging:
    customer: str
    name: str
    buckets: dict[str, Decimal]
    unapplied: Decimal
    total: Decimal
    invoices: list[InvoiceAging] = field(default_factory=list)

    @property
    def is_zero(self) -> bool:
        return not self.total and not any(self.buckets.values()) and not self.unapplied


@dataclass(slots=True)
class AgingReport:
    as_of: date
    basis: AgingBasis
    currency: str
    buckets: list[str]
    customers: list[CustomerAging]
    totals: dict[str, Decimal]
    total_unapplied: Decimal
    total: Decimal
    with_limitation: bool = False  # detail rows carry limitation_expires


class _Placer:
    """Places a reference date in its bucket: one bisect over the cut-offs' ordinals."""

    def __init__(self, bounds: list[Bound], basis: AgingBasis, as_of: date):
        self.labels = bucket_labels(bounds, basis)
        self.as_of = as_of
        self.due_basis = basis is AgingBasis.DUE_DATE
        # Newest cut-off first → negate ordinals so the list ascends for bisect.
        self.negated_cutoffs = [-bound_cutoff(bound, as_of).toordinal() for bound in bounds]

    def place(self, reference: date) -> tuple[int, str]:
        age_days = (self.as_of - reference).days
        if self.due_basis:
            if age_days <= 0:
                return age_days, CURRENT
            return age_days, self.labels[1 + bisect_left(self.negated_cutoffs, -reference.toordinal())]
        return age_days, self.labels[bisect_left(self.negated_cutoffs, -reference.toordinal())]


def age_receivables(
    receivables: Mapping[str, CustomerReceivable],
    names: Mapping[str, str],
    *,
    as_of: date,
    basis: AgingBasis,
    bounds: list[Bound],
    currency: str,
    include_zero: bool = False,
    detail: bool = False,
    customers: Iterable[str] | None = None,
    limitation_expiry: Mapping[str, date] | None = None,
) -> AgingReport:
    """Age each customer's open invoices into buckets; unapplied credit stays outside them.

    ``names`` maps customer ids to names (missing ids show their id). Bucket sums equal each
    customer's outstanding, and the totals equal the ledger's receivable balance.
    ``limitation_expiry`` (doc → date, from ``core.limitation``) fills each detail row's
    ``limitation_expires``; invoices absent from it (not overdue) get None.
    """
    placer = _Placer(bounds, basis, as_of)
    wanted = set(customers) if customers is not None else None
    rows: list[CustomerAging] = []
    totals = dict.fromkeys(placer.labels, ZERO)
    total_unapplied = ZERO
    for customer_id in sorted(receivables):
        if wanted is not None and customer_id not in wanted:
            continue
        receivable = receivables[customer_id]
        buckets = dict.fromkeys(placer.labels, ZERO)
        invoices: list[InvoiceAging] = []
        for position in receivable.invoices:
            if not position.outstanding:
                continue
            line = position.invoice
            reference = position.due if placer.due_basis else line.date
            age_days, label = placer.place(reference)
            buckets[label] += position.outstanding
            if detail:
                expires = limitation_expiry.get(line.doc) if limitation_expiry is not None else None
                invoices.append(InvoiceAging(line.doc, line.date, position.due, age_days, label, position.outstanding, expires))
        row = CustomerAging(
            customer=customer_id,
            name=names.get(customer_id, customer_id),
            buckets=buckets,
            unapplied=receivable.unapplied,
            total=sum(buckets.values(), ZERO) + receivable.unapplied,
            invoices=invoices,
        )
        if row.is_zero and not include_zero:
            continue
        rows.append(row)
        for label, amount in buckets.items():
            totals[label] += amount
        total_unapplied += receivable.unapplied
    if include_zero and wanted is None:
        rows.extend(
            CustomerAging(customer_id, name, dict.fromkeys(placer.labels, ZERO), ZERO, ZERO)
            for customer_id, name in names.items()
            if customer_id not in receivables
        )
        rows.sort(key=lambda row: row.customer)
    return AgingReport(
        as_of=as_of,
        basis=basis,
        currency=currency,
        buckets=placer.labels,
        customers=rows,
        totals=totals,
        total_unapplied=total_unapplied,
        total=sum(totals.values(), ZERO) + total_unapplied,
        with_limitation=detail and limitation_expiry is not None,
    )
