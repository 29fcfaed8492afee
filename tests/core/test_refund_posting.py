"""What ``refund post`` records: which requests, the ledger line, the voucher per standard."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.core.refund_books import advance, books, contract, d, refund, request
from zhangkuan.core.refund_posting import BackdatedPosting, postable, refund_line, refund_voucher
from zhangkuan.core.refunds import assess_refunds
from zhangkuan.model.enums import LedgerKind

AS_OF = d("2026-06-30")
EARNEST = {"deposit_kind": "earnest", "earnest_amount": "20000"}


def postings(voucher) -> list[tuple[str, str, str, str]]:
    return [(p.account_code, p.account_name, str(p.debit), str(p.credit)) for p in voucher.postings]


def test_only_eligible_approved_unposted_requests_are_postable():
    """Balance 10000 − refund R4 3000 (posted 06-01) = 7000: R1 3000 approved → postable;
    R2 2000 level 0 → not approved; R3 reason refused → rejected; R4 → posted;
    R5 9000 → partial 2000 (7000 − 3000 − 2000), approved → postable."""
    requests = [
        request("R1", "2026-03-01", "3000"),
        request("R2", "2026-03-02", "2000", approval_level=0),
        request("R3", "2026-03-03", "1000", reason="搬迁"),
        request("R4", "2026-03-04", "3000"),
        request("R5", "2026-03-05", "9000"),
    ]
    ledger = [advance("A1", "2026-02-01", "10000"), refund("R4", "2026-06-01", "3000")]
    the_books = books([contract()], ledger, requests)
    chosen = postable(assess_refunds(the_books, AS_OF), the_books.ledger)
    assert [(decision.request.id, decision.refundable) for decision in chosen] == [("R1", Decimal("3000.00")), ("R5", Decimal("2000.00"))]


def test_posting_before_a_refund_already_booked_is_refused():
    """A refund was booked 07-10; posting as of 06-30 would not see that 8000 has left and
    promise R2 the same money again (balance as of 06-30 still shows 10000)."""
    ledger = [advance("A1", "2026-02-01", "10000"), refund("R1", "2026-07-10", "8000")]
    the_books = books([contract()], ledger, [request("R1", "2026-07-01", "8000"), request("R2", "2026-03-01", "9000")])
    with pytest.raises(BackdatedPosting, match="refunds booked on 2026-07-10; .* --as-of 2026-07-10 or later"):
        postable(assess_refunds(the_books, AS_OF), the_books.ledger)
    assert postable(assess_refunds(the_books, d("2026-07-10")), the_books.ledger)[0].refundable == Decimal("2000.00")


def test_the_ledger_line_releases_the_advance_and_says_how():
    """Earnest company fault: 10000.00 released, cash 14000.00, extra 4000.00."""
    the_books = books([contract(**EARNEST)], [advance("A1", "2026-02-01", "50000")], [request("R1", "2026-03-01", "10000", reason="quality")])
    (decision,) = assess_refunds(the_books, AS_OF).decisions
    posted = refund_line(decision, AS_OF, "CNY")
    assert (posted.date, posted.kind, posted.doc, posted.customer, posted.contract, posted.amount) == (AS_OF, LedgerKind.REFUND, "R1", "C1", "H1", Decimal("10000.00"))
    assert posted.memo == "退款 R1：退现金 14000.00，扣留 0.00，定金双倍返还另付 4000.00"


def test_voucher_for_a_retained_fee_under_cas():
    """5 % of 10000 kept: 借 2204 合同负债 10000.00 / 贷 1002 银行存款 9500.00, 贷 6301 营业外收入 500.00."""
    the_books = books([contract(fee_rate="5%")], [advance("A1", "2026-02-01", "50000")], [request("R1", "2026-03-01", "10000")])
    (decision,) = assess_refunds(the_books, AS_OF).decisions
    voucher = refund_voucher(decision, the_books.config, AS_OF)
    assert (voucher.entry_id, voucher.source, voucher.balanced) == ("RF-R1", "refund:R1", True)
    assert postings(voucher) == [("2204", "合同负债", "10000.00", "0"), ("1002", "银行存款", "0", "9500.00"), ("6301", "营业外收入", "0", "500.00")]
    assert [p.customer for p in voucher.postings] == ["C1", "", ""]


def test_voucher_for_a_doubled_earnest_under_small():
    """小企业会计准则: 借 2203 预收账款 10000.00, 借 5711 营业外支出 4000.00 / 贷 1002 银行存款 14000.00."""
    the_books = books([contract(**EARNEST)], [advance("A1", "2026-02-01", "50000")], [request("R1", "2026-03-01", "10000", reason="quality")], standard="small")
    (decision,) = assess_refunds(the_books, AS_OF).decisions
    voucher = refund_voucher(decision, the_books.config, AS_OF)
    assert voucher.balanced
    assert postings(voucher) == [("2203", "预收账款", "10000.00", "0"), ("5711", "营业外支出", "4000.00", "0"), ("1002", "银行存款", "0", "14000.00")]


def test_voucher_follows_advance_account_and_the_chart():
    """advance_account advance_receipts under CAS → 2203; a chart filing 营业外收入 under 6051
    is followed. Forfeited earnest 10000 × 40 % = 4000.00 → 贷 6051 4000.00."""
    config = {"advance_account": "advance_receipts", "accounts": {"non_operating_income": {"code": "6051", "name": "其他业务收入"}}}
    the_books = books([contract(**EARNEST)], [advance("A1", "2026-02-01", "50000")], [request("R1", "2026-03-01", "10000")], **config)
    (decision,) = assess_refunds(the_books, AS_OF).decisions
    assert postings(refund_voucher(decision, the_books.config, AS_OF)) == [
        ("2203", "预收账款", "10000.00", "0"),
        ("1002", "银行存款", "0", "6000.00"),
        ("6051", "其他业务收入", "0", "4000.00"),
    ]
