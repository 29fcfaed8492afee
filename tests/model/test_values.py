"""Cell values as accountants write them (SPEC §2.2)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zhangkuan.model.config import BooksConfig, parse_bounds
from zhangkuan.model.values import parse_amount, parse_bool, parse_date, parse_list, parse_mapping, parse_rate


@pytest.mark.parametrize("text", ["2026-11-23", "2026/11/23", "2026年11月23日", "2026/11/23 ", "2026年11月23"])
def test_the_three_date_forms(text):
    assert parse_date(text) == date(2026, 11, 23)


@pytest.mark.parametrize("text", ["2026-02-30", "23/11/2026", "yesterday", ""])
def test_bad_dates_say_what_is_accepted(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(("text", "expected"), [("1234.5", "1234.50"), ("1,234.50", "1234.50"), ("¥1,234.50", "1234.50"), ("￥ 8", "8.00"), (1234.5, "1234.50"), (Decimal("0.1"), "0.10")])
def test_amount_forms(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["12.345", "-5", "NaN", "Infinity", "abc", True])
def test_bad_amounts(text):
    with pytest.raises(ValueError):
        parse_amount(text)


def test_zero_decimal_currency_refuses_cents():
    assert parse_amount("1200", "JPY") == Decimal("1200")
    with pytest.raises(ValueError):
        parse_amount("1200.5", "JPY")


def test_rates_lists_mappings_flags():
    assert parse_rate("5%") == parse_rate("0.05") == Decimal("0.05")
    with pytest.raises(ValueError):
        parse_rate("5")
    with pytest.raises(ValueError):
        parse_rate("120%")
    assert parse_rate("120%", at_most=None) == parse_rate("1.2", at_most=None) == Decimal("1.2")
    with pytest.raises(ValueError):
        parse_rate("-5%", at_most=None)
    assert parse_list("合同；质检报告、发票;x") == ["合同", "质检报告", "发票", "x"]
    assert parse_mapping("quality=contract+quality_report;all=contract") == {"quality": ["contract", "quality_report"], "all": ["contract"]}
    assert (parse_bool("是"), parse_bool("no"), parse_bool("")) == (True, False, False)


def test_bounds_and_config_defaults():
    assert [bound.label for bound in parse_bounds("30, 6m, 1y")] == ["30", "6m", "1y"]
    with pytest.raises(ValueError):
        parse_bounds("60,30")
    config = BooksConfig.model_validate({"company": "上海浦江商贸有限公司", "standard": "小企业会计准则"})
    assert config.advance_role == "advance_receipts"
    assert (config.account("non_operating_expense").code, config.account("bank").name) == ("5711", "银行存款")
    cas = BooksConfig.model_validate({"company": "x", "accounts": {"credit_loss": {"code": "6721", "name": "信用减值损失"}}})
    assert (cas.advance_role, cas.account("credit_loss").code, cas.account("contract_liabilities").code) == ("contract_liabilities", "6721", "2204")
