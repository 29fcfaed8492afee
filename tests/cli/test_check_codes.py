"""One broken books directory per finding code, through the real ``zhangkuan check``.

Each case asserts what a user sees: exit 1 (warnings: with --strict), the finding on stderr
as FILE:LINE[:COLUMN]: severity CODE, and never a traceback.
"""

from __future__ import annotations

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


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_finding_code_reaches_the_user_with_its_place(tmp_path, code):
    changes, removed, place, severity = CASES[code]
    marker = tmp_path / "executed"
    files = {name: text for name, text in BASE.items() if name not in removed}
    files.update({name: text.replace("{marker}", str(marker)) for name, text in changes.items() if isinstance(text, str)})
    books = write_books(tmp_path / "books", files)
    for name, data in changes.items():
        if isinstance(data, bytes):
            (books / name).write_bytes(data)
    result = invoke("check", "--books", books, "--as-of", "2026-11-30", "--strict")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if f" {code}: " in line]
    assert lines, result.stderr
    assert lines[0].startswith(f"{books}/{place}"), lines[0]
    assert f": {severity} {code}: " in lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    assert not marker.exists()  # a YAML tag is never executed
