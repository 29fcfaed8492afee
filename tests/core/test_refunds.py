"""Refund eligibility (SPEC §5.3): one hand-worked case per reason code and per fault × deposit kind.

Unless a test says otherwise: contract H1 of customer C1 for 100000.00 signed 2026-01-01,
requests approved at level 3, books defaults (fee 0 %, no window, 20 % earnest cap).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.core.refund_books import advance, books, contract, d, recognition, refund, request
from zhangkuan.core.refund_posting import refund_line, refund_voucher
from zhangkuan.core.refunds import Settlement, Status, UnknownRequests, assess_refunds, required_approval
from zhangkuan.model.config import DEFAULT_APPROVAL

AS_OF = d("2026-06-30")


def decide(*args, **kwargs):
    """The only decision of a one-request assessment."""
    (decision,) = assess_refunds(books(*args, **kwargs), AS_OF).decisions
    return decision


def codes(decision) -> list[str]:
    return [reason.code for reason in decision.reasons]


def amounts(decision) -> tuple[Decimal, ...]:
    """(refundable, cash_refund, retained, extra_compensation)."""
    s = decision.settlement
    return (decision.refundable, s.cash_refund, s.retained, s.extra_compensation)


def message(decision, code: str, lang: str = "en") -> str:
    return next(reason.message(lang, "CNY") for reason in decision.reasons if reason.code == code)


def money(*texts: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(text) for text in texts)


# --- gates: rejected with every reason that applies -------------------------------------------


def test_unknown_contract_is_rejected_with_zero_amounts():
    """R1 names H9, which is not in the contracts file → rejected, all four amounts 0.00."""
    decision = decide([contract()], [advance("A1", "2026-02-01", "5000")], [request("R1", "2026-03-01", "1000", contract="H9")])
    assert (decision.status, codes(decision)) == (Status.REJECTED, ["unknown_contract"])
    assert amounts(decision) == money("0", "0", "0", "0")
    assert (decision.approval_required, decision.approver, decision.approved) == (0, "", False)
    assert "H9" in message(decision, "unknown_contract")


def test_customer_mismatch_and_closed_contract_are_both_reported():
    """C2 asks for a refund on C1's closed contract H1 → both reasons, rejected."""
    decision = decide([contract(status="closed")], [advance("A1", "2026-02-01", "5000")], [request("R1", "2026-03-01", "1000", customer="C2")])
    assert (decision.status, codes(decision)) == (Status.REJECTED, ["customer_mismatch", "contract_closed"])
    assert message(decision, "customer_mismatch") == "the request is from customer C2, but contract H1 belongs to C1"
    assert message(decision, "contract_closed", "zh") == "合同 H1 已关闭"


def test_outside_window_from_refundable_until():
    """refundable_until 2026-03-31: a request of 04-01 is one day late; one of 03-31 is in."""
    terms = {"refundable_until": "2026-03-31"}
    late = decide([contract(**terms)], [advance("A1", "2026-02-01", "5000")], [request("R1", "2026-04-01", "1000")])
    assert (late.status, codes(late)) == (Status.REJECTED, ["outside_window"])
    assert message(late, "outside_window") == "requested on 2026-04-01, after 2026-03-31, the last day of the refund window (refundable until 2026-03-31)"
    in_time = decide([contract(**terms)], [advance("A1", "2026-02-01", "5000")], [request("R1", "2026-03-31", "1000")])
    assert in_time.status is Status.ELIGIBLE


def test_outside_window_counts_window_days_from_the_first_advance():
    """window_days 30, first advance 02-10 (the second advance 02-20 does not move it):
    last day 02-10 + 30 days = 03-12. Requested 03-13 → outside; 03-12 → inside."""
    ledger = [advance("A2", "2026-02-20", "3000"), advance("A1", "2026-02-10", "2000")]
    late = decide([contract(window_days=30)], ledger, [request("R1", "2026-03-13", "1000")])
    assert codes(late) == ["outside_window"]
    assert message(late, "outside_window") == (
        "requested on 2026-03-13, after 2026-03-12, the last day of the refund window (30 days from the first advance on 2026-02-10)"
    )
    assert message(late, "outside_window", "zh") == "申请日期 2026-03-13 晚于退款期限最后一天 2026-03-12（首笔预收款 2026-02-10 起 30 天）"
    assert decide([contract(window_days=30)], ledger, [request("R1", "2026-03-12", "1000")]).status is Status.ELIGIBLE


