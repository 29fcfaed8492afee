"""``zhangkuan credit``: a credit grade per customer, the inputs behind it, limit breaches (SPEC §5.4)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zhangkuan.cli.common import (
    AsOfOption,
    BooksOption,
    FormatOption,
    Lang,
    LangOption,
    OutputOption,
    StrictOption,
    load_books_or_exit,
    pick_format,
    resolve_as_of,
    say,
    user_errors,
)


def credit(
    books: BooksOption = Path("."),
    as_of: AsOfOption = None,
    customer: Annotated[list[str] | None, typer.Option("--customer", "-c", help="Only this customer (repeatable).")] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.EN,
    strict: StrictOption = False,
) -> None:
    """Credit grade A–D per customer (信用评估) with the inputs that decided it.

    Inputs: share of invoices paid on time, amount-weighted days late, overdue share of what is
    open, credit-limit usage and the oldest overdue invoice; thresholds in books.yaml (credit:).
    A: keep terms; B: watch; C: shorten terms or lower the limit; D: stop credit, prepayment only.
    Customers over their credit limit are flagged (and counted on stderr).

    [bold]Examples[/bold]

      zhangkuan credit --books examples/shanghai-trading --as-of 2026-11-30

      zhangkuan credit --customer C003 --format json

      zhangkuan credit --lang zh -o credit.xlsx
    """
    from zhangkuan.core.credit import assess_credit
    from zhangkuan.core.receivables import settle_receivables
    from zhangkuan.render.credit import credit_payload, credit_tables
    from zhangkuan.render.labels import label
    from zhangkuan.render.output import emit

    as_of_date = resolve_as_of(as_of, lang=lang)
    chosen = pick_format(fmt, output, lang)
    with user_errors(books, lang):
        loaded = load_books_or_exit(books, as_of_date, lang, strict=strict)
        report = assess_credit(
            settle_receivables(loaded.ledger, as_of_date),
            loaded.customers,
            loaded.config.credit,
            as_of=as_of_date,
            currency=loaded.currency,
            only=customer or None,
        )
        emit(chosen, output, payload=lambda: credit_payload(report), tables=credit_tables(report, lang), lang=lang)
        if report.breaches:
            say(label("credit_breaches", lang, count=len(report.breaches)), style="yellow")


def register(app: typer.Typer) -> None:
    app.command("credit")(credit)
