"""``zhangkuan collect tasks`` and ``collect log``: who to chase today, and what was done (SPEC §5.5)."""

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
    from collections.abc import Mapping
    from datetime import date

    from zhangkuan.core.collections import CollectionPlan
    from zhangkuan.core.receivables import CustomerReceivable
    from zhangkuan.model.books import Books
    from zhangkuan.model.findings import Finding

collect_app = typer.Typer(
    name="collect",
    help="Collection (催收): the task list for a day, and the log of what was done.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _plan(loaded: Books, as_of_date: date, receivables: Mapping[str, CustomerReceivable] | None = None) -> CollectionPlan:
    from zhangkuan.core.collections import plan_collections
    from zhangkuan.core.receivables import settle_receivables

    return plan_collections(
        receivables if receivables is not None else settle_receivables(loaded.ledger, as_of_date),
        loaded.customers,
        loaded.collections,
        loaded.config.collection,
        as_of=as_of_date,
        currency=loaded.currency,
    )


@collect_app.command("tasks")
def tasks(
    books: BooksOption = Path("."),
    as_of: AsOfOption = None,
    detail: Annotated[bool, typer.Option("--detail", help="Also list each overdue invoice with its limitation expiry, and the customers on hold.")] = False,
    customer: Annotated[list[str] | None, typer.Option("--customer", "-c", help="Only this customer (repeatable).")] = None,
    collector: Annotated[str | None, typer.Option("--collector", help="Only the tasks of this collector.")] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.EN,
    strict: StrictOption = False,
) -> None:
    """Collection tasks for the as-of date: one per customer with overdue debt.

    Level from the oldest overdue invoice on the ladder of books.yaml (1 email … 5 lawyer's
    letter); an open promise to pay becomes a follow-up on the promised date, a broken one
    escalates a level; a customer acted on at that level within cooldown_days gets no task.
    Limitation periods (诉讼时效) about to expire come first.

    [bold]Examples[/bold]

      zhangkuan collect tasks --books examples/shanghai-trading --as-of 2026-11-30

      zhangkuan collect tasks --detail --format json -o tasks.json

      zhangkuan collect tasks --collector 王芳 --lang zh
    """
    from zhangkuan.render.collections import tasks_payload, tasks_tables
    from zhangkuan.render.labels import label
    from zhangkuan.render.output import emit

    as_of_date = resolve_as_of(as_of, lang=lang)
    chosen = pick_format(fmt, output, lang)
    with user_errors(books, lang):
        loaded = load_books_or_exit(books, as_of_date, lang, strict=strict)
        plan = _plan(loaded, as_of_date)
        if customer:
            wanted = set(customer)
            plan.tasks = [task for task in plan.tasks if task.customer in wanted]
            plan.held = [held for held in plan.held if held.customer in wanted]
        if collector is not None:
            plan.tasks = [task for task in plan.tasks if task.collector == collector]
            plan.held = [held for held in plan.held if held.collector == collector]
        tables = tasks_tables(plan, lang, detail=detail)
        if chosen == "csv" and detail:
            tables = tables[1:2]  # one table per CSV file: the invoice rows carry the detail asked for
        emit(chosen, output, payload=lambda: tasks_payload(plan, detail=detail), tables=tables, lang=lang)
        if not plan.tasks and chosen == "table" and output is None:
            say(label("no_tasks", lang))


@collect_app.command("log")
def log(
    customer: Annotated[str, typer.Option("--customer", "-c", help="The customer acted on (its id).")],
    action: Annotated[str, typer.Option("--action", "-a", help="email, sms, phone, letter, visit, lawyer_letter, agency or lawsuit (or 邮件, 电话, 催款函, 上门, 律师函, 委外, 诉讼).")],
    doc: Annotated[str | None, typer.Option("--doc", help="The invoice(s) concerned, separated by ';'. Default: all the customer's debts.")] = None,
    outcome: Annotated[str | None, typer.Option("--outcome", help="What came of it, in a few words.")] = None,
    promised_date: Annotated[str | None, typer.Option("--promised-date", metavar="DATE", help="The customer promised to pay by this day.")] = None,
    promised_amount: Annotated[str | None, typer.Option("--promised-amount", metavar="AMOUNT", help="The amount promised (default: what is overdue).")] = None,
    written_demand: Annotated[bool, typer.Option("--written-demand", help="A written demand reached the debtor (signed for, or provably delivered): restarts the limitation period.")] = False,
    acknowledged: Annotated[bool, typer.Option("--acknowledged", help="The debtor acknowledged the debt: restarts the limitation period.")] = False,
    by: Annotated[str | None, typer.Option("--by", help="Who acted.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Anything else worth keeping.")] = None,
    on: Annotated[str | None, typer.Option("--date", metavar="DATE", help="The day of the action. Default: the as-of date.")] = None,
    books: BooksOption = Path("."),
    as_of: AsOfOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.EN,
    strict: StrictOption = False,
) -> None:
    """Append one entry to the collection log, then show the customer's debts and next task.

    The entry goes to collections.csv (or the collections.yaml the books keep).

    The entry is checked like every record (dates, amounts, a known customer, invoices of that
    customer) and appended atomically: the file is rewritten in full to a temporary file and
    renamed, keeping its encoding, header and line endings.

    [bold]Examples[/bold]

      zhangkuan collect log --customer C003 --action phone --outcome 承诺月底付款 --promised-date 2026-12-15 --promised-amount 20000

      zhangkuan collect log -c C007 -a letter --doc F2023-118 --written-demand --note "EMS 1234567890 签收"

      zhangkuan collect log -c C002 -a visit --acknowledged --by 王芳 --date 2026-11-28
    """
    from pydantic import ValidationError

    from zhangkuan.core.collections import check_new_entry, open_invoices
    from zhangkuan.core.receivables import settle_receivables
    from zhangkuan.io.atomic import append_records, appendable_records_file
    from zhangkuan.model.findings import BooksError
    from zhangkuan.model.records import CollectionEntry
    from zhangkuan.model.values import parse_date
    from zhangkuan.render.collections import customer_view_payload, customer_view_tables
    from zhangkuan.render.labels import label
    from zhangkuan.render.output import emit

    as_of_date = resolve_as_of(as_of, lang=lang)
    chosen = pick_format(fmt, output, lang)
    try:
        entry_date = parse_date(on) if on is not None else as_of_date
    except ValueError as exc:
        raise bad_parameter(exc, "--date", lang) from None
    with user_errors(books, lang):
        loaded = load_books_or_exit(books, as_of_date, lang, strict=strict)
        fields = {
            "date": entry_date,
            "customer": customer,
            "doc": doc or "",
            "action": action,
            "outcome": outcome or "",
            "promised_amount": promised_amount,
            "promised_date": promised_date,
            "written_demand": written_demand,
            "acknowledged": acknowledged,
            "by": by or "",
            "note": note or "",
        }
        try:
            entry = CollectionEntry.model_validate({k: v for k, v in fields.items() if v is not None}, context={"currency": loaded.currency})
        except ValidationError as exc:
            raise BooksError([_option_problem(item) for item in exc.errors()]) from None
        problems = check_new_entry(entry, loaded.customers, loaded.ledger, as_of=as_of_date)
        if problems:
            raise BooksError(problems)
        target = appendable_records_file(books, "collections")
        append_records(target, [_log_record(entry)], "collections")
        say(label("log_appended", lang, action=label(entry.action.value, lang), customer=entry.customer, date=entry.date.isoformat(), file=str(target)), style="green")

        loaded.collections.append(entry)
        receivables = settle_receivables(loaded.ledger, as_of_date)
        plan = _plan(loaded, as_of_date, receivables)
        debts = open_invoices(receivables.get(entry.customer), loaded.collections, loaded.config.collection, as_of=as_of_date)
        record = loaded.customers.get(entry.customer)
        tables, note_text = customer_view_tables(plan, entry.customer, record.name if record else "", debts, lang)
        payload = {"entry": _log_record(entry, currency=loaded.currency), "file": target.name, **customer_view_payload(plan, entry.customer, debts)}
        emit(chosen, output, payload=lambda: payload, tables=tables, lang=lang)
        if note_text:
            say(note_text)


def _option_problem(item: Mapping[str, object]) -> Finding:
    """A bad option value (pydantic error item) as a finding that names the option."""
    from zhangkuan.model.findings import error
    from zhangkuan.model.problems import validation_texts

    message, message_zh = validation_texts(item)
    option = f"--{str(item['loc'][0]).replace('_', '-')}" if item["loc"] else ""
    return error("bad_value", message, column=option, zh=message_zh)


def _log_record(entry, *, currency: str | None = None) -> dict[str, object]:
    """The entry as field → cell value (blank flags stay blank, so a file without those columns
    still takes it); with ``currency``, as JSON (ISO dates, amounts as strings, true/false)."""
    record: dict[str, object] = {
        "date": entry.date,
        "customer": entry.customer,
        "doc": entry.doc,
        "action": entry.action.value,
        "outcome": entry.outcome,
        "promised_amount": entry.promised_amount,
        "promised_date": entry.promised_date,
        "written_demand": True if entry.written_demand else "",
        "acknowledged": True if entry.acknowledged else "",
        "by": entry.by,
        "note": entry.note,
    }
    if currency is not None:
        from zhangkuan.core.money import format_amount

        record.update(
            date=entry.date.isoformat(),
            promised_amount=format_amount(entry.promised_amount, currency) if entry.promised_amount is not None else None,
            promised_date=entry.promised_date.isoformat() if entry.promised_date else None,
            written_demand=entry.written_demand,
            acknowledged=entry.acknowledged,
        )
    return record


def register(app: typer.Typer) -> None:
    app.add_typer(collect_app, name="collect")