def test_the_books_window_applies_only_to_contracts_without_their_own():
    """books.yaml window_days 10, first advance 02-01 → last day 02-11; requested 03-01.
    H1 has no window of its own → outside. H2 says refundable_until 2026-12-31 → inside:
    the books' 10 days do not add a second window to a contract that chose its own."""
    ledger = [advance("A1", "2026-02-01", "5000"), advance("B1", "2026-02-01", "5000", contract="H2")]
    requests = [request("R1", "2026-03-01", "1000"), request("R2", "2026-03-01", "1000", contract="H2")]
    result = assess_refunds(books([contract(), contract("H2", refundable_until="2026-12-31")], ledger, requests, refunds={"window_days": 10}), AS_OF)
    assert [(decision.request.id, decision.status) for decision in result.decisions] == [("R1", Status.REJECTED), ("R2", Status.ELIGIBLE)]
    assert "2026-02-11" in message(result.decisions[0], "outside_window")


def test_no_advance_means_no_window_but_nothing_to_refund():
    """window_days 30 and no advance at all: the window has no start, so the request is not
    outside it; the balance 0.00 rejects it (exceeds_balance)."""
    decision = decide([contract(window_days=30)], [], [request("R1", "2026-03-01", "1000")])
    assert (decision.status, codes(decision)) == (Status.REJECTED, ["exceeds_balance"])


def test_reason_not_allowed():
    """H1 allows only quality; demand_change is refused, and the message lists what is allowed."""
    decision = decide([contract(allowed_reasons="quality")], [advance("A1", "2026-02-01", "5000")], [request("R1", "2026-03-01", "1000")])
    assert (decision.status, codes(decision)) == (Status.REJECTED, ["reason_not_allowed"])
    assert message(decision, "reason_not_allowed") == "contract H1 does not allow refunds for demand_change (allowed: quality)"
    assert message(decision, "reason_not_allowed", "zh") == "合同 H1 不允许以“客户需求变化”为由退款（允许：产品质量问题）"


def test_a_reason_of_the_users_own_is_refused_unless_listed():
    """'搬迁' is no known reason: refused by default (all four known ones), accepted when listed."""
    ledger = [advance("A1", "2026-02-01", "5000")]
    assert codes(decide([contract()], ledger, [request("R1", "2026-03-01", "1000", reason="搬迁")])) == ["reason_not_allowed"]
    assert decide([contract(allowed_reasons="搬迁;quality")], ledger, [request("R1", "2026-03-01", "1000", reason="搬迁")]).status is Status.ELIGIBLE


def test_missing_evidence_one_code_per_missing_document():
    """H1 requires 合同 for every reason and 质检报告 + 照片 for quality (written with its Chinese
    name 质量问题). R1 lists only 照片 → missing 合同 and 质检报告, rejected until supplied."""
    terms = {"evidence": "all=合同;质量问题=质检报告+照片"}
    decision = decide([contract(**terms)], [advance("A1", "2026-02-01", "5000")], [request("R1", "2026-03-01", "1000", reason="quality", evidence="照片")])
    assert (decision.status, codes(decision)) == (Status.REJECTED, ["missing_evidence:合同", "missing_evidence:质检报告"])
    assert message(decision, "missing_evidence:质检报告", "zh") == "以“产品质量问题”为由退款须提供“质检报告”，申请未列明；补齐前不予退款"
    supplied = decide([contract(**terms)], [advance("A1", "2026-02-01", "5000")], [request("R1", "2026-03-01", "1000", reason="quality", evidence="合同;质检报告;照片")])
    assert supplied.status is Status.ELIGIBLE


