"""One broken books directory per finding code, through the real ``zhangkuan check``.

Each case asserts what a user sees: exit 1 (warnings: with --strict), the finding on stderr
as FILE:LINE[:COLUMN]: severity CODE, and never a traceback. With ``--lang zh`` the same
finding, at the same place and with the same code, says what is wrong and how to fix it in
Chinese.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.builders import invoke, write_books

BASE = {
    "books.yaml": "company: 上海测试商贸有限公司\n",
    "customers.csv": "id,name\nC1,甲公司\nC2,乙公司\n",
    "contracts.yaml": "- {id: K1, customer: C1, signed_on: 2026-01-01, amount: 10000}\n",
    "ledger.csv": "date,kind,doc,customer,contract,amount,applies_to\n2026-02-01,invoice,F1,C1,,1000,\n",
}
LEDGER_HEADER = "date,kind,doc,customer,contract,amount,applies_to\n"

# code → (files replacing or adding to BASE, files to delete, expected "FILE:LINE" prefix or FILE, severity)
CASES = {
    "bad_config": ({"books.yaml": "company: 甲\ncurrency: yuan\n"}, [], "books.yaml:2", "error"),
    "unreadable_file": ({"collections.xlsx": b"this is not a workbook"}, [], "collections.xlsx", "error"),
    "bad_yaml": ({"contracts.yaml": "- id: K1\n  customer: [C1\n"}, [], "contracts.yaml:", "error"),
    "duplicate_key": ({"books.yaml": "company: 上海测试商贸有限公司\ncurrency: CNY\ncompany: 甲\n"}, [], "books.yaml:3:company", "error"),
    "unsafe_yaml": ({"contracts.yaml": "- id: K1\n  customer: !!python/object/apply:os.system ['touch {marker}']\n"}, [], "contracts.yaml:2", "error"),
    "ambiguous_file": ({"customers.yaml": "- {id: C1, name: 甲公司}\n"}, [], "customers.csv", "error"),  # the one not read
    "unknown_column": ({"customers.csv": "id,name,colour\nC1,甲公司,red\nC2,乙公司,\n"}, [], "customers.csv:1:colour", "error"),
    "duplicate_column": ({"customers.csv": "id,name,客户名称\nC1,甲公司,甲\nC2,乙公司,乙\n"}, [], "customers.csv:1", "error"),
    "missing_column": ({"ledger.csv": "date,kind,doc,customer\n2026-02-01,invoice,F1,C1\n"}, [], "ledger.csv:1", "error"),
    "extra_cells": ({"ledger.csv": "date,kind,doc,customer,amount\n2026-02-01,invoice,F1,C1,1,234.50\n"}, [], "ledger.csv:2", "error"),
    "missing_value": ({"ledger.csv": LEDGER_HEADER + "2026-02-01,invoice,,C1,,1000,\n"}, [], "ledger.csv:2:doc", "error"),
    "bad_value": ({"ledger.csv": LEDGER_HEADER + "2026-02-01,invoice,F1,C1,,1.234,\n"}, [], "ledger.csv:2:amount", "error"),
    "duplicate_id": ({"customers.csv": "id,name\nC1,甲公司\nC2,乙公司\nC1,甲公司重复\n"}, [], "customers.csv:4:id", "error"),
    "duplicate_doc": ({"ledger.csv": LEDGER_HEADER + "2026-02-01,invoice,F1,C1,,1000,\n2026-02-02,invoice,F1,C1,,500,\n"}, [], "ledger.csv:3:doc", "error"),
    "unknown_customer": ({"ledger.csv": LEDGER_HEADER + "2026-02-01,invoice,F1,C9,,1000,\n"}, [], "ledger.csv:2:customer", "error"),
    "unknown_contract": ({"ledger.csv": LEDGER_HEADER + "2026-02-01,advance,A1,C1,K9,1000,\n"}, [], "ledger.csv:2:contract", "error"),
    "contract_customer_mismatch": ({"ledger.csv": LEDGER_HEADER + "2026-02-01,advance,A1,C2,K1,1000,\n"}, [], "ledger.csv:2:customer", "error"),
    "bad_applies_to": ({"ledger.csv": LEDGER_HEADER + "2026-02-01,invoice,F1,C1,,1000,\n2026-02-05,receipt,R1,C1,,100,F9\n"}, [], "ledger.csv:3:applies_to", "error"),
    "advance_negative": ({"ledger.csv": LEDGER_HEADER + "2026-02-01,advance,A1,C1,K1,1000,\n2026-02-05,recognition,S1,C1,K1,1500,\n"}, [], "ledger.csv:3:amount", "error"),
    "tax_id_invalid": ({"customers.csv": "id,name,统一社会信用代码\nC1,甲公司,91310000MA1FL0000X\nC2,乙公司,\n"}, [], "customers.csv:2:统一社会信用代码", "error"),
    "future_record": ({"ledger.csv": LEDGER_HEADER + "2026-12-01,invoice,F1,C1,,1000,\n"}, [], "ledger.csv:2:date", "warning"),
    "receipt_exceeds_invoice": ({"ledger.csv": LEDGER_HEADER + "2026-02-01,invoice,F1,C1,,1000,\n2026-02-05,receipt,R1,C1,,1200,F1\n"}, [], "ledger.csv:3:amount", "warning"),
    "missing_config": ({}, ["books.yaml"], "books.yaml", "error"),
}


def broken_books(tmp_path, code):
    """The books directory of ``code``'s case, and the file a YAML tag would create if it ran."""
    changes, removed, _, _ = CASES[code]
    marker = tmp_path / "executed"
    files = {name: text for name, text in BASE.items() if name not in removed}
    files.update({name: text.replace("{marker}", str(marker)) for name, text in changes.items() if isinstance(text, str)})
    books = write_books(tmp_path / "books", files)
    for name, data in changes.items():
        if isinstance(data, bytes):
            (books / name).write_bytes(data)
    return books, marker


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_finding_code_reaches_the_user_with_its_place(tmp_path, code):
    _, _, place, severity = CASES[code]
    books, marker = broken_books(tmp_path, code)
    result = invoke("check", "--books", books, "--as-of", "2026-11-30", "--strict")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if f" {code}: " in line]
    assert lines, result.stderr
    assert lines[0].startswith(f"{books}/{place}"), lines[0]
    assert f": {severity} {code}: " in lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    assert not marker.exists()  # a YAML tag is never executed


