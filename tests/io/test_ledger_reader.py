"""The fast ledger reader: same rules as the record parsers, exact lines, every format."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.io.files import books_dir, where, write
from zhangkuan.io.ledger import read_ledger
from zhangkuan.io.loader import load_books
from zhangkuan.model.enums import LedgerKind
from zhangkuan.model.records import LedgerLine
from zhangkuan.model.values import parse_amount

HEADER = "date,kind,doc,customer,contract,amount,due,applies_to,memo\n"


def read(tmp_path, text: str, name: str = "ledger.csv", encoding: str = "utf-8"):
    path = write(tmp_path, name, text, encoding)
    return read_ledger([(path, name)], "CNY")


def test_plain_and_unusual_forms_read_to_the_same_values(tmp_path):
    lines, findings = read(
        tmp_path,
        HEADER
        + "2026-11-01,invoice,F1,C1,K1,1234.50,2026-12-01,,货款\n"
        + "2026/11/02,发票,F2, C1 ,,\"¥1,234.5\",2026年12月2日,,\n"
        + "2026年11月3日,收款,R1,C1,,1000,,F1,回款\n",
    )
    assert findings == []
    assert lines == [
        LedgerLine(date(2026, 11, 1), LedgerKind.INVOICE, "F1", "C1", Decimal("1234.50"), "K1", date(2026, 12, 1), "", "货款", "ledger.csv", 2),
        LedgerLine(date(2026, 11, 2), LedgerKind.INVOICE, "F2", "C1", Decimal("1234.50"), "", date(2026, 12, 2), "", "", "ledger.csv", 3),
        LedgerLine(date(2026, 11, 3), LedgerKind.RECEIPT, "R1", "C1", Decimal("1000.00"), "", None, "F1", "回款", "ledger.csv", 4),
    ]
    assert [str(line.amount) for line in lines] == ["1234.50", "1234.50", "1000.00"]  # quantized like the records


def test_chinese_headers_and_gb18030(tmp_path):
    lines, findings = read(tmp_path, "日期,类型,单据号,客户,金额,摘要\n2026-11-01,预收,A1,C1,500.00,定金\n", encoding="gb18030")
    assert findings == []
    assert [(line.kind, line.amount, line.memo) for line in lines] == [(LedgerKind.ADVANCE, Decimal("500.00"), "定金")]


def test_every_bad_cell_of_the_file_is_reported_and_its_line_left_out(tmp_path):
    lines, findings = read(
        tmp_path,
        HEADER
        + "2026-11-01,invoice,F1,C1,,1.235,,,\n"  # three decimals
        + "2026-11-01,invoice,F2,C1,,-5,,,\n"  # negative
        + "2026-11-01,invoice,F3,C1,,NaN,,,\n"
        + "2026-11-01,invoice,F4,C1,,0.00,,,\n"  # zero
        + "2026-11-01,invoice,F5,C1,,,,,\n"  # blank amount
        + "2026-02-30,bill,,,,100,soon,,\n"  # bad date, unknown kind, blank doc and customer, bad due
        + "2026-11-01,invoice,F7,C1,,100.00,,,\n",
    )
    assert where(findings) == [
        ("bad_value", "ledger.csv", 2, "amount"),
        ("bad_value", "ledger.csv", 3, "amount"),
        ("bad_value", "ledger.csv", 4, "amount"),
        ("bad_value", "ledger.csv", 5, "amount"),
        ("missing_value", "ledger.csv", 6, "amount"),
        ("bad_value", "ledger.csv", 7, "date"),
        ("bad_value", "ledger.csv", 7, "kind"),
        ("missing_value", "ledger.csv", 7, "doc"),
        ("missing_value", "ledger.csv", 7, "customer"),
        ("bad_value", "ledger.csv", 7, "due"),
    ]
    messages = [finding.message for finding in findings]
    assert "more decimals" in messages[0] and "negative" in messages[1] and "finite" in messages[2] and "zero" in messages[3]
    assert "not a real date" in messages[5] and "invoice" in messages[6]
    assert [line.doc for line in lines] == ["F7"]


def test_columns_are_named_as_written_in_findings(tmp_path):
    _, findings = read(tmp_path, "日期,类型,单据号,客户,金额\n2026-11-01,invoice,F1,C1,abc\n")
    assert where(findings) == [("bad_value", "ledger.csv", 2, "金额")]


def test_missing_required_column_is_one_finding_not_one_per_line(tmp_path):
    lines, findings = read(tmp_path, "date,kind,doc,amount\n" + "2026-11-01,invoice,F1,100\n" * 50)
    assert (lines, where(findings)) == ([], [("missing_column", "ledger.csv", 1, "customer")])


def test_blank_rows_short_rows_and_stray_cells(tmp_path):
    lines, findings = read(
        tmp_path,
        HEADER + ",,,,,,,,\n\n2026-11-01,invoice,F1,C1,,100\n2026-11-01,invoice,F2,C1,,\"1\",234.50,,,x\n",
    )
    assert [line.doc for line in lines] == ["F1"]
    assert where(findings) == [("extra_cells", "ledger.csv", 5, "")]


def test_a_quoted_memo_over_two_lines_keeps_the_next_line_number(tmp_path):
    lines, _ = read(tmp_path, HEADER + '2026-11-01,invoice,F1,C1,,100,,,"第一行\n第二行"\n2026-11-02,invoice,F2,C1,,100,,,\n')
    assert [(line.doc, line.line) for line in lines] == [("F1", 2), ("F2", 4)]


def test_yaml_and_xlsx_ledgers_read_like_csv(tmp_path):
    from openpyxl import Workbook

    write(tmp_path, "ledger.yaml", "- {date: 2026-11-01, kind: invoice, doc: 001, customer: C1, amount: 0.1}\n- date: 2026-11-02\n  kind: 收款\n  doc: R1\n  customer: C1\n  amount: 12.345\n")
    yaml_lines, yaml_findings = read_ledger([(tmp_path / "ledger.yaml", "ledger.yaml")], "CNY")
    assert [(line.doc, line.amount, line.line) for line in yaml_lines] == [("001", Decimal("0.10"), 1)]
    assert where(yaml_findings) == [("bad_value", "ledger.yaml", 6, "amount")]

    workbook = Workbook()
    workbook.active.append(["日期", "类型", "单据号", "客户", "金额", "到期日"])
    workbook.active.append([date(2026, 11, 1), "发票", 1001, "C1", 1234.5, date(2026, 12, 1)])
    workbook.active.append([date(2026, 11, 2), "发票", 1002, "C1", 0, None])
    workbook.save(tmp_path / "ledger.xlsx")
    xlsx_lines, xlsx_findings = read_ledger([(tmp_path / "ledger.xlsx", "ledger.xlsx")], "CNY")
    assert [(line.doc, line.amount, line.due, line.line) for line in xlsx_lines] == [("1001", Decimal("1234.50"), date(2026, 12, 1), 2)]
    assert where(xlsx_findings) == [("bad_value", "ledger.xlsx", 3, "金额")]


def test_ledger_directory_is_read_file_by_file_in_name_order(tmp_path):
    books_dir(
        tmp_path,
        {
            "customers.csv": "id,name\nC1,甲\n",
            "ledger/2026.csv": HEADER + "2026-01-05,invoice,F2,C1,,200,,,\n",
            "ledger/2025.csv": HEADER + "2025-12-01,invoice,F1,C1,,100,,,\nbad,invoice,F9,C1,,1,,,\n",
            "ledger/notes.txt": "not a ledger",
            "ledger/~$2026.csv": "excel lock file",
        },
    )
    books, findings = load_books(tmp_path)
    assert [(line.doc, line.file, line.line) for line in books.ledger] == [("F1", "ledger/2025.csv", 2), ("F2", "ledger/2026.csv", 2)]
    assert where(findings) == [("bad_value", "ledger/2025.csv", 3, "date")]


def test_invoice_without_due_is_due_after_the_customers_terms(tmp_path):
    books_dir(
        tmp_path,
        {
            "customers.csv": "id,name,terms_days\nC1,甲,30\nC2,乙,\n",
            "ledger.csv": HEADER
            + "2026-01-31,invoice,F1,C1,,100,,,\n"  # 30 days of terms
            + "2026-01-31,invoice,F2,C1,,100,2026-02-10,,\n"  # written due wins
            + "2026-01-31,invoice,F3,C2,,100,,,\n"  # no terms: due on the invoice date
            + "2026-01-31,invoice,F4,C9,,100,,,\n"  # unknown customer: due on the invoice date
            + "2026-01-31,receipt,R1,C1,,100,,,\n",  # only invoices get a due date
        },
    )
    books, _ = load_books(tmp_path)
    assert [(line.doc, line.due) for line in books.ledger] == [
        ("F1", date(2026, 3, 2)),
        ("F2", date(2026, 2, 10)),
        ("F3", date(2026, 1, 31)),
        ("F4", date(2026, 1, 31)),
        ("R1", None),
    ]


amount_texts = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True, places=None).map(str),
    st.from_regex(r"[¥￥]?-?[0-9,]{0,9}(\.[0-9]{0,4})?", fullmatch=True),
    st.text(alphabet="0123456789.,¥-eE+ ", max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(amount_texts)
def test_fast_path_agrees_with_the_shared_amount_parser(tmp_path_factory, text):
    """Whatever the cell, the ledger keeps the amount parse_amount gives, or refuses it as it does."""
    root = tmp_path_factory.mktemp("ledger")
    cell = '"' + text.replace('"', '""') + '"'
    lines, findings = read(root, f"date,kind,doc,customer,amount\n2026-01-01,invoice,F1,C1,{cell}\n")
    try:
        expected = parse_amount(text, "CNY", allow_zero=False)
    except ValueError:
        assert lines == [] and [finding.code for finding in findings] in (["bad_value"], ["missing_value"])
    else:
        assert [str(line.amount) for line in lines] == [str(expected)] and findings == []