# --- the balance ------------------------------------------------------------------------------


def test_exceeds_balance_caps_at_the_refundable_balance():
    """Received 10000, recognised 3000, refunded (RQ0) 2000 → balance 5000.
    R1 asks 8000 → partial, 5000 released and paid back."""
    ledger = [advance("A1", "2026-02-01", "10000"), recognition("S1", "2026-02-15", "3000"), refund("RQ0", "2026-02-20", "2000")]
    decision = decide([contract()], ledger, [request("R1", "2026-03-01", "8000")])
    assert (decision.status, codes(decision)) == (Status.PARTIAL, ["exceeds_balance"])
    assert decision.requested == Decimal("8000.00")
    assert amounts(decision) == money("5000", "5000", "0", "0")
    assert message(decision, "exceeds_balance") == (
        "requested 8000.00, but the refundable balance is 5000.00 "
        "(received 10000.00 − recognised 3000.00 − refunded 2000.00 − earlier requests pending 0.00); capped at 5000.00"
    )


def test_earlier_eligible_requests_reduce_the_balance_for_later_ones():
    """Balance 10000. In requested_on order (not file order): R1 (03-01) 6000 → eligible and,
    though not approved yet, reserves 6000; R2 (03-05) 6000 → partial 4000; R3 (03-09) 1000 →
    rejected, balance 10000 − 10000 pending = 0.00."""
    requests = [request("R3", "2026-03-09", "1000"), request("R2", "2026-03-05", "6000"), request("R1", "2026-03-01", "6000", approval_level=0)]
    result = assess_refunds(books([contract()], [advance("A1", "2026-02-01", "10000")], requests), AS_OF)
    assert [(decision.request.id, decision.status, decision.refundable) for decision in result.decisions] == [
        ("R1", Status.ELIGIBLE, Decimal("6000.00")),
        ("R2", Status.PARTIAL, Decimal("4000.00")),
        ("R3", Status.REJECTED, Decimal("0")),
    ]
    assert message(result.decisions[2], "exceeds_balance") == (
        "requested 1000.00, but nothing is refundable: the balance is 0.00 "
        "(received 10000.00 − recognised 0.00 − refunded 0.00 − earlier requests pending 10000.00)"
    )


def test_rejected_requests_reserve_nothing():
    """Balance 5000. R1 (03-01) asks 5000 for a reason H1 does not allow → rejected, reserves
    nothing; R2 (03-02) asks 5000 → eligible in full."""
    requests = [request("R1", "2026-03-01", "5000", reason="quality"), request("R2", "2026-03-02", "5000")]
    result = assess_refunds(books([contract(allowed_reasons="demand_change")], [advance("A1", "2026-02-01", "5000")], requests), AS_OF)
    assert [decision.status for decision in result.decisions] == [Status.REJECTED, Status.ELIGIBLE]
    assert result.decisions[1].refundable == Decimal("5000.00")


def test_named_requests_still_let_earlier_ones_take_their_share():
    """Balance 10000; R1 (03-01) 7000 is eligible. Asking only for R2 (03-02) 5000 gives
    partial 3000, as in the full run; R3 dated 07-01 is after as_of and does not exist yet."""
    requests = [request("R1", "2026-03-01", "7000"), request("R2", "2026-03-02", "5000"), request("R3", "2026-07-01", "100")]
    the_books = books([contract()], [advance("A1", "2026-02-01", "10000")], requests)
    (decision,) = assess_refunds(the_books, AS_OF, ["R2"]).decisions
    assert (decision.status, decision.refundable) == (Status.PARTIAL, Decimal("3000.00"))
    assert [decision.request.id for decision in assess_refunds(the_books, AS_OF).decisions] == ["R1", "R2"]
    with pytest.raises(UnknownRequests, match="R3 is dated 2026-07-01, after 2026-06-30; R9 is not in the refunds file"):
        assess_refunds(the_books, AS_OF, ["R9", "R3"])


