"""Records files in every format: encodings, Chinese headers, cell forms, layout problems."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.io.files import books_dir, where, write
from zhangkuan.io.columns import CONTRACTS, CUSTOMERS, LEDGER, REFUNDS, COLLECTIONS
from zhangkuan.io.loader import load_books
from zhangkuan.io.tabular import read_table
from zhangkuan.model.enums import CollectionAction, DepositKind, RefundReason
from zhangkuan.model.records import RECORD_TYPES

CUSTOMERS_ZH = "客户编号,客户名称,信用额度,账期,催收负责人\nC001,上海浦江商贸有限公司,\"¥1,234.50\",30,王会计\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_every_encoding_excel_writes_reads_the_same(tmp_path, encoding):
    write(tmp_path, "customers.csv", CUSTOMERS_ZH, encoding)
    rows, findings = read_table(tmp_path / "customers.csv", "customers.csv", CUSTOMERS)
    assert findings == []
    assert [(row.line, row.cells) for row in rows] == [
        (2, {"id": "C001", "name": "上海浦江商贸有限公司", "credit_limit": "¥1,234.50", "terms_days": "30", "collector": "王会计"})
    ]
    assert rows[0].column("credit_limit") == "信用额度"


def test_gb18030_file_loads_into_records_with_chinese_names(tmp_path):
    write(tmp_path, "books.yaml", "company: 甲\n")
    write(tmp_path, "customers.csv", CUSTOMERS_ZH, "gb18030")
    books, findings = load_books(tmp_path)
    assert findings == []
    customer = books.customers["C001"]
    assert (customer.name, customer.credit_limit, customer.terms_days, customer.collector) == ("上海浦江商贸有限公司", Decimal("1234.50"), 30, "王会计")


def test_header_match_ignores_case_spaces_and_word_breaks(tmp_path):
    write(tmp_path, "customers.csv", " ID , Name ,Terms Days,credit-limit\nC1,甲,30,100\n")
    rows, findings = read_table(tmp_path / "customers.csv", "customers.csv", CUSTOMERS)
    assert findings == []
    assert rows[0].cells == {"id": "C1", "name": "甲", "terms_days": "30", "credit_limit": "100"}
    assert rows[0].column("terms_days") == "Terms Days"


def test_unknown_duplicate_and_missing_columns_are_reported_with_the_written_name(tmp_path):
    write(tmp_path, "contracts.csv", "合同编号,客户,金额,Amount,颜色\nK1,C1,100,100,红\n")
    rows, findings = read_table(tmp_path / "contracts.csv", "contracts.csv", CONTRACTS)
    assert where(findings) == [
        ("duplicate_column", "contracts.csv", 1, "Amount"),
        ("unknown_column", "contracts.csv", 1, "颜色"),
        ("missing_column", "contracts.csv", 1, "signed_on"),
    ]
    assert "合同编号" in findings[1].hint and "signed_on (签订日期)" in findings[1].hint
    assert "签订日期" in findings[2].hint
    assert rows == []  # without signed_on no contract can be read


def test_blank_rows_are_skipped_and_blank_cells_are_absent(tmp_path):
    write(tmp_path, "customers.csv", "id,name,terms_days,phone\n\nC1,甲,,\n,,,\nC2,乙, 15 ,\n")
    rows, findings = read_table(tmp_path / "customers.csv", "customers.csv", CUSTOMERS)
    assert findings == []
    assert [(row.line, row.cells) for row in rows] == [(3, {"id": "C1", "name": "甲"}), (5, {"id": "C2", "name": "乙", "terms_days": " 15 "})]


def test_cells_beyond_the_header_are_an_error_and_the_row_is_not_read(tmp_path):
    write(tmp_path, "customers.csv", "id,name,credit_limit\nC1,甲,1,234.50\nC2,乙,100\n")
    rows, findings = read_table(tmp_path / "customers.csv", "customers.csv", CUSTOMERS)
    assert where(findings) == [("extra_cells", "customers.csv", 2, "")]
    assert "quote" in findings[0].hint
    assert [row.cells["id"] for row in rows] == ["C2"]


def test_quoted_cell_spanning_lines_keeps_later_line_numbers_right(tmp_path):
    write(tmp_path, "customers.csv", 'id,name,address\nC1,甲,"上海市\n浦东新区"\nC2,乙,x\n')
    rows, _ = read_table(tmp_path / "customers.csv", "customers.csv", CUSTOMERS)
    assert [(row.line, row.cells["address"]) for row in rows] == [(2, "上海市\n浦东新区"), (4, "x")]


def test_contract_list_and_mapping_cells_and_chinese_enum_values(tmp_path):
    books_dir(
        tmp_path,
        {
            "contracts.csv": "合同编号,客户,签订日期,合同金额,款项性质,定金金额,退款期限,手续费率,允许原因,所需材料,状态\n"
            "K1,C1,2026年3月5日,10000,定金,2000,2026/06/30,5%,质量问题；客户需求变化,quality=contract+quality_report;all=contract,执行中\n",
            "customers.csv": "id,name\nC1,甲\n",
        },
    )
    books, findings = load_books(tmp_path)
    assert findings == []
    contract = books.contracts["K1"]
    assert contract.signed_on == date(2026, 3, 5)
    assert contract.refundable_until == date(2026, 6, 30)
    assert (contract.deposit_kind, contract.earnest_amount, contract.fee_rate) == (DepositKind.EARNEST, Decimal("2000.00"), Decimal("0.05"))
    assert contract.allowed_reasons == [RefundReason.QUALITY, RefundReason.DEMAND_CHANGE]
    assert contract.evidence == {"quality": ["contract", "quality_report"], "all": ["contract"]}


def test_bad_cells_become_findings_at_file_line_and_written_column_all_in_one_run(tmp_path):
    """Every bad cell of the file is reported, not only the first; the bad records are left out."""
    books_dir(
        tmp_path,
        {
            "customers.csv": "客户编号,客户名称,信用额度,账期\n"
            "C1,甲,12.345,30\n"  # 3 decimals
            "C2,乙,-5,30\n"  # negative
            "C3,丙,NaN,abc\n"  # NaN and not a number of days
            ",丁,100,30\n"  # blank required id
            "C5,戊,\"¥1,234.50\",\n",
        },
    )
    books, findings = load_books(tmp_path)
    assert where(findings) == [
        ("bad_value", "customers.csv", 2, "信用额度"),
        ("bad_value", "customers.csv", 3, "信用额度"),
        ("bad_value", "customers.csv", 4, "信用额度"),
        ("bad_value", "customers.csv", 4, "账期"),
        ("missing_value", "customers.csv", 5, "客户编号"),
    ]
    assert "more decimals" in findings[0].message and "1234.50" in findings[0].hint
    assert "negative" in findings[1].message
    assert "finite" in findings[2].message
    assert findings[4].hint.startswith("fill in 客户编号")
    assert list(books.customers) == ["C5"]
    assert books.customers["C5"].credit_limit == Decimal("1234.50")


def test_xlsx_first_sheet_typed_cells(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["日期", "催收方式", "客户", "承诺金额", "承诺日期", "书面催告", "备注"])
    sheet.append([date(2026, 11, 3), "催款函", 1001, 1234.5, "2026年11月20日", "是", "=HYPERLINK(1)"])
    sheet.append([None, None, None, None, None, None, None])
    sheet.append(["2026/11/05", "电话", "C2", "abc", None, None, None])
    workbook.create_sheet("ignored").append(["x"])
    workbook.save(tmp_path / "collections.xlsx")
    books_dir(tmp_path, {})
    books, findings = load_books(tmp_path)
    assert where(findings) == [("bad_value", "collections.xlsx", 4, "承诺金额")]
    [entry] = books.collections
    assert (entry.date, entry.action, entry.customer, entry.promised_amount, entry.promised_date, entry.written_demand) == (
        date(2026, 11, 3), CollectionAction.LETTER, "1001", Decimal("1234.50"), date(2026, 11, 20), True
    )
    assert entry.source.line == 2


def test_not_a_workbook_is_unreadable_not_a_crash(tmp_path):
    write(tmp_path, "customers.xlsx", "id,name\n")
    rows, findings = read_table(tmp_path / "customers.xlsx", "customers.xlsx", CUSTOMERS)
    assert (rows, where(findings)) == ([], [("unreadable_file", "customers.xlsx", 0, "")])


def test_utf16_csv_is_unreadable_with_a_hint_to_save_as_utf8(tmp_path):
    (tmp_path / "customers.csv").write_bytes("id,name\nC1,甲\n".encode("utf-16"))
    _, findings = read_table(tmp_path / "customers.csv", "customers.csv", CUSTOMERS)
    assert where(findings) == [("unreadable_file", "customers.csv", 0, "")]
    assert "CSV UTF-8" in findings[0].hint


@pytest.mark.parametrize("columns", [CUSTOMERS, CONTRACTS, REFUNDS, COLLECTIONS])
def test_column_sets_require_what_the_records_require(columns):
    """A column set and its pydantic record must agree on the fields, or cells would be lost."""
    model = RECORD_TYPES[columns.record]
    model_fields = {name for name in model.model_fields if name != "source"}
    assert set(columns.fields) == model_fields
    assert columns.required == {name for name, info in model.model_fields.items() if info.is_required()}


def test_ledger_column_set_matches_the_ledger_line_fields():
    assert set(LEDGER.fields) == {"date", "kind", "doc", "customer", "contract", "amount", "due", "applies_to", "memo"}
