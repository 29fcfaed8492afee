"""``zhangkuan refund assess|post``: decide refund requests, then book the approved ones (SPEC §5.3)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
    say,
    user_errors,
)

if TYPE_CHECKING:
    from datetime import date

    from zhangkuan.core.refunds import RefundAssessment
    from zhangkuan.model.books import Books
    from zhangkuan.model.records import LedgerLine

refund_app = typer.Typer(
    name="refund",
    help="Advance-receipt refunds (预收账款退回): assess requests, post the approved ones.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _assess(loaded: Books, as_of_date: date, request_ids: list[str] | None, lang: str = "en") -> RefundAssessment:
    """The assessment; a named request that does not exist (yet) is a usage error."""
    from zhangkuan.core.refunds import UnknownRequests, assess_refunds

    try:
        return assess_refunds(loaded, as_of_date, request_ids or None)
    except UnknownRequests as exc:
        raise bad_parameter(exc, "REQUEST_ID", lang) from None


@refund_app.command("assess")
def assess(
    request_ids: Annotated[list[str] | None, typer.Argument(metavar="[REQUEST_ID]...", help="Only these requests (earlier ones still take their share of the balance first).")] = None,
    books: BooksOption = Path("."),
    as_of: AsOfOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.EN,
    strict: StrictOption = False,
) -> None:
    """Decide every refund request (or those named): eligible, partial, rejected or posted.

    Requests are taken in requested_on order, so earlier eligible ones reduce the balance left
    for later ones. Each decision gives the refundable amount, how it splits into cash refund,
    retained fee or earnest and extra compensation, the approval level the cash refund needs,
    and every reason with the numbers behind it.

    [bold]Examples[/bold]

      zhangkuan refund assess --books examples/shanghai-trading --as-of 2026-11-30

      zhangkuan refund assess TK2026-003 --format json --lang zh
    """
    from zhangkuan.render.output import emit
    from zhangkuan.render.refunds import refunds_payload, refunds_tables

    as_of_date = resolve_as_of(as_of, lang=lang)
    chosen = pick_format(fmt, output, lang)
    with user_errors(books, lang):
        loaded = load_books_or_exit(books, as_of_date, lang, strict=strict)
        assessment = _assess(loaded, as_of_date, request_ids, lang)
        tables = refunds_tables(assessment, lang, messages_inline=chosen == "csv")
        emit(chosen, output, payload=lambda: refunds_payload(assessment, lang), tables=tables, lang=lang)


@refund_app.command("post")
def post(
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help="Show the vouchers that would be posted; write nothing.")] = False,
    books: BooksOption = Path("."),
    as_of: AsOfOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.EN,
    strict: StrictOption = False,
) -> None:
    """Book each eligible, approved, not yet posted refund on the as-of date.

    Appends a refund line to the ledger (doc = the request id, amount = the advance released)
    and its voucher to journal.csv: 借 合同负债/预收账款, [借 营业外支出 for a doubled
    earnest], 贷 银行存款, [贷 营业外收入 for what is retained]. The ledger line goes to
    ledger/refunds.csv when the ledger is a ledger/ folder, else to the ledger file.
    Both files change or neither; running it again posts nothing new.

    [bold]Examples[/bold]

      zhangkuan refund post --books examples/shanghai-trading --as-of 2026-11-30 --dry-run

      zhangkuan refund post --as-of 2026-11-30 --format json
    """
    from zhangkuan.core.refund_posting import BackdatedPosting, postable, refund_line, refund_voucher
    from zhangkuan.io.posting import JOURNAL_FILE, ledger_target, write_posting
    from zhangkuan.model.findings import BooksError
    from zhangkuan.render.labels import label
    from zhangkuan.render.output import emit
    from zhangkuan.render.refunds import vouchers_payload, vouchers_table

    as_of_date = resolve_as_of(as_of, lang=lang)
    chosen = pick_format(fmt, output, lang)
    with user_errors(books, lang):
        loaded = load_books_or_exit(books, as_of_date, lang, strict=strict)
        try:
            decisions = postable(_assess(loaded, as_of_date, None, lang), loaded.ledger)
        except BackdatedPosting as exc:
            raise BooksError.single(
                "backdated_posting", str(exc), hint="refunds are booked in date order; post as of the last refund's day or later",
                zh=exc.zh, hint_zh="退款按日期顺序入账；截止日应不早于最近一笔退款的日期",
            ) from None
        vouchers = [refund_voucher(decision, loaded.config, as_of_date) for decision in decisions]
        requests = ", ".join(decision.request.id for decision in decisions)
        if not decisions:
            note, style = label("refunds_nothing_to_post", lang), ""
        elif dry_run:
            note, style = label("refunds_dry_run", lang, count=len(decisions), requests=requests), "yellow"
        else:
            ledger = ledger_target(books)
            lines = [_ledger_record(refund_line(decision, as_of_date, loaded.currency)) for decision in decisions]
            write_posting(books / JOURNAL_FILE, vouchers, loaded.currency, ledger, lines)
            where = ledger.relative_to(books).as_posix()
            note, style = label("refunds_posted", lang, count=len(decisions), requests=requests, journal=JOURNAL_FILE, ledger=where), "green"
        emit(chosen, output, payload=lambda: vouchers_payload(vouchers, loaded.currency), tables=vouchers_table(vouchers, as_of_date.isoformat(), loaded.currency, lang), lang=lang)
        say(note, style=style)


def _ledger_record(line: LedgerLine) -> dict[str, object]:
    """A ledger line as the field → value mapping the ledger file appends."""
    return {
        "date": line.date,
        "kind": line.kind.value,
        "doc": line.doc,
        "customer": line.customer,
        "contract": line.contract,
        "amount": line.amount,
        "memo": line.memo,
    }


def register(app: typer.Typer) -> None:
    app.add_typer(refund_app, name="refund")