def test_posted_requests_release_nothing_more():
    """Received 10000; R1 asked 4000 and the ledger holds refund R1 of 4000 (03-10): R1 is
    posted, and the balance for R2 is 10000 − 4000 = 6000 (no double counting as pending)."""
    ledger = [advance("A1", "2026-02-01", "10000"), refund("R1", "2026-03-10", "4000")]
    requests = [request("R1", "2026-03-01", "4000"), request("R2", "2026-03-05", "9000")]
    result = assess_refunds(books([contract()], ledger, requests), AS_OF)
    posted, later = result.decisions
    assert (posted.status, codes(posted), amounts(posted)) == (Status.POSTED, ["posted"], money("4000", "4000", "0", "0"))
    assert message(posted, "posted") == "already posted: ledger refund R1 of 2026-03-10 released 4000.00; nothing more to do"
    assert (later.status, later.refundable) == (Status.PARTIAL, Decimal("6000.00"))


def test_a_refund_line_after_the_as_of_date_is_not_posted_yet():
    """As of 06-30 the refund line R1 dated 07-05 has not happened: R1 is still eligible."""
    ledger = [advance("A1", "2026-02-01", "10000"), refund("R1", "2026-07-05", "4000")]
    assert decide([contract()], ledger, [request("R1", "2026-03-01", "4000")]).status is Status.ELIGIBLE


# --- fault × deposit kind ---------------------------------------------------------------------

PREPAID = [advance("A1", "2026-02-01", "50000")]


def test_prepayment_customer_fault_retains_the_fee():
    """fee 5 % of 10000.00 = 500.00 retained as 违约金; cash 9500.00."""
    decision = decide([contract(fee_rate="5%")], PREPAID, [request("R1", "2026-03-01", "10000", reason="demand_change")])
    assert (codes(decision), amounts(decision)) == (["fee_retained"], money("10000", "9500", "500", "0"))
    assert message(decision, "fee_retained") == "the customer is at fault (demand_change): the fee 500.00 = 5% × 10000.00 is retained as liquidated damages (违约金)"
    assert message(decision, "fee_retained", "zh") == "客户过错（客户需求变化）：按 10000.00 × 5% 扣留违约金 500.00"


def test_the_fee_is_rounded_half_up_on_the_amount_released():
    """Balance 333.33 (capped request of 1000.00): 1.5 % × 333.33 = 4.99995 → 5.00; cash 328.33."""
    decision = decide([contract(fee_rate="1.5%")], [advance("A1", "2026-02-01", "333.33")], [request("R1", "2026-03-01", "1000")])
    assert amounts(decision) == money("333.33", "328.33", "5.00", "0")


@pytest.mark.parametrize("reason", ["quality", "contract_change"])
def test_prepayment_company_or_mutual_fault_keeps_nothing(reason):
    """quality (company) and contract_change (mutual): the 5 % fee is not charged; 10000.00 back."""
    decision = decide([contract(fee_rate="5%")], PREPAID, [request("R1", "2026-03-01", "10000", reason=reason)])
    assert (codes(decision), amounts(decision)) == ([], money("10000", "10000", "0", "0"))


# Earnest contract: 100000.00, earnest 20000.00 (exactly the 20 % cap), received 50000.00
# (the earnest and 30000.00 prepayment): each yuan released carries 20000/50000 = 40 % earnest.
EARNEST = {"deposit_kind": "earnest", "earnest_amount": "20000"}


def test_earnest_customer_fault_forfeits_the_earnest_part():
    """Release 10000.00 → earnest part 10000 × 20000/50000 = 4000.00 forfeited; the 1 % fee
    (100.00) is smaller, so not taken as well (第588条). Cash 6000.00."""
    decision = decide([contract(fee_rate="1%", **EARNEST)], PREPAID, [request("R1", "2026-03-01", "10000")])
    assert (codes(decision), amounts(decision)) == (["earnest_forfeited"], money("10000", "6000", "4000", "0"))
    assert message(decision, "earnest_forfeited") == (
        "the customer is at fault (demand_change): the earnest part 4000.00 (= 10000.00 × earnest 20000.00 ÷ received 50000.00) "
        "is forfeited (the fee would be 100.00; 民法典 第587–588条)"
    )


