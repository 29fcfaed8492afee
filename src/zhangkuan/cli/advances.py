"""``zhangkuan advances``: each contract's advance receipts as of a date (SPEC §3)."""

from __future__ import annotations

from pathlib import Path

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
    user_errors,
)


def advances(
    books: BooksOption = Path("."),
    as_of: AsOfOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.EN,
    strict: StrictOption = False,
) -> None:
    """Advance receipts (预收款) per contract: received, recognised, refunded, open.

    Open = received − recognised − refunded, from the ledger's advance, recognition and
    refund lines dated on or before --as-of; a total row closes the table.

    [bold]Examples[/bold]

      zhangkuan advances --books examples/shanghai-trading --as-of 2026-11-30

      zhangkuan advances --format json --lang zh
    """
    from zhangkuan.core.advances import advance_balances
    from zhangkuan.render.output import emit
    from zhangkuan.render.refunds import advances_payload, advances_tables

    as_of_date = resolve_as_of(as_of, lang=lang)
    chosen = pick_format(fmt, output, lang)
    with user_errors(books, lang):
        loaded = load_books_or_exit(books, as_of_date, lang, strict=strict)
        balances = list(advance_balances(loaded.ledger, as_of_date).values())
        names = {customer_id: record.name for customer_id, record in loaded.customers.items()}
        day = as_of_date.isoformat()
        emit(
            chosen,
            output,
            payload=lambda: advances_payload(balances, names, day, loaded.currency),
            tables=advances_tables(balances, names, day, loaded.currency, lang),
            lang=lang,
        )


def register(app: typer.Typer) -> None:
    app.command("advances")(advances)
