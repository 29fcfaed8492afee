"""What ``refund post`` records for an assessed refund: a ledger line and a voucher (SPEC §5.3).

Both are built here, pure, so that ``--dry-run`` shows exactly what a real run writes. The
entry id ``RF-<request id>`` and the ledger ``doc`` (the request id) are what make a second
run find the first one and post nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from zhangkuan.core.money import format_amount
from zhangkuan.core.refunds import OPEN_STATUSES, RefundAssessment, RefundDecision
from zhangkuan.model.config import BooksConfig
from zhangkuan.model.enums import LedgerKind
from zhangkuan.model.problems import ValueProblem
from zhangkuan.model.records import LedgerLine
from zhangkuan.model.vouchers import EntryPrefix, Leg, Voucher, entry_id


class BackdatedPosting(ValueProblem):
    """``refund post`` asked to book refunds before refunds the ledger already holds."""


def postable(assessment: RefundAssessment, ledger: Iterable[LedgerLine]) -> list[RefundDecision]:
    """Eligible or partial, approved and releasing something: what ``refund post`` books.

    Refunds are booked on ``as_of``, which must not be earlier than the last ``refund`` line
    of the ledger (``BackdatedPosting`` otherwise): the balance as of an earlier day does not
    know that money has left since, and would promise it a second time. Requests the ledger
    already holds are ``posted`` in the assessment and never chosen again.
    """
    latest = max((line.date for line in ledger if line.kind is LedgerKind.REFUND), default=None)
    if latest is not None and latest > assessment.as_of:
        raise BackdatedPosting(
            f"the ledger already holds refunds booked on {latest.isoformat()}; refund post books on the as-of date, "
            f"so give --as-of {latest.isoformat()} or later",
            f"台账中已有 {latest.isoformat()} 入账的退款；refund post 按截止日入账，请将 --as-of 设为 {latest.isoformat()} 或之后",
        )
    return [decision for decision in assessment.decisions if decision.status in OPEN_STATUSES and decision.approved and decision.refundable > 0]


def refund_memo(decision: RefundDecision, currency: str) -> str:
    """摘要 of the ledger line: the request, and how the release splits (cash, retained, extra)."""
    settlement = decision.settlement
    memo = f"退款 {decision.request.id}：退现金 {format_amount(settlement.cash_refund, currency)}，扣留 {format_amount(settlement.retained, currency)}"
    if settlement.extra_compensation:
        memo += f"，定金双倍返还另付 {format_amount(settlement.extra_compensation, currency)}"
    return memo


def refund_line(decision: RefundDecision, on: date, currency: str) -> LedgerLine:
    """The ``refund`` ledger line: doc = request id, amount = the advance released."""
    request = decision.request
    return LedgerLine(
        date=on,
        kind=LedgerKind.REFUND,
        doc=request.id,
        customer=request.customer,
        amount=decision.refundable,
        contract=request.contract,
        memo=refund_memo(decision, currency),
    )


def refund_voucher(decision: RefundDecision, config: BooksConfig, on: date) -> Voucher:
    """借 合同负债/预收账款 (released) [借 营业外支出 (doubled earnest)]
    贷 银行存款 (cash) [贷 营业外收入 (retained)].

    Accounts come from the books' roles, so ``standard: small`` gives 5301/5711 and a chart
    that files 合同负债 under 2205 gets 2205. The customer is carried on the advance posting
    only: that is the account kept per customer (辅助核算); bank and income are not.
    """
    request = decision.request
    settlement = decision.settlement
    voucher_id = entry_id(EntryPrefix.REFUND, request.id)
    summary = f"退还预收款 {request.id} 合同 {request.contract}"
    return Voucher.of(
        voucher_id,
        on,
        summary,
        f"refund:{request.id}",
        [
            Leg(config.account(config.advance_role), debit=settlement.released, customer=request.customer),
            Leg(config.account("non_operating_expense"), debit=settlement.extra_compensation),
            Leg(config.account("bank"), credit=settlement.cash_refund),
            Leg(config.account("non_operating_income"), credit=settlement.retained),
        ],
    )
