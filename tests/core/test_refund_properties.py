"""Invariants of the refund assessment over random contracts, ledgers and request sequences."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.refund_books import advance, books, contract, recognition, request
from zhangkuan.core.advances import advance_balances
from zhangkuan.core.refund_posting import postable, refund_line
from zhangkuan.core.refunds import OPEN_STATUSES, Status, assess_refunds
from zhangkuan.model.books import Ledger

START = date(2026, 1, 1)
REASONS = ["demand_change", "quality", "contract_change", "payment_inability"]

cents = st.integers(min_value=1, max_value=5_000_000).map(lambda n: Decimal(n).scaleb(-2))
days = st.integers(min_value=0, max_value=120)
terms = st.fixed_dictionaries(
    {
        "deposit_kind": st.sampled_from(["prepayment", "earnest"]),
        "fee_rate": st.sampled_from(["0", "1%", "5%", "33.3%", "100%"]),
        "earnest_amount": st.one_of(st.none(), cents.map(str)),
    }
)


@st.composite
def scenarios(draw):
    """One contract; advances and recognitions (never more recognised than received at the
    time); a sequence of requests with random amounts, reasons, dates and approvals."""
    ledger, received = [], Decimal(0)
    for n, (kind, amount, day) in enumerate(draw(st.lists(st.tuples(st.sampled_from(["advance", "advance", "recognition"]), cents, days), max_size=8))):
        on = (START + timedelta(days=day)).isoformat()
        if kind == "advance":
            ledger.append(advance(f"A{n}", on, str(amount)))
            received += amount
        elif amount <= received:
            ledger.append(recognition(f"S{n}", on, str(amount)))
            received -= amount
    requests = [
        request(f"R{n}", (START + timedelta(days=day)).isoformat(), str(amount), reason=reason, approval_level=level)
        for n, (amount, reason, day, level) in enumerate(
            draw(st.lists(st.tuples(cents, st.sampled_from(REASONS), days, st.integers(0, 3)), max_size=8))
        )
    ]
    chosen = {key: value for key, value in draw(terms).items() if value is not None}
    return books([contract(amount="100000", **chosen)], ledger, requests)


def held(the_books, as_of) -> Decimal:
    """The open advance of H1 on ``as_of``: what refunds may release at most."""
    balance = advance_balances(the_books.ledger, as_of).get("H1")
    return max(balance.open_balance, Decimal(0)) if balance else Decimal(0)


@settings(max_examples=300, deadline=None)
@given(scenarios(), days)
def test_no_sequence_of_requests_releases_more_than_received_minus_recognised(the_books, day):
    """Σ refundable of eligible and partial requests ≤ received − recognised, every decision
    satisfies refundable = cash + retained − extra, and rejected ones move nothing."""
    as_of = START + timedelta(days=day)
    decisions = assess_refunds(the_books, as_of).decisions
    released = sum((decision.refundable for decision in decisions if decision.status in OPEN_STATUSES), Decimal(0))
    assert released <= held(the_books, as_of)
    for decision in decisions:
        s = decision.settlement
        assert decision.refundable == s.cash_refund + s.retained - s.extra_compensation
        assert decision.refundable <= decision.requested
        assert min(s.cash_refund, s.retained, s.extra_compensation) >= 0
        if decision.status is Status.REJECTED:
            assert (decision.refundable, s.cash_refund, s.retained, s.extra_compensation) == (0, 0, 0, 0)


@settings(max_examples=300, deadline=None)
@given(scenarios(), st.lists(days, min_size=1, max_size=4, unique=True))
def test_posting_month_after_month_never_releases_more_than_is_held(the_books, run_days):
    """Run `refund post` on several dates in turn: each run books, together with what is
    still pending after it, no more than the open advance on its date (received − recognised
    − refunds booked by earlier runs), and no request is ever posted twice."""
    for day in sorted(run_days):
        as_of = START + timedelta(days=day)
        before = held(the_books, as_of)
        booked = [refund_line(decision, as_of, "CNY") for decision in postable(assess_refunds(the_books, as_of), the_books.ledger)]
        the_books.ledger = Ledger([*the_books.ledger, *booked])  # what the next run reads back from the files
        pending = sum((d.refundable for d in assess_refunds(the_books, as_of).decisions if d.status in OPEN_STATUSES), Decimal(0))
        assert sum((line.amount for line in booked), Decimal(0)) + pending <= before
    refund_docs = [line.doc for line in the_books.ledger if line.kind.value == "refund"]
    assert len(refund_docs) == len(set(refund_docs))
