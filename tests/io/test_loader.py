"""load_books: books.yaml, file variants, duplicate ids, and everything in one run."""

from __future__ import annotations

from decimal import Decimal

from tests.io.files import books_dir, where, write
from zhangkuan.io.loader import load_books
from zhangkuan.model.enums import Standard


def test_missing_books_yaml_says_to_run_init(tmp_path):
    write(tmp_path, "customers.csv", "id,name\nC1,甲\n")
    books, findings = load_books(tmp_path)
    assert books is None
    assert where(findings) == [("missing_config", "books.yaml", 0, "")]
    assert "zhangkuan init" in findings[0].hint


def test_config_errors_point_at_the_line_of_the_key(tmp_path):
    write(
        tmp_path,
        "books.yaml",
        "company: 甲\nstandard: small\nrefunds:\n  approval:\n    - {level: 1, approver: 主管, up_to: 10000}\n    - level: 2\n      approver: 经理\n      up_to: 1.234\n    - {level: 3, approver: 总经理}\naging:\n  basis: due_date\n  colour: red\n",
    )
    books, findings = load_books(tmp_path)
    assert books is None
    assert where(findings) == [
        ("bad_config", "books.yaml", 12, "aging.colour"),
        ("bad_config", "books.yaml", 8, "refunds.approval.1.up_to"),
    ]
    assert "unknown key 'colour'" in findings[0].message
    assert "more decimals" in findings[1].message


def test_config_without_company(tmp_path):
    write(tmp_path, "books.yaml", "currency: CNY\n")
    books, findings = load_books(tmp_path)
    assert books is None and where(findings) == [("bad_config", "books.yaml", 1, "company")]
    assert "company:" in findings[0].hint


def test_record_files_are_still_checked_when_books_yaml_is_unusable(tmp_path):
    """One run reports everything: a broken books.yaml does not hide the broken ledger."""
    books_dir(tmp_path, {"books.yaml": "company: 甲\nstandard: ifrs\n", "ledger.csv": "date,kind,doc,customer,amount\n2026-01-01,invoice,F1,C1,x\n"})
    books, findings = load_books(tmp_path)
    assert books is None
    assert [(f.code, f.file, f.column) for f in findings] == [("bad_config", "books.yaml", "standard"), ("bad_value", "ledger.csv", "amount")]


def test_currency_of_books_yaml_decides_the_decimals(tmp_path):
    books_dir(tmp_path, {"books.yaml": "company: 甲\ncurrency: JPY\nstandard: 小企业会计准则\n", "customers.csv": "id,name,credit_limit\nC1,甲,1000\nC2,乙,1000.5\n"})
    books, findings = load_books(tmp_path)
    assert books.config.standard is Standard.SMALL
    assert books.customers["C1"].credit_limit == Decimal("1000")
    assert where(findings) == [("bad_value", "customers.csv", 3, "credit_limit")]


def test_two_variants_of_one_file_are_an_error_and_the_preferred_one_is_read(tmp_path):
    books_dir(tmp_path, {"customers.yaml": "- {id: C1, name: 甲}\n", "customers.csv": "id,name\nC2,乙\n", "ledger.csv": "date,kind,doc,customer,amount\n", "ledger/2026.csv": "date,kind,doc,customer,amount\n"})
    books, findings = load_books(tmp_path)
    assert where(findings) == [("ambiguous_file", "customers.csv", 0, ""), ("ambiguous_file", "ledger", 0, "")]
    assert list(books.customers) == ["C1"]


def test_duplicate_ids_point_at_the_second_and_name_the_first(tmp_path):
    books_dir(
        tmp_path,
        {
            "customers.csv": "客户编号,客户名称\nC1,甲\nC2,乙\nC1,丙\n",
            "contracts.yaml": "- {id: K1, customer: C1, signed_on: 2026-01-01, amount: 100}\n- id: K1\n  customer: C2\n  signed_on: 2026-01-02\n  amount: 200\n",
            "refunds.csv": "id,contract,customer,requested_on,amount,reason\nR1,K1,C1,2026-02-01,10,质量问题\nR1,K1,C1,2026-02-02,10,quality\n",
        },
    )
    books, findings = load_books(tmp_path)
    assert where(findings) == [
        ("duplicate_id", "customers.csv", 4, "客户编号"),
        ("duplicate_id", "contracts.yaml", 2, "id"),
        ("duplicate_id", "refunds.csv", 3, "id"),
    ]
    assert "first is on line 2" in findings[0].message and "first is on line 1" in findings[1].message
    assert books.customers["C1"].name == "甲" and books.contracts["K1"].amount == Decimal("100.00")
    assert [request.requested_on.day for request in books.refunds] == [1]


def test_records_carry_their_source(tmp_path):
    books_dir(tmp_path, {"collections.csv": "日期,客户,催收方式,确认债务\n2026-11-01,C1,电话,是\n"})
    books, findings = load_books(tmp_path)
    assert findings == []
    [entry] = books.collections
    assert (entry.source.file, entry.source.line, entry.acknowledged) == ("collections.csv", 2, True)


def test_empty_books_directory_with_only_books_yaml_is_clean(tmp_path):
    books, findings = load_books(books_dir(tmp_path, {}))
    assert findings == [] and (books.customers, books.contracts, list(books.ledger), books.refunds, books.collections) == ({}, {}, [], [], [])
