"""``zhangkuan aging``: who owes how much, and for how long (SPEC §5.1)."""

from __future__ import annotations

from enum import StrEnum
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
    bad_parameter,
    load_books_or_exit,
    pick_format,
    resolve_as_of,
    user_errors,
)


class Basis(StrEnum):
    DUE_DATE = "due_date"
    INVOICE_DATE = "invoice_date"


def aging(
    books: BooksOption = Path("."),
    as_of: AsOfOption = None,
    basis: Annotated[Basis | None, typer.Option("--basis", help="Age by days past due (due_date) or since the invoice (invoice_date). Default: books.yaml.")] = None,
    buckets: Annotated[str | None, typer.Option("--buckets", metavar="BOUNDS", help="Bucket upper bounds: days or calendar months/years, e.g. 30,60,90,1y. Default: books.yaml.")] = None,
    detail: Annotated[bool, typer.Option("--detail", help="Also list every open invoice with its age, bucket and limitation expiry (诉讼时效).")] = False,
    include_all: Annotated[bool, typer.Option("--all", help="Include customers whose balance is zero.")] = False,
    customer: Annotated[list[str] | None, typer.Option("--customer", "-c", help="Only this customer (repeatable).")] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.EN,
    strict: StrictOption = False,
) -> None:
    """Receivable aging (账龄分析) per customer, or per invoice with --detail.

    Receipts and credit notes without applies_to settle the oldest invoices first; what is
    left is shown as unapplied (negative) and counted in the total, never aged.

    [bold]Examples[/bold]

      zhangkuan aging --books examples/shanghai-trading --as-of 2026-11-30

      zhangkuan aging --basis invoice_date --buckets 6m,1y,2y,3y --lang zh

      zhangkuan aging --detail --customer C003 --format json
    """
    from zhangkuan.core.aging import age_receivables
    from zhangkuan.core.receivables import settle_receivables
    from zhangkuan.model.config import parse_bounds
    from zhangkuan.model.enums import AgingBasis
    from zhangkuan.render.aging import aging_payload, aging_tables
    from zhangkuan.render.output import emit

    as_of_date = resolve_as_of(as_of, lang=lang)
    chosen = pick_format(fmt, output, lang)
    try:
        bounds = parse_bounds(buckets) if buckets is not None else None
    except ValueError as exc:
        raise bad_parameter(exc, "--buckets", lang) from None
    with user_errors(books, lang):
        loaded = load_books_or_exit(books, as_of_date, lang, strict=strict)
        receivables = settle_receivables(loaded.ledger, as_of_date, history=False)
        expiry = None
        if detail:  # each overdue invoice's 诉讼时效 expiry (SPEC §5.5)
            from zhangkuan.core.limitation import limitation_clocks

            collection = loaded.config.collection
            clocks = limitation_clocks(receivables, loaded.collections, as_of=as_of_date, years=collection.limitation_years, warning_days=collection.limitation_warning_days)
            expiry = {doc: clock.expires for doc, clock in clocks.items()}
        report = age_receivables(
            receivables,
            {customer_id: record.name for customer_id, record in loaded.customers.items()},
            as_of=as_of_date,
            basis=AgingBasis(basis.value) if basis else loaded.config.aging.basis,
            bounds=bounds or loaded.config.aging.buckets,
            currency=loaded.currency,
            include_zero=include_all,
            detail=detail,
            customers=customer or None,
            limitation_expiry=expiry,
        )
        tables = aging_tables(report, lang, detail=detail)
        if chosen == "csv" and detail:
            tables = tables[1:]  # one table per CSV file: the invoice rows carry the detail asked for
        emit(chosen, output, payload=lambda: aging_payload(report, detail=detail), tables=tables, lang=lang)


def register(app: typer.Typer) -> None:
    app.command("aging")(aging)
