"""Findings and value problems in English and Chinese (``--lang``): English unchanged, Chinese
chosen when asked for, English again when nothing was translated."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from zhangkuan.model.config import BooksConfig, parse_bounds
from zhangkuan.model.enums import LedgerKind, parse_enum
from zhangkuan.model.findings import BooksError, Source, error, warning
from zhangkuan.model.problems import ValueProblem, in_lang, validation_texts
from zhangkuan.model.records import Customer
from zhangkuan.model.values import parse_amount, parse_bool, parse_date, parse_int, parse_mapping, parse_rate


def test_a_finding_says_it_in_the_language_asked_for_and_falls_back_to_english():
    both = error("unknown_customer", "customer C9 is not in customers", Source("ledger.csv", 2), "customer", "add it", zh="客户编号 C9 不在客户表中", hint_zh="添加该客户")
    assert both.text("en") == ("customer C9 is not in customers", "add it")
    assert both.text("zh") == ("客户编号 C9 不在客户表中", "添加该客户")
    english_only = warning("future_record", "dated later", Source("ledger.csv", 3), hint="check the date")
    assert english_only.text("zh") == ("dated later", "check the date")
    single = BooksError.single("cannot_append", "cannot append", file="ledger.xlsx", zh="无法追加").findings[0]
    assert single.text("zh") == ("无法追加", "")
    assert str(BooksError([both])) == "ledger.csv:2:customer: customer C9 is not in customers"  # English for logs


@pytest.mark.parametrize(
    ("parse", "value", "english", "chinese"),
    [
        (parse_amount, "12.345", "'12.345' has more decimals than CNY has (2)", "“12.345”的小数位数超过 CNY 允许的 2 位"),
        (parse_amount, "-5", "'-5' is negative; amounts are positive, the kind says which way they go", "“-5”是负数；金额一律填正数，借贷方向由业务类型决定"),
        (parse_date, "2026-02-30", "'2026-02-30' is not a real date (day is out of range for month)", "“2026-02-30”不是真实的日期：2026年2月没有30日"),
        (parse_date, "yesterday", "'yesterday' is not a date; write dates as 2026-11-23, 2026/11/23 or 2026年11月23日", "“yesterday”不是日期；日期请写成 2026-11-23、2026/11/23 或 2026年11月23日"),
        (parse_rate, "150%", "'150%' is not between 0% and 100%; write 5% or 0.05", "“150%”不在 0% 到 100% 之间；请写成 5% 或 0.05"),
        (parse_bool, "maybe", "'maybe' is not yes or no; write true/false, yes/no or 是/否", "“maybe”不是“是/否”；请写 true/false、yes/no 或 是/否"),
        (parse_int, "3.5", "'3.5' is not a whole number", "“3.5”不是整数"),
        (parse_mapping, "abc", "'abc' is not key=value; write reason=doc+doc;all=doc", "“abc”不是“键=值”的形式；请写成 reason=doc+doc;all=doc"),
        (parse_bounds, "60,30", "bucket bounds must increase: 60, 30", "账龄区间上限必须逐个增大：60, 30"),
        (lambda text: parse_enum(LedgerKind, text), "bill", "'bill' is not one of: invoice, receipt, credit_note, write_off, advance, recognition, refund",
         "“bill”不是可选的值；可选：invoice（发票）、receipt（收款）、credit_note（红字发票）、write_off（坏账核销）、advance（预收款）、recognition（确认收入）、refund（退款）"),
    ],
)
def test_value_parsers_say_what_is_wrong_in_both_languages(parse, value, english, chinese):
    with pytest.raises(ValueProblem) as raised:
        parse(value)
    assert (str(raised.value), raised.value.zh) == (english, chinese)
    assert (in_lang(raised.value, "en"), in_lang(raised.value, "zh")) == (english, chinese)


def test_in_lang_falls_back_to_english_for_a_plain_value_error():
    assert in_lang(ValueError("plain"), "zh") == "plain"


def test_pydantic_errors_keep_their_english_and_gain_chinese():
    with pytest.raises(ValidationError) as raised:
        Customer.model_validate({"id": "C1", "name": "甲", "terms_days": "-1", "grade": "E", "credit_limit": "1.234"})
    texts = {item["loc"][0]: validation_texts(item) for item in raised.value.errors()}
    assert texts["terms_days"] == ("Input should be greater than or equal to 0", "“-1”不能小于 0")
    assert texts["grade"] == ("String should match pattern '^[ABCD]?$'", "“E”不是信用等级；请写 A、B、C 或 D，或留空")
    assert texts["credit_limit"] == ("'1.234' has more decimals than CNY has (2)", "“1.234”的小数位数超过 CNY 允许的 2 位")


def test_config_rules_explain_themselves_in_chinese():
    with pytest.raises(ValidationError) as raised:
        BooksConfig.model_validate({"company": "甲", "refunds": {"approval": []}, "collection": {"ladder": [{"level": "x", "action": "phone"}]}})
    texts = [validation_texts(item) for item in raised.value.errors()]
    assert ("approval needs at least one level", "审批权限（approval）至少要有一级") in texts
    assert ("Input should be a valid integer, unable to parse string as an integer", "“x”不是整数") in texts


def test_an_untranslated_pydantic_error_leaves_chinese_empty_so_english_shows():
    assert validation_texts({"type": "some_new_type", "msg": "Something new", "loc": ("x",), "input": 1}) == ("Something new", "")
    assert parse_amount("1.50") == Decimal("1.50")  # the parsers still parse