def test_earnest_customer_fault_takes_the_fee_when_it_is_larger():
    """Release 10000.00 → earnest part 4000.00; fee 50 % = 5000.00 is larger → retain the
    fee, not the earnest as well: retained 5000.00, cash 5000.00."""
    decision = decide([contract(fee_rate="50%", **EARNEST)], PREPAID, [request("R1", "2026-03-01", "10000")])
    assert (codes(decision), amounts(decision)) == (["fee_retained"], money("10000", "5000", "5000", "0"))
    assert "larger than the earnest part 4000.00" in message(decision, "fee_retained")


def test_earnest_company_fault_returns_the_earnest_part_twice():
    """quality → company: earnest part 4000.00 of the 10000.00 released is paid twice:
    cash 10000 + 4000 = 14000.00, extra compensation 4000.00 (营业外支出); the fee is not charged."""
    decision = decide([contract(fee_rate="5%", **EARNEST)], PREPAID, [request("R1", "2026-03-01", "10000", reason="quality")])
    assert (codes(decision), amounts(decision)) == (["earnest_doubled"], money("10000", "14000", "0", "4000"))


def test_earnest_mutual_fault_returns_it_once():
    """contract_change → mutual: 10000.00 released, 10000.00 paid, nothing kept or added."""
    decision = decide([contract(fee_rate="5%", **EARNEST)], PREPAID, [request("R1", "2026-03-01", "10000", reason="contract_change")])
    assert (codes(decision), amounts(decision)) == ([], money("10000", "10000", "0", "0"))


def test_earnest_above_the_cap_counts_as_prepayment():
    """Contract 100000.00 with earnest 30000.00 agreed and received 50000.00: only 20 % =
    20000.00 is earnest. Releasing all 50000.00 for the customer's fault forfeits 20000.00
    (not 30000.00); cash 30000.00."""
    decision = decide([contract(deposit_kind="earnest", earnest_amount="30000")], PREPAID, [request("R1", "2026-03-01", "50000")])
    assert (codes(decision), amounts(decision)) == (["earnest_capped", "earnest_forfeited"], money("50000", "30000", "20000", "0"))
    assert message(decision, "earnest_capped") == (
        "the earnest 30000.00 exceeds 20% of the contract amount 100000.00: only 20000.00 counts as earnest, the rest as prepayment (民法典 第586条)"
    )


def test_earnest_without_an_agreed_amount_is_what_was_paid_up_to_the_cap():
    """Earnest contract of 100000.00, no earnest_amount, received 15000.00 → all of it is
    earnest (under the 20000.00 cap); full release for the customer's fault forfeits 15000.00."""
    decision = decide([contract(deposit_kind="earnest")], [advance("A1", "2026-02-01", "15000")], [request("R1", "2026-03-01", "15000")])
    assert (codes(decision), amounts(decision)) == (["earnest_forfeited"], money("15000", "0", "15000", "0"))


def test_earnest_paid_in_part_counts_only_as_far_as_paid():
    """Earnest 20000.00 agreed, only 8000.00 received: the earnest is 8000.00; releasing it
    for the company's fault pays 8000 × 2 = 16000.00."""
    decision = decide([contract(**EARNEST)], [advance("A1", "2026-02-01", "8000")], [request("R1", "2026-03-01", "8000", reason="quality")])
    assert amounts(decision) == money("8000", "16000", "0", "8000")


# --- configurable terms -----------------------------------------------------------------------


