"""Vouchers: deterministic entry ids, one side per posting, balance checked to the cent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zhangkuan.model.config import Account
from zhangkuan.model.vouchers import JOURNAL_COLUMNS, EntryPrefix, Leg, Posting, Voucher, entry_id

BANK = Account(code="1002", name="银行存款")
ADVANCE = Account(code="2204", name="合同负债")
INCOME = Account(code="6301", name="营业外收入")
ON = date(2026, 11, 30)


def test_entry_ids_come_from_the_cause_not_a_counter():
    assert entry_id(EntryPrefix.REFUND, "RQ-001") == "RF-RQ-001"
    assert entry_id(EntryPrefix.PROVISION, ON.isoformat()) == "PV-2026-11-30"


def test_a_split_voucher_balances():
    """借 合同负债 1000.00 = 贷 银行存款 950.00 + 贷 营业外收入 50.00."""
    voucher = Voucher.of("RF-R1", ON, "退还预收款", "refund:R1", [
        Leg(ADVANCE, debit=Decimal("1000.00"), customer="C1"),
        Leg(BANK, credit=Decimal("950.00")),
        Leg(INCOME, credit=Decimal("50.00")),
    ])
    assert voucher.balanced
    assert (voucher.debit_total, voucher.credit_total) == (Decimal("1000.00"), Decimal("1000.00"))
    assert [posting.entry_id for posting in voucher.postings] == ["RF-R1"] * 3


def test_a_cent_off_is_not_balanced():
    """1000.00 debit against 999.99 credit."""
    voucher = Voucher.of("X-1", ON, "s", "x:1", [Leg(ADVANCE, debit=Decimal("1000.00")), Leg(BANK, credit=Decimal("999.99"))])
    assert not voucher.balanced


def test_zero_legs_are_left_out_and_an_empty_voucher_is_not_balanced():
    voucher = Voucher.of("RF-R1", ON, "s", "refund:R1", [Leg(ADVANCE, debit=Decimal("5")), Leg(INCOME), Leg(BANK, credit=Decimal("5"))])
    assert [posting.account_code for posting in voucher.postings] == ["2204", "1002"]
    assert not Voucher.of("RF-R2", ON, "s", "refund:R2", [Leg(INCOME)]).balanced


@pytest.mark.parametrize(("debit", "credit"), [("1", "1"), ("-1", "0"), ("0", "-2")])
def test_a_posting_has_exactly_one_positive_side(debit, credit):
    with pytest.raises(ValueError, match="one positive side"):
        Posting("E", ON, "s", "1002", "银行存款", Decimal(debit), Decimal(credit))


def test_rows_carry_the_journal_columns_with_the_currency_decimals():
    posting = Posting("RF-R1", ON, "退还预收款", "1002", "银行存款", Decimal("0"), Decimal("950.5"), "C1", "refund:R1")
    row = posting.as_row("CNY")
    assert tuple(row) == JOURNAL_COLUMNS
    assert (row["date"], row["debit"], row["credit"]) == ("2026-11-30", "0.00", "950.50")
    assert posting.as_row("JPY")["credit"] == "951"