CJK = re.compile(r"[\u4e00-\u9fff]")
# Two English words in a row, outside quotes and backticks: an untranslated phrase. Ids,
# codes, column names and file names are single tokens, so they never match.
ENGLISH_RUN = re.compile(r"\b[A-Za-z]{2,}(?: [A-Za-z]{2,})+\b")
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”|`[^`]*`")
SEVERITY_ZH = {"error": "错误", "warning": "警告"}


def finding_lines(result, code):
    return [line for line in result.stderr.splitlines() if f" {code}: " in line]


def english_sentences(text):
    return ENGLISH_RUN.findall(" ".join(QUOTED.sub(" ", text).split()))


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_finding_code_speaks_chinese_with_lang_zh(tmp_path, code):
    """Same place and code as in English; the message and hint are Chinese, with no English
    sentence left in them (quoted values, ids, file names and codes stay as written)."""
    _, _, place, severity = CASES[code]
    books, marker = broken_books(tmp_path, code)
    english = finding_lines(invoke("check", "--books", books, "--as-of", "2026-11-30", "--strict"), code)[0]
    result = invoke("check", "--books", books, "--as-of", "2026-11-30", "--strict", "--lang", "zh")
    assert result.exit_code == 1
    lines = finding_lines(result, code)
    assert lines, result.stderr
    chinese = lines[0]
    assert chinese.startswith(f"{books}/{place}"), chinese
    where, said = chinese.split(f": {SEVERITY_ZH[severity]} {code}: ", 1)
    assert where == english.split(f": {severity} {code}: ", 1)[0]
    said = said.replace(str(books), "BOOKS")  # missing_config names the directory
    assert CJK.search(said.split(" — ")[0]), chinese  # the message itself, not only the hint
    assert english_sentences(said) == [], chinese
    english_message = english.split(f": {severity} {code}: ", 1)[1].split(" — ")[0]
    assert english_message not in chinese
    assert "Traceback" not in result.stderr + result.stdout
    assert not marker.exists()


# The findings met most often, word for word: FILE:LINE:COLUMN: 级别 CODE: message — hint.
EXACT_ZH = {
    "bad_value": "ledger.csv:2:amount: 错误 bad_value: “1.234”的小数位数超过 CNY 允许的 2 位 — 金额填正数，小数位数不超过币种允许的位数，例如 1234.50 或 ¥1,234.50",
    "missing_value": "ledger.csv:2:doc: 错误 missing_value: 台账每一行都必须填写单据号（doc） — 请填写 doc",
    "unknown_customer": "ledger.csv:2:customer: 错误 unknown_customer: 客户编号 C9 不在客户表中 — 在客户表中添加该客户，或更正客户编号",
    "duplicate_doc": "ledger.csv:3:doc: 错误 duplicate_doc: 发票单据号 F1 已在 ledger.csv:2 用过 — 每笔发票使用各自的单据号，或删除重复的行",
    "future_record": (
        "ledger.csv:2:date: 警告 future_record: 1 行台账的日期晚于 2026-11-30（第一行为 2026-12-01），不计入报表"
        " — 按较早的截止日出报表时属正常；否则请检查日期（报表截至 2026-11-30）"
    ),
}


@pytest.mark.parametrize("code", sorted(EXACT_ZH))
def test_the_most_common_findings_in_chinese_word_for_word(tmp_path, code):
    books, _ = broken_books(tmp_path, code)
    result = invoke("check", "--books", books, "--as-of", "2026-11-30", "--strict", "--lang", "zh")
    assert finding_lines(result, code) == [f"{books}/{EXACT_ZH[code]}"]


def test_check_json_lang_zh_carries_the_chinese_message_and_hint(tmp_path):
    """JSON keys, codes and places are the same in both languages; only message and hint change."""
    books = write_books(
        tmp_path / "books",
        {
            **BASE,
            "ledger.csv": LEDGER_HEADER + "2026-02-01,invoice,F1,C9,,1.234,\n2026-12-01,invoice,F2,C1,,100,\n",
        },
    )
    args = ("check", "--books", books, "--as-of", "2026-11-30", "--format", "json")
    english = json.loads(invoke(*args).stdout)
    chinese = json.loads(invoke(*args, "--lang", "zh").stdout)
    assert (chinese["errors"], chinese["warnings"]) == (english["errors"], english["warnings"]) == (1, 1)

    def place(finding):
        return {key: value for key, value in finding.items() if key not in ("message", "hint")}

    assert [place(f) for f in chinese["findings"]] == [place(f) for f in english["findings"]]
    by_code = {finding["code"]: finding for finding in chinese["findings"]}
    assert by_code["bad_value"]["message"] == "“1.234”的小数位数超过 CNY 允许的 2 位"
    assert by_code["bad_value"]["hint"] == "金额填正数，小数位数不超过币种允许的位数，例如 1234.50 或 ¥1,234.50"
    assert by_code["future_record"]["message"] == "1 行台账的日期晚于 2026-11-30（第一行为 2026-12-01），不计入报表"
    assert {f["code"]: f["message"] for f in english["findings"]}["bad_value"] == "'1.234' has more decimals than CNY has (2)"