def test_fault_per_reason_from_books_and_contract():
    """books.yaml makes contract_change the customer's fault → 5 % fee of 10000 = 500.00 kept.
    H2 overrides quality to mutual → no doubling, 10000.00 back."""
    ledger = [*PREPAID, advance("B1", "2026-02-01", "50000", contract="H2")]
    requests = [request("R1", "2026-03-01", "10000", reason="contract_change"), request("R2", "2026-03-01", "10000", reason="quality", contract="H2")]
    the_books = books([contract(fee_rate="5%"), contract("H2", fault="quality=mutual", **EARNEST)], ledger, requests, refunds={"fault": {"contract_change": "customer"}})
    first, second = assess_refunds(the_books, AS_OF).decisions
    assert amounts(first) == money("10000", "9500", "500", "0")
    assert (codes(second), amounts(second)) == ([], money("10000", "10000", "0", "0"))


def test_fee_rate_from_books_unless_the_contract_sets_one():
    """books fee 2 %: H1 (no rate) keeps 2 % × 1000 = 20.00; H2 (fee_rate 0) keeps nothing."""
    ledger = [advance("A1", "2026-02-01", "1000"), advance("B1", "2026-02-01", "1000", contract="H2")]
    requests = [request("R1", "2026-03-01", "1000"), request("R2", "2026-03-01", "1000", contract="H2")]
    first, second = assess_refunds(books([contract(), contract("H2", fee_rate="0")], ledger, requests, refunds={"fee_rate": "2%"}), AS_OF).decisions
    assert (first.settlement.retained, second.settlement.retained) == (Decimal("20.00"), Decimal("0"))


def test_earnest_rules_can_be_switched_per_books_and_per_contract():
    """Release 10000 of H1 (earnest part 4000.00 as above):
    - books earnest_double false → quality pays 10000.00 once;
    - H2 earnest_double true overrides it → 14000.00;
    - H3 earnest_forfeit false, fee 1 % → customer fault keeps the fee 100.00, not the earnest;
    - H4 earnest_cap 10 % of 100000 = 10000.00 → earnest part 10000 × 10000/50000 = 2000.00."""
    contracts = [
        contract(**EARNEST),
        contract("H2", earnest_double="yes", **EARNEST),
        contract("H3", earnest_forfeit="否", fee_rate="1%", **EARNEST),
        contract("H4", earnest_cap="10%", **EARNEST),
    ]
    ledger = [advance(f"A{n}", "2026-02-01", "50000", contract=f"H{n}") for n in range(1, 5)]
    requests = [
        request("R1", "2026-03-01", "10000", reason="quality"),
        request("R2", "2026-03-01", "10000", reason="quality", contract="H2"),
        request("R3", "2026-03-01", "10000", contract="H3"),
        request("R4", "2026-03-01", "10000", contract="H4"),
    ]
    result = assess_refunds(books(contracts, ledger, requests, refunds={"earnest_double": False}), AS_OF)
    assert [amounts(decision) for decision in result.decisions] == [
        money("10000", "10000", "0", "0"),
        money("10000", "14000", "0", "4000"),
        money("10000", "9900", "100", "0"),
        money("10000", "8000", "2000", "0"),
    ]
    assert codes(result.decisions[2]) == ["fee_retained"]
    assert codes(result.decisions[3]) == ["earnest_capped", "earnest_forfeited"]


# --- approval ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("cash", "level"), [("0", 1), ("10000.00", 1), ("10000.01", 2), ("100000.00", 2), ("100000.01", 3)])
def test_the_ladder_picks_the_first_level_covering_the_cash(cash, level):
    """Default ladder: ≤ 10000 → 1 (会计主管), ≤ 100000 → 2 (财务经理), above → 3 (总经理)."""
    assert required_approval(Decimal(cash), DEFAULT_APPROVAL).level == level


