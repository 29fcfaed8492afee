"""The Ledger: lines in file order and the same lines grouped by customer."""

from __future__ import annotations

import pytest

from tests.builders import line
from zhangkuan.model.books import Books, Ledger
from zhangkuan.model.config import BooksConfig


def test_lines_keep_file_order_and_each_customer_keeps_its_own_in_file_order():
    f1, r1, f2, r2 = (
        line("invoice", "F1", "2026-09-01", "100", customer="C2"),
        line("receipt", "R1", "2026-09-02", "40", customer="C1"),
        line("invoice", "F2", "2026-08-01", "70", customer="C1"),
        line("receipt", "R2", "2026-09-03", "60", customer="C2"),
    )
    ledger = Ledger([f1, r1, f2, r2])
    assert list(ledger) == [f1, r1, f2, r2] and len(ledger) == 4 and ledger[2] is f2
    assert list(ledger.by_customer) == ["C2", "C1"]  # first appearance
    assert ledger.by_customer == {"C2": [f1, r2], "C1": [r1, f2]}


def test_books_turn_a_plain_list_into_a_ledger_and_the_ledger_cannot_be_appended_to():
    books = Books(BooksConfig(company="甲"), ledger=[line("invoice", "F1", "2026-09-01", "100")])
    assert isinstance(books.ledger, Ledger) and list(books.ledger.by_customer) == ["C1"]
    with pytest.raises(AttributeError):
        books.ledger.append(line("invoice", "F2", "2026-09-01", "100"))  # type: ignore[attr-defined]
