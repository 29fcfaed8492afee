"""One test per finding code of core.validation, each on a tiny literal Books."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zhangkuan.core.validation import validate_books
from zhangkuan.model.books import Books
from zhangkuan.model.config import BooksConfig
from zhangkuan.model.enums import LedgerKind, Severity
from zhangkuan.model.findings import Source
from zhangkuan.model.records import CollectionEntry, Contract, Customer, LedgerLine, RefundRequest

AS_OF = date(2026, 11, 30)
_line_numbers = iter(range(2, 10_000))


def ledger(kind: str, doc: str, on: str, amount: str, customer: str = "C1", contract: str = "", applies_to: str = "", file: str = "ledger.csv") -> LedgerLine:
    return LedgerLine(date.fromisoformat(on), LedgerKind(kind), doc, customer, Decimal(amount), contract, None, applies_to, "", file, next(_line_numbers))


def customer(id: str, tax_id: str = "") -> Customer:
    return Customer(id=id, name=f"客户{id}", tax_id=tax_id, source=Source("customers.csv", 2))


def contract(id: str, customer: str = "C1", signed_on: str = "2026-01-01") -> Contract:
    return Contract(id=id, customer=customer, signed_on=signed_on, amount="10000", source=Source("contracts.csv", 2))


def books(lines=(), customers=("C1",), contracts=(), refunds=(), collections=(), tax_ids=None) -> Books:
    tax_ids = tax_ids or {}
    return Books(
        config=BooksConfig(company="甲"),
        customers={id: customer(id, tax_ids.get(id, "")) for id in customers},
        contracts={item.id: item for item in contracts},
        ledger=list(lines),
        refunds=list(refunds),
        collections=list(collections),
    )


def found(books: Books) -> list[tuple[str, str, str, int, str]]:
    return [(f.severity.value, f.code, f.file, f.line, f.column) for f in validate_books(books, AS_OF)]


def test_clean_books_have_no_findings():
    advance = ledger("advance", "A1", "2026-02-01", "3000", contract="K1")
    recognition = ledger("recognition", "S1", "2026-02-01", "3000", contract="K1")  # same day: advance counts first
    invoice = ledger("invoice", "F1", "2026-03-01", "500")
    receipt = ledger("receipt", "R1", "2026-03-05", "500", applies_to="F1")
    assert found(books([advance, recognition, invoice, receipt], contracts=[contract("K1")], tax_ids={"C1": "91350100M000100Y43"})) == []


def test_duplicate_doc_same_kind_twice_points_at_the_second():
    first = ledger("invoice", "F1", "2026-03-01", "100")
    other_kind = ledger("receipt", "F1", "2026-03-02", "100")  # a receipt may reuse an invoice's number
    second = ledger("invoice", "F1", "2026-03-03", "200")
    findings = validate_books(books([first, other_kind, second]), AS_OF)
    assert [(f.code, f.line, f.column) for f in findings] == [("duplicate_doc", second.line, "doc")]
    assert f"ledger.csv:{first.line}" in findings[0].message


def test_unknown_customer_in_every_kind_of_record():
    lines = [ledger("invoice", "F1", "2026-03-01", "100", customer="C9"), ledger("invoice", "F2", "2026-03-02", "100", customer="C9")]
    request = RefundRequest(id="Q1", contract="K1", customer="C8", requested_on="2026-03-01", amount="1", reason="quality", source=Source("refunds.csv", 2))
    entry = CollectionEntry(date="2026-03-01", customer="C7", action="phone", source=Source("collections.csv", 3))
    findings = validate_books(books(lines, contracts=[contract("K1", customer="C6")], refunds=[request], collections=[entry]), AS_OF)
    unknown = [(f.severity.value, f.file, f.line, f.message) for f in findings if f.code == "unknown_customer"]
    assert unknown == [
        ("error", "ledger.csv", lines[0].line, "customer C9 is not in customers (named by 2 ledger lines; this is the first)"),
        ("error", "contracts.csv", 2, "customer C6 is not in customers"),
        ("error", "collections.csv", 3, "customer C7 is not in customers"),
        # a refund request is refused by `refund assess`, it does not break the books
        ("warning", "refunds.csv", 2, "customer C8 is not in customers; refund assess rejects this request"),
    ]


def test_unknown_contract_missing_or_blank():
    blank = ledger("advance", "A1", "2026-02-01", "100")
    missing = ledger("recognition", "S1", "2026-02-02", "100", contract="K9")
    request = RefundRequest(id="Q1", contract="K8", customer="C1", requested_on="2026-03-01", amount="1", reason="quality", source=Source("refunds.csv", 2))
    assert found(books([blank, missing], refunds=[request])) == [
        ("error", "unknown_contract", "ledger.csv", blank.line, "contract"),
        ("error", "unknown_contract", "ledger.csv", missing.line, "contract"),
        ("warning", "unknown_contract", "refunds.csv", 2, "contract"),
    ]  # no advance_negative for K9: an unknown contract is reported once, as unknown


def test_contract_customer_mismatch_on_ledger_and_refund_request():
    line = ledger("advance", "A1", "2026-02-01", "100", customer="C2", contract="K1")
    request = RefundRequest(id="Q1", contract="K1", customer="C2", requested_on="2026-03-01", amount="1", reason="quality", source=Source("refunds.csv", 4))
    findings = validate_books(books([line], customers=("C1", "C2"), contracts=[contract("K1")], refunds=[request]), AS_OF)
    assert [(f.severity.value, f.code, f.file, f.line) for f in findings] == [
        ("error", "contract_customer_mismatch", "ledger.csv", line.line),
        ("warning", "contract_customer_mismatch", "refunds.csv", 4),
    ]
    assert findings[0].message == "contract K1 belongs to C1, not to C2"


def test_bad_applies_to_no_invoice_or_another_customers_invoice():
    invoice = ledger("invoice", "F1", "2026-03-01", "100", customer="C2")
    to_nothing = ledger("receipt", "R1", "2026-03-02", "100", applies_to="F9")
    to_receipt = ledger("credit_note", "N1", "2026-03-02", "10", applies_to="R1")  # a receipt is not an invoice
    to_other = ledger("receipt", "R2", "2026-03-03", "100", applies_to="F1")
    findings = validate_books(books([invoice, to_nothing, to_receipt, to_other], customers=("C1", "C2")), AS_OF)
    assert [(f.code, f.line, f.column) for f in findings] == [("bad_applies_to", line.line, "applies_to") for line in (to_nothing, to_receipt, to_other)]
    assert findings[2].message == "invoice F1 belongs to C2, not to C1"


def test_advance_negative_names_the_date_and_the_shortfall_once_per_contract():
    """Advance 1000 on 1 Feb; recognise 800 on 1 Mar (balance 200); refund 500 on 2 Mar
    → −300: 300.00 short on 2026-03-02. A later recognition does not add a second finding."""
    lines = [
        ledger("refund", "T1", "2026-03-02", "500", contract="K1"),
        ledger("advance", "A1", "2026-02-01", "1000", contract="K1"),
        ledger("recognition", "S1", "2026-03-01", "800", contract="K1"),
        ledger("recognition", "S2", "2026-04-01", "100", contract="K1"),
    ]
    findings = validate_books(books(lines, contracts=[contract("K1")]), AS_OF)
    assert [(f.code, f.line) for f in findings] == [("advance_negative", lines[0].line)]
    assert "falls to -300.00 on 2026-03-02" in findings[0].message


def test_tax_id_invalid():
    findings = validate_books(books(customers=("C1", "C2", "C3"), tax_ids={"C1": "91350100M000100Y44", "C2": "91350100M000100Y43", "C3": "12345"}), AS_OF)
    assert [(f.code, f.file, f.column) for f in findings] == [("tax_id_invalid", "customers.csv", "tax_id")] * 2
    assert "91350100M000100Y44" in findings[0].message and "18" in findings[1].message


def test_future_records_are_warnings_and_ledger_lines_grouped_per_file():
    late = [ledger("invoice", "F1", "2026-12-01", "100"), ledger("invoice", "F2", "2026-12-02", "100")]
    on_time = ledger("invoice", "F3", "2026-11-30", "100")
    entry = CollectionEntry(date="2026-12-01", customer="C1", action="phone", source=Source("collections.csv", 2))
    findings = validate_books(books([*late, on_time], contracts=[contract("K1", signed_on="2027-01-01")], collections=[entry]), AS_OF)
    assert [(f.severity, f.code, f.file, f.line, f.column) for f in findings] == [
        (Severity.WARNING, "future_record", "ledger.csv", late[0].line, "date"),
        (Severity.WARNING, "future_record", "contracts.csv", 2, "signed_on"),
        (Severity.WARNING, "future_record", "collections.csv", 2, "date"),
    ]
    assert findings[0].message.startswith("2 ledger lines dated after 2026-11-30")



def test_receipt_exceeds_invoice_is_a_warning_at_the_line_that_overflows():
    """F1 1000: R1 600 (10-01) leaves 400; CN1 300 (10-02) leaves 100; R2 600 (10-03) finds only
    100 left → warning, excess 500. R3 names F2 (300) and pays 300: exactly enough, no warning."""
    lines = [
        ledger("invoice", "F1", "2026-09-01", "1000"),
        ledger("invoice", "F2", "2026-09-02", "300"),
        ledger("receipt", "R2", "2026-10-03", "600", applies_to="F1"),
        ledger("receipt", "R1", "2026-10-01", "600", applies_to="F1"),
        ledger("credit_note", "CN1", "2026-10-02", "300", applies_to="F1"),
        ledger("receipt", "R3", "2026-10-04", "300", applies_to="F2"),
    ]
    findings = validate_books(books(lines), AS_OF)
    assert [(f.severity, f.code, f.line, f.column) for f in findings] == [(Severity.WARNING, "receipt_exceeds_invoice", lines[2].line, "amount")]
    assert findings[0].message == "receipt R2 applies 600.00 to invoice F1, which had 100.00 left; the excess 500.00 settles the customer's oldest open invoices"
