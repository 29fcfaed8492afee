"""``zhangkuan aging`` through the real entry point, on small books written by the test."""

from __future__ import annotations

import json

import pytest

from tests.builders import invoke, write_books

BOOKS = {
    "books.yaml": "company: 上海测试商贸有限公司\n",
    "customers.csv": """\
        客户编号,客户名称,账期
        C1,甲公司,30
        C2,乙公司,
        """,
    "ledger.csv": """\
        date,kind,doc,customer,amount,due,applies_to
        2026-09-01,invoice,F1,C1,"1,000.00",,
        2026-10-15,发票,F2,C1,500,2026-11-14,
        2026-10-20,receipt,R1,C1,300,,
        2026-11-01,invoice,F3,C2,2000,2026-12-01,
        2026-11-20,receipt,R2,C2,2500,,F3
        2026-12-05,receipt,R3,C1,1200,,
        """,
}


@pytest.fixture
def books(tmp_path):
    return write_books(tmp_path / "books", BOOKS)


def test_json_as_of_month_end(books):
    """As of 11-30. C1: F1 due 10-01 (30 days' terms), 1000 − R1 300 (oldest first) = 700,
    60 days late → 31-60; F2 due 11-14, 16 days late → 1-30 500. R3 of 12-05 does not count.
    C2: F3 2000 paid 2500 → unapplied −500. Total 700 + 500 − 500 = 700."""
    result = invoke("aging", "--books", books, "--as-of", "2026-11-30", "--format", "json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    c1, c2 = payload["customers"]
    assert c1["buckets"]["31-60"] == "700.00" and c1["buckets"]["1-30"] == "500.00" and c1["total"] == "1200.00"
    assert (c2["unapplied"], c2["total"]) == ("-500.00", "-500.00")
    assert payload["totals"]["total"] == "700.00"


def test_later_as_of_counts_the_december_receipt(books):
    """As of 12-31 R3 (1200) settles F1's 700 then F2's 500: C1 is clear and left out."""
    result = invoke("aging", "--books", books, "--as-of", "2026-12-31", "--format", "json")
    assert [row["customer"] for row in json.loads(result.stdout)["customers"]] == ["C2"]


def test_detail_csv_and_customer_filter(books):
    """Limitation (§5.5): F1's clock restarts with R1 (300, pooled onto it on 10-20) → 2029-10-20;
    F2 has had no payment → due 2026-11-14 + 3 years = 2029-11-14."""
    result = invoke("aging", "--books", books, "--as-of", "2026-11-30", "--detail", "--customer", "C1", "--format", "csv")
    rows = result.stdout.splitlines()
    assert rows[0] == "Customer,Name,Doc,Date,Due,Age (days),Bucket,Outstanding,Limitation expires"
    assert rows[1:] == [
        "C1,甲公司,F1,2026-09-01,2026-10-01,60,31-60,700.00,2029-10-20",
        "C1,甲公司,F2,2026-10-15,2026-11-14,16,1-30,500.00,2029-11-14",
    ]


def test_invoice_basis_calendar_buckets_in_chinese(books):
    result = invoke("aging", "--books", books, "--as-of", "2026-11-30", "--basis", "invoice_date", "--buckets", "1y,2y", "--lang", "zh", "--format", "md")
    assert result.exit_code == 0
    assert "| 客户编号 | 客户名称 | 0-1y | 1y-2y | >2y | 未核销款项 | 合计 |" in result.stdout


def test_xlsx_to_a_file(books, tmp_path):
    target = tmp_path / "aging.xlsx"
    result = invoke("aging", "--books", books, "--as-of", "2026-11-30", "-o", target)
    assert result.exit_code == 0
    assert target.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--as-of", "2026-13-01"], "--as-of"),
        (["--buckets", "60,30"], "--buckets"),
        (["--format", "xlsx"], "xlsx"),
        (["--basis", "weekly"], "--basis"),
    ],
)
def test_wrong_usage_exits_2_without_traceback(books, args, needle):
    result = invoke("aging", "--books", books, *args)
    assert result.exit_code == 2
    assert needle in result.stderr and "Traceback" not in result.stderr


def test_books_with_errors_compute_nothing_and_exit_1(books):
    """A third decimal on line 3 of ledger.csv: the report is refused, the line is named."""
    (books / "ledger.csv").write_text("date,kind,doc,customer,amount\n2026-09-01,invoice,F1,C1,100\n2026-09-02,invoice,F2,C1,1.234\n", encoding="utf-8")
    result = invoke("aging", "--books", books, "--as-of", "2026-11-30", "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "ledger.csv:3:amount" in result.stderr and "Traceback" not in result.stderr


def test_missing_books_yaml_says_how_to_start(tmp_path):
    result = invoke("aging", "--books", tmp_path, "--as-of", "2026-11-30")
    assert result.exit_code == 1
    assert "books.yaml" in result.stderr and "zhangkuan init" in result.stderr
