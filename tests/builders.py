"""Test builders: literal ledger lines without ceremony."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zhangkuan.model.enums import LedgerKind
from zhangkuan.model.records import LedgerLine


def line(kind: str, doc: str, on: str, amount: str, customer: str = "C1", *, due: str | None = None, applies_to: str = "", contract: str = "") -> LedgerLine:
    """A ledger line from strings: ``line("invoice", "F1", "2026-09-01", "1000", due="2026-10-01")``."""
    return LedgerLine(
        date=date.fromisoformat(on),
        kind=LedgerKind(kind),
        doc=doc,
        customer=customer,
        amount=Decimal(amount),
        contract=contract,
        due=date.fromisoformat(due) if due else (date.fromisoformat(on) if kind == "invoice" else None),
        applies_to=applies_to,
    )
