"""``zhangkuan kpi`` through the real entry point, on the November of tests/core/test_kpi.py.

Opening (end of 10-31) 12 000; November net credit sales 8000 − 1000 = 7000; closing 10 000, of
which 3000 overdue (F2) and 7000 current (F3).
- Overdue rate 3000 / 10 000 = 0.3000.
- DSO: sales of 09-02 … 11-30 = 6000 + 8000 − 1000 = 13 000; 10 000 / 13 000 × 90 = 69.23 → 69.2.
- CEI (12 000 + 7000 − 10 000) / (12 000 + 7000 − 7000) × 100 = 75.0.
- Collected 5000 + 3000 = 8000.00.
"""

from __future__ import annotations

import json

import pytest

from tests.builders import invoke, write_books

BOOKS = {
    "books.yaml": "company: 上海测试商贸有限公司\n",
    "customers.csv": "id,name\nC1,甲公司\n",
    "ledger.csv": """\
        date,kind,doc,customer,amount,due,applies_to
        2026-08-15,invoice,F1,C1,10000,2026-09-14,
        2026-10-20,receipt,R1,C1,4000,,F1
        2026-10-10,invoice,F2,C1,6000,2026-11-09,
        2026-11-05,invoice,F3,C1,8000,2026-12-05,
        2026-11-06,credit_note,CN1,C1,1000,,F3
        2026-11-15,receipt,R2,C1,5000,,F1
        2026-11-20,receipt,R3,C1,3000,,F2
        2026-11-25,write_off,W1,C1,1000,,F1
        """,
}


@pytest.fixture
def books(tmp_path):
    return write_books(tmp_path / "books", BOOKS)


def test_kpi_json_for_a_month(books):
    """See the module docstring for the arithmetic."""
    result = invoke("kpi", "--books", books, "--period", "2026-11", "--format", "json", "--target", "10000")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert (payload["from"], payload["to"], payload["currency"]) == ("2026-11-01", "2026-11-30", "CNY")
    assert payload["overdue_rate"] == {"value": "0.3000", "overdue": "3000.00", "open": "10000.00"}
    assert payload["dso"] == {"value": "69.2", "receivable": "10000.00", "credit_sales": "13000.00", "days": 90}
    assert payload["cei"] == {
        "value": "75.0", "opening_receivable": "12000.00", "credit_sales": "7000.00",
        "closing_receivable": "10000.00", "closing_current": "7000.00",
    }
    assert payload["collected"] == {"value": "8000.00", "target": "10000.00", "share": "0.8000"}


def test_kpi_from_to_equals_the_period_and_table_shows_the_arithmetic(books):
    """--from 11-01 --to 11-30 is --period 2026-11. The table spells out CEI
    (12 000 + 7000 − 10 000) ÷ (12 000 + 7000 − 7000) × 100 = 75.0 and 3000 ÷ 10 000 = 30.00 %."""
    by_dates = invoke("kpi", "--books", books, "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json")
    by_month = invoke("kpi", "--books", books, "--period", "2026-11", "--format", "json")
    assert by_dates.stdout == by_month.stdout
    table = invoke("kpi", "--books", books, "--period", "2026-11", "--format", "md")
    assert "| Collection effectiveness (CEI) | 75.0 | (12,000.00 + 7,000.00 − 10,000.00) ÷ (12,000.00 + 7,000.00 − 7,000.00) × 100 |" in table.stdout
    assert "| Overdue rate | 30.00% | 3,000.00 ÷ 10,000.00 |" in table.stdout


def test_default_period_is_the_as_of_month_to_date(books):
    """As of 2026-11-20: period 11-01 … 11-20; collected R2 5000 + R3 3000 = 8000."""
    result = invoke("kpi", "--books", books, "--as-of", "2026-11-20", "--format", "json")
    payload = json.loads(result.stdout)
    assert (payload["from"], payload["to"], payload["collected"]["value"]) == ("2026-11-01", "2026-11-20", "8000.00")


@pytest.mark.parametrize(
    "options",
    [("--period", "2026-13"), ("--period", "2026-11", "--from", "2026-11-01"), ("--to", "2026-11-30"), ("--from", "2026-12-01", "--to", "2026-11-01")],
)
def test_wrong_period_options_are_usage_errors(books, options):
    """Month 13; --period with --from; --to without --from; a period ending before it starts:
    exit 2, no traceback."""
    result = invoke("kpi", "--books", books, *options)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
