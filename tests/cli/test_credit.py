"""``zhangkuan credit`` through the real entry point, on small books.

As of 2026-11-30, default thresholds:

- C1 (limit 5000): F1 1000 due 10-01 paid 09-25 (on time), F2 2000 due 12-01 open. On time
  1/1 = 100 %, days late 0, overdue 0 %, usage 2000 / 5000 = 40 %, oldest 0 → A, keep terms.
- C2 (limit 500): F3 800 not yet due. Usage 800 / 500 = 160 % > 120 % (C's bound) → D, breach
  of 800 − 500 = 300, decided by limit usage.
- C3 (manual grade B, no ledger lines): computes A, reported B (manual), watch.
"""

from __future__ import annotations

import json

import pytest

from tests.builders import invoke, write_books

BOOKS = {
    "books.yaml": "company: 上海测试商贸有限公司\n",
    "customers.csv": """\
        id,name,credit_limit,grade
        C1,甲公司,5000,
        C2,乙公司,500,
        C3,丙公司,,B
        """,
    "ledger.csv": """\
        date,kind,doc,customer,amount,due,applies_to
        2026-09-01,invoice,F1,C1,1000,2026-10-01,
        2026-09-25,receipt,R1,C1,1000,,F1
        2026-11-01,invoice,F2,C1,2000,2026-12-01,
        2026-11-10,invoice,F3,C2,800,2026-12-10,
        """,
}


@pytest.fixture
def books(tmp_path):
    return write_books(tmp_path / "books", BOOKS)


def test_credit_json_grades_inputs_and_breaches(books):
    """See the module docstring for the arithmetic."""
    result = invoke("credit", "--books", books, "--as-of", "2026-11-30", "--format", "json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert (payload["as_of"], payload["currency"], payload["breaches"]) == ("2026-11-30", "CNY", ["C2"])
    c1, c2, c3 = payload["customers"]
    assert c1["inputs"] == {
        "on_time_share": "1.0000", "invoices_judged": 1, "invoices_on_time": 1, "avg_days_late": "0.0",
        "overdue_share": "0.0000", "limit_usage": "0.4000", "oldest_overdue_days": 0,
    }
    assert (c1["grade"], c1["recommendation"], c1["decided_by"], c1["exposure"], c1["credit_limit"]) == ("A", "keep_terms", [], "2000.00", "5000.00")
    assert (c2["grade"], c2["decided_by"], c2["limit_breach"], c2["limit_excess"], c2["inputs"]["limit_usage"]) == ("D", ["limit_usage"], True, "300.00", "1.6000")
    assert (c2["recommendation"], c2["inputs"]["on_time_share"], c2["inputs"]["avg_days_late"]) == ("stop_credit", None, None)
    assert (c3["grade"], c3["computed_grade"], c3["manual"], c3["recommendation"], c3["credit_limit"]) == ("B", "A", True, "watch", None)
    assert "1 customer(s) over their credit limit" in result.stderr


def test_credit_table_in_chinese_and_customer_filter(books):
    """C2 alone, in Chinese: no history (不适用), usage 800 / 500 = 160.0 %, exposure 800.00,
    nothing overdue, limit 500.00, 300.00 over, stop credit, decided by limit usage."""
    result = invoke("credit", "--books", books, "--as-of", "2026-11-30", "--format", "csv", "--lang", "zh", "--customer", "C2")
    assert result.exit_code == 0, result.stderr
    header, row = result.stdout.splitlines()
    assert header.startswith("客户编号,客户名称,信用等级,测算等级,按期付款率")
    assert row.startswith("C2,乙公司,D,D,不适用,不适用,0.0%,160.0%,0,800.00,0.00,500.00,300.00,停止赊销，仅接受预付款,额度使用率")


def test_thresholds_from_books_yaml(books):
    """Raising C's limit-usage bound to 200 % lets C2 (160 %) reach C."""
    (books / "books.yaml").write_text("company: 上海测试商贸有限公司\ncredit:\n  C: {limit_usage: 200%}\n", encoding="utf-8")
    result = invoke("credit", "--books", books, "--as-of", "2026-11-30", "--format", "json", "--customer", "C2")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["customers"][0]["grade"] == "C"