def test_approval_required_until_the_recorded_level_reaches_it():
    """Cash 20000.00 needs level 2 (财务经理); R1 records level 1 → eligible, not approved."""
    decision = decide([contract()], PREPAID, [request("R1", "2026-03-01", "20000", approval_level=1)])
    assert (decision.status, decision.approval_required, decision.approver, decision.approved) == (Status.ELIGIBLE, 2, "财务经理", False)
    assert codes(decision) == ["approval_required"]
    assert message(decision, "approval_required") == "the cash refund 20000.00 needs approval level 2 (财务经理); the request records level 1"
    approved = decide([contract()], PREPAID, [request("R1", "2026-03-01", "20000", approval_level=2)])
    assert (approved.approved, codes(approved)) == (True, [])


def test_the_cash_paid_decides_the_level_not_the_advance_released():
    """Earnest contract: release 15000.00 for the customer's fault forfeits 15000 × 40 % =
    6000.00, so the cash is 9000.00 → level 1 suffices, although 15000 would need level 2."""
    decision = decide([contract(**EARNEST)], PREPAID, [request("R1", "2026-03-01", "15000", approval_level=1)])
    assert (decision.settlement.cash_refund, decision.approval_required, decision.approved) == (Decimal("9000.00"), 1, True)


def test_an_approval_dated_after_as_of_has_not_happened_yet():
    """Level 3 recorded, approved on 07-02, as of 06-30 → not approved yet."""
    decision = decide([contract()], PREPAID, [request("R1", "2026-03-01", "1000", approved_on="2026-07-02")])
    assert (decision.approved, codes(decision)) == (False, ["approval_required"])
    assert message(decision, "approval_required") == "the cash refund 1000.00 needs approval level 1 (会计主管); level 3 was given on 2026-07-02, after 2026-06-30"


# --- the JSON identity ------------------------------------------------------------------------


def test_refundable_is_cash_plus_retained_minus_extra():
    """SPEC §4: refundable = cash_refund + retained − extra_compensation, e.g. 14000 + 0 − 4000."""
    assert Settlement(Decimal("14000"), Decimal("0"), Decimal("4000")).released == Decimal("10000")


def test_the_worked_example_of_docs_refunds_md():
    """docs/refunds.md: contract 100000.00, earnest 30000.00 agreed, fee 5 %, received 50000.00.
    Earnest counted min(30000, 20 % × 100000 = 20000, 50000) = 20000 → 40 % of each yuan.
    R1 demand_change 20000: earnest part 8000.00 ≥ fee 1000.00 → forfeited; cash 12000.00 → level 2.
    R2 quality 40000: balance 50000 − 20000 pending = 30000 → partial; earnest part 12000.00
    doubled: cash 42000.00, extra 12000.00 → level 2."""
    the_books = books(
        [contract(deposit_kind="earnest", earnest_amount="30000", fee_rate="5%")],
        [advance("A1", "2026-02-01", "50000")],
        [request("R1", "2026-03-01", "20000", approval_level=2), request("R2", "2026-03-10", "40000", reason="quality", approval_level=1)],
    )
    first, second = assess_refunds(the_books, AS_OF).decisions
    assert (first.status, codes(first), amounts(first), first.approval_required, first.approved) == (
        Status.ELIGIBLE, ["earnest_capped", "earnest_forfeited"], money("20000", "12000", "8000", "0"), 2, True,
    )
    assert (second.status, codes(second), amounts(second), second.approval_required, second.approved) == (
        Status.PARTIAL, ["exceeds_balance", "earnest_capped", "earnest_doubled", "approval_required"], money("30000", "42000", "0", "12000"), 2, False,
    )
    voucher_lines = [
        [(p.account_code, p.debit, p.credit) for p in refund_voucher(decision, the_books.config, AS_OF).postings] for decision in (first, second)
    ]
    assert voucher_lines == [
        [("2204", Decimal("20000.00"), 0), ("1002", 0, Decimal("12000.00")), ("6301", 0, Decimal("8000.00"))],
        [("2204", Decimal("30000.00"), 0), ("6711", Decimal("12000.00"), 0), ("1002", 0, Decimal("42000.00"))],
    ]
    assert refund_line(first, AS_OF, "CNY").memo == "退款 R1：退现金 12000.00，扣留 8000.00"
