"""Atomic writes and appends: the old file or the new one, never half; the file's own habits kept."""

from __future__ import annotations

import os
import stat
from datetime import date
from decimal import Decimal

import pytest

from tests.io.files import books_dir, write
from zhangkuan.io.atomic import append_records, appendable_records_file, neutralise_cell, write_atomic
from zhangkuan.model.findings import BooksError
from zhangkuan.io.loader import load_books
from zhangkuan.model.enums import CollectionAction, LedgerKind
from zhangkuan.model.findings import BooksError


def test_write_atomic_replaces_and_keeps_permissions(tmp_path):
    path = write(tmp_path, "report.csv", "old")
    os.chmod(path, 0o640)
    write_atomic(path, "新内容")
    assert path.read_text(encoding="utf-8") == "新内容"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


def test_failed_rename_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = write(tmp_path, "ledger.csv", "old bytes")

    def refuse(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, b"new bytes")
    assert path.read_bytes() == b"old bytes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.csv"]


@pytest.mark.parametrize("text, expected", [("=SUM(A1)", "'=SUM(A1)"), ("+86", "'+86"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("货款", "货款"), ("", "")])
def test_neutralise_cell(text, expected):
    assert neutralise_cell(text) == expected


def test_csv_append_keeps_bom_crlf_header_order_and_chinese_headers(tmp_path):
    original = "\ufeff日期,类型,单据号,客户,金额,摘要,合同\r\n2026-11-01,invoice,F1,C1,100.00,货款,\r\n"
    path = write(tmp_path, "ledger.csv", original)
    record = {"date": date(2026, 11, 30), "kind": LedgerKind.REFUND, "doc": "R1", "customer": "C1", "contract": "K1", "amount": Decimal("50.00"), "memo": "=退款"}
    append_records(path, [record], "ledger")
    data = path.read_bytes()
    assert data.startswith(original.encode("utf-8"))  # the original bytes are a prefix, BOM included
    assert data[len(original.encode("utf-8")) :] == "2026-11-30,refund,R1,C1,50.00,'=退款,K1\r\n".encode("utf-8")


def test_csv_append_keeps_gb18030_and_adds_the_missing_final_newline(tmp_path):
    original = "日期,客户,催收方式,备注\n2026-11-01,C1,电话,已联系"
    path = write(tmp_path, "collections.csv", original, "gb18030")
    append_records(path, [{"date": date(2026, 11, 2), "customer": "C1", "action": CollectionAction.LETTER, "note": "寄出催款函", "written_demand": None}], "collections")
    assert path.read_bytes() == (original + "\n2026-11-02,C1,letter,寄出催款函\n").encode("gb18030")
    books_dir(tmp_path, {})
    books, findings = load_books(tmp_path)
    assert findings == [] and [entry.note for entry in books.collections] == ["已联系", "寄出催款函"]


def test_csv_append_refuses_a_value_the_file_has_no_column_for(tmp_path):
    path = write(tmp_path, "ledger.csv", "date,kind,doc,customer,amount\n")
    with pytest.raises(BooksError) as raised:
        append_records(path, [{"date": "2026-11-01", "kind": "refund", "doc": "R1", "customer": "C1", "amount": "1.00", "contract": "K1"}], "ledger")
    assert raised.value.findings[0].code == "missing_column" and raised.value.findings[0].column == "contract"
    assert path.read_text() == "date,kind,doc,customer,amount\n"


def test_csv_append_creates_a_missing_file_with_bom_and_english_headers(tmp_path):
    path = tmp_path / "collections.csv"
    append_records(path, [{"date": date(2026, 11, 2), "customer": "C1", "action": "phone"}], "collections")
    assert path.read_bytes() == "\ufeffdate,customer,action\r\n2026-11-02,C1,phone\r\n".encode("utf-8")


def test_yaml_append_keeps_every_original_byte_and_reads_back(tmp_path):
    original = "# 收款与发票\n- {date: 2026-11-01, kind: invoice, doc: F1, customer: C1, amount: 100}\n"
    path = write(tmp_path, "ledger.yaml", original)
    append_records(path, [{"date": date(2026, 11, 30), "kind": LedgerKind.REFUND, "doc": "007", "customer": "C1", "amount": Decimal("0.10"), "memo": ""}], "ledger")
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original)
    books_dir(tmp_path, {})
    books, findings = load_books(tmp_path)
    assert findings == []
    assert [(line.kind, line.doc, line.amount) for line in books.ledger] == [(LedgerKind.INVOICE, "F1", Decimal("100.00")), (LedgerKind.REFUND, "007", Decimal("0.10"))]


def test_yaml_append_to_an_empty_flow_list(tmp_path):
    path = write(tmp_path, "collections.yaml", "# 催收记录\n[]\n")
    append_records(path, [{"date": date(2026, 11, 2), "customer": "C1", "action": "phone", "acknowledged": True}], "collections")
    assert path.read_text(encoding="utf-8") == "# 催收记录\n\n- date: 2026-11-02\n  customer: C1\n  action: phone\n  acknowledged: true\n"


def test_appendable_records_file_prefers_the_existing_csv_or_yaml_and_refuses_xlsx(tmp_path):
    assert appendable_records_file(tmp_path, "collections") == tmp_path / "collections.csv"  # none yet: a new CSV
    (tmp_path / "collections.yaml").write_text("[]\n", encoding="utf-8")
    assert appendable_records_file(tmp_path, "collections") == tmp_path / "collections.yaml"
    (tmp_path / "ledger.xlsx").write_bytes(b"PK")
    with pytest.raises(BooksError) as refused:
        appendable_records_file(tmp_path, "ledger")
    finding = refused.value.findings[0]
    assert (finding.code, finding.file) == ("cannot_append", "ledger.xlsx")
    assert "ledger.csv" in finding.hint


def test_a_failed_write_names_the_target_not_the_temporary_file(tmp_path):
    missing = tmp_path / "no-such-dir" / "aging.json"
    with pytest.raises(FileNotFoundError) as failed:
        write_atomic(missing, b"{}")
    assert failed.value.filename == str(missing)
