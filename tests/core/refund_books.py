"""Literal books for the refund tests: one contract's terms, its ledger, its requests."""

from __future__ import annotations

from datetime import date

from tests.builders import line
from zhangkuan.model.books import Books
from zhangkuan.model.config import BooksConfig
from zhangkuan.model.records import Contract, RefundRequest


def contract(id: str = "H1", customer: str = "C1", amount: str = "100000", **terms: object) -> Contract:
    """A contract signed 2026-01-01; ``terms`` are its columns as a user writes them."""
    return Contract.model_validate({"id": id, "customer": customer, "signed_on": "2026-01-01", "amount": amount, **terms}, context={"currency": "CNY"})


def request(id: str, on: str, amount: str, reason: str = "demand_change", contract: str = "H1", customer: str = "C1", **fields: object) -> RefundRequest:
    """A refund request approved at level 3 unless ``approval_level`` says otherwise."""
    data = {"id": id, "contract": contract, "customer": customer, "requested_on": on, "amount": amount, "reason": reason, "approval_level": 3, **fields}
    return RefundRequest.model_validate(data, context={"currency": "CNY"})


def advance(doc: str, on: str, amount: str, contract: str = "H1", customer: str = "C1"):
    return line("advance", doc, on, amount, customer, contract=contract)


def recognition(doc: str, on: str, amount: str, contract: str = "H1", customer: str = "C1"):
    return line("recognition", doc, on, amount, customer, contract=contract)


def refund(doc: str, on: str, amount: str, contract: str = "H1", customer: str = "C1"):
    return line("refund", doc, on, amount, customer, contract=contract)


def books(contracts=(), ledger=(), requests=(), **config: object) -> Books:
    """Books of 甲公司 with ``config`` as books.yaml keys (``refunds={"fee_rate": "5%"}``)."""
    return Books(
        config=BooksConfig.model_validate({"company": "甲公司", **config}),
        contracts={record.id: record for record in contracts},
        ledger=list(ledger),
        refunds=list(requests),
    )


def d(text: str) -> date:
    return date.fromisoformat(text)
