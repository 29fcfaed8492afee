"""``zhangkuan kpi``: overdue rate, DSO, collection effectiveness and cash collected (SPEC §5.6)."""

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
    bad_parameter,
    load_books_or_exit,
    pick_format,
    resolve_as_of,
    user_errors,
)


def kpi(
    books: BooksOption = Path("."),
    as_of: AsOfOption = None,
    period: Annotated[str | None, typer.Option("--period", metavar="YYYY-MM", help="A calendar month, e.g. 2026-11.")] = None,
    start: Annotated[str | None, typer.Option("--from", metavar="DATE", help="First day of the period (with --to).")] = None,
    end: Annotated[str | None, typer.Option("--to", metavar="DATE", help="Last day of the period. Default with --from: the as-of date.")] = None,
    target: Annotated[str | None, typer.Option("--target", metavar="AMOUNT", help="Collection target for the period, to compare the cash collected with.")] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.EN,
    strict: StrictOption = False,
) -> None:
    """Receivable KPIs for a period: overdue rate, DSO, CEI and cash collected.

    Overdue rate and DSO at the period's last day; the collection effectiveness index (CEI)
    and the amount collected over the period, and against --target when given.

    The period is --period YYYY-MM, or --from DATE [--to DATE]; without either, the month of
    the as-of date up to the as-of date. Balances are taken at the period's last day.

    [bold]Examples[/bold]

      zhangkuan kpi --books examples/shanghai-trading --period 2026-11

      zhangkuan kpi --from 2026-10-01 --to 2026-12-31 --format json

      zhangkuan kpi --period 2026-11 --target 500000 --lang zh
    """
    from zhangkuan.core.kpi import kpi_report
    from zhangkuan.render.kpi import kpi_payload, kpi_tables
    from zhangkuan.render.output import emit

    first, last = _period(period, start, end, as_of, lang)
    chosen = pick_format(fmt, output, lang)
    target_amount = None
    with user_errors(books, lang):
        loaded = load_books_or_exit(books, last, lang, strict=strict)
        if target is not None:
            from zhangkuan.model.values import parse_amount

            try:
                target_amount = parse_amount(target, loaded.currency)
            except ValueError as exc:
                raise bad_parameter(exc, "--target", lang) from None
        report = kpi_report(loaded.ledger, start=first, end=last, currency=loaded.currency, target=target_amount)
        emit(chosen, output, payload=lambda: kpi_payload(report), tables=kpi_tables(report, lang), lang=lang)


def _period(period: str | None, start: str | None, end: str | None, as_of: str | None, lang: str = "en"):
    """The period's first and last day from --period, or --from/--to, or the as-of month."""
    import calendar
    import re
    from datetime import date

    from zhangkuan.model.values import parse_date
    from zhangkuan.render.labels import label

    if period is not None:
        if start is not None or end is not None:
            raise typer.BadParameter(label("period_both", lang), param_hint="--period")
        match = re.fullmatch(r"\s*(\d{4})\s*[-/年]\s*(\d{1,2})\s*月?\s*", period)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise typer.BadParameter(label("period_not_month", lang, period=period), param_hint="--period")
        year, month = int(match.group(1)), int(match.group(2))
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if end is not None and start is None:
        raise typer.BadParameter(label("period_to_needs_from", lang), param_hint="--to")
    as_of_date = resolve_as_of(as_of, lang=lang)
    if start is None:
        return as_of_date.replace(day=1), as_of_date
    try:
        first = parse_date(start)
    except ValueError as exc:
        raise bad_parameter(exc, "--from", lang) from None
    try:
        last = parse_date(end) if end is not None else as_of_date
    except ValueError as exc:
        raise bad_parameter(exc, "--to", lang) from None
    if first > last:
        raise typer.BadParameter(label("period_reversed", lang, first=first, last=last), param_hint="--from")
    return first, last


def register(app: typer.Typer) -> None:
    app.command("kpi")(kpi)
