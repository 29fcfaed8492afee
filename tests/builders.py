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


def write_books(root, files: dict[str, str]):
    """A books directory from literal file texts (``{"books.yaml": "company: 甲\\n", …}``)."""
    from pathlib import Path
    from textwrap import dedent

    root = Path(root)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text).lstrip(), encoding="utf-8")
    return root


def invoke(*args: str):
    """Run the real ``zhangkuan`` app in-process; returns click's Result (exit_code, stdout, stderr)."""
    from typer.testing import CliRunner

    from zhangkuan.cli.main import app

    return CliRunner().invoke(app, [str(arg) for arg in args], catch_exceptions=False)
