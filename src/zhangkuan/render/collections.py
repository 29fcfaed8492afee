"""The collection task list as SPEC §4 JSON and as tables; the customer view of ``collect log``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zhangkuan.core.collections import CollectionPlan, CollectionTask, HeldCustomer, OpenInvoice, OverdueInvoice
from zhangkuan.core.money import format_amount
from zhangkuan.render.labels import LABELS, label
from zhangkuan.render.table import Column, Kind, Table


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def reason_text(reason: str, lang: str) -> str:
    """``limitation_expiring:F001`` → ``limitation expires: F001`` (or its Chinese)."""
    code, _, detail = reason.partition(":")
    key = f"reason:{code}"
    return label(key, lang, detail=detail) if key in LABELS else reason


def invoice_payload(invoice: OverdueInvoice | OpenInvoice, currency: str) -> dict[str, object]:
    """An invoice with its limitation clock (null until the invoice is overdue)."""
    clock = invoice.limitation
    return {
        "doc": invoice.doc,
        "date": invoice.date.isoformat(),
        "due": invoice.due.isoformat(),
        "days_overdue": invoice.days_overdue,
        "outstanding": format_amount(invoice.outstanding, currency),
        "limitation_expires": clock.expires.isoformat() if clock else None,
        "limitation_restarted_on": clock.restarted_on.isoformat() if clock else None,
        "limitation_restarted_by": clock.restarted_by.value if clock else None,
        "limitation_status": clock.status.value if clock else None,
    }


def task_payload(task: CollectionTask, currency: str, *, detail: bool = False) -> dict[str, object]:
    entry: dict[str, object] = {
        "id": task.id,
        "customer": task.customer,
        "name": task.name,
        "level": task.level,
        "action": task.action.value,
        "collector": task.collector,
        "due": task.due.isoformat(),
        "overdue_amount": format_amount(task.overdue_amount, currency),
        "max_days_overdue": task.max_days_overdue,
        "class": task.abc_class,
        "limitation_expires": _iso(task.limitation_expires),
        "priority": task.priority,
        "reasons": list(task.reasons),
    }
    if detail:
        entry["invoices"] = [invoice_payload(invoice, currency) for invoice in task.invoices]
    return entry


def held_payload(held: HeldCustomer, currency: str) -> dict[str, object]:
    return {
        "customer": held.customer,
        "name": held.name,
        "level": held.level,
        "action": held.action.value,
        "collector": held.collector,
        "last_action": held.last_action.isoformat(),
        "resumes_on": held.resumes_on.isoformat(),
        "overdue_amount": format_amount(held.overdue_amount, currency),
        "max_days_overdue": held.max_days_overdue,
        "class": held.abc_class,
        "limitation_expires": _iso(held.limitation_expires),
    }


def tasks_payload(plan: CollectionPlan, *, detail: bool = False) -> dict[str, object]:
    """``{"as_of", "tasks": [...]}`` (SPEC §4); ``--detail`` adds each task's ``invoices`` and the ``held`` customers."""
    payload: dict[str, object] = {
        "as_of": plan.as_of.isoformat(),
        "tasks": [task_payload(task, plan.currency, detail=detail) for task in plan.tasks],
    }
    if detail:
        payload["held"] = [held_payload(held, plan.currency) for held in plan.held]
    return payload


TASK_COLUMNS = [
    Column("priority", Kind.NUMBER), Column("task_id"), Column("customer"), Column("name"), Column("class"),
    Column("level", Kind.NUMBER), Column("action"), Column("collector"), Column("due", Kind.DATE),
    Column("overdue_amount", Kind.AMOUNT), Column("max_days_overdue", Kind.NUMBER),
    Column("limitation_expires", Kind.DATE), Column("reasons"),
]
INVOICE_COLUMNS = [
    Column("task_id"), Column("customer"), Column("doc"), Column("date", Kind.DATE), Column("due", Kind.DATE),
    Column("days_overdue", Kind.NUMBER), Column("outstanding", Kind.AMOUNT), Column("limitation_expires", Kind.DATE),
    Column("limitation_restarted_on", Kind.DATE), Column("limitation_restarted_by"), Column("limitation_status"),
]
HELD_COLUMNS = [
    Column("customer"), Column("name"), Column("class"), Column("level", Kind.NUMBER), Column("action"), Column("collector"),
    Column("last_action", Kind.DATE), Column("resumes_on", Kind.DATE), Column("overdue_amount", Kind.AMOUNT),
    Column("limitation_expires", Kind.DATE),
]


def task_row(task: CollectionTask, lang: str) -> dict[str, object]:
    return {
        "priority": task.priority, "task_id": task.id, "customer": task.customer, "name": task.name,
        "class": task.abc_class, "level": task.level, "action": label(task.action.value, lang), "collector": task.collector,
        "due": task.due, "overdue_amount": task.overdue_amount, "max_days_overdue": task.max_days_overdue,
        "limitation_expires": task.limitation_expires, "reasons": "; ".join(reason_text(r, lang) for r in task.reasons),
    }


def invoice_row(invoice: OverdueInvoice, lang: str, *, task: str, customer: str) -> dict[str, object]:
    clock = invoice.limitation
    return {
        "task_id": task, "customer": customer, "doc": invoice.doc, "date": invoice.date, "due": invoice.due,
        "days_overdue": invoice.days_overdue, "outstanding": invoice.outstanding, "limitation_expires": clock.expires,
        "limitation_restarted_on": clock.restarted_on, "limitation_restarted_by": label(clock.restarted_by.value, lang),
        "limitation_status": label(clock.status.value, lang),
    }


def held_row(held: HeldCustomer, lang: str) -> dict[str, object]:
    return {
        "customer": held.customer, "name": held.name, "class": held.abc_class, "level": held.level,
        "action": label(held.action.value, lang), "collector": held.collector, "last_action": held.last_action,
        "resumes_on": held.resumes_on, "overdue_amount": held.overdue_amount, "limitation_expires": held.limitation_expires,
    }


def tasks_tables(plan: CollectionPlan, lang: str, *, detail: bool = False) -> list[tuple[str, Table]]:
    """The task list with a total row; with ``detail`` also the overdue invoices and the customers on hold."""
    tasks = Table(columns=list(TASK_COLUMNS), title=label("tasks_title", lang, as_of=plan.as_of.isoformat()), currency=plan.currency)
    tasks.rows = [task_row(task, lang) for task in plan.tasks]
    if plan.tasks:
        tasks.totals.append({"task_id": label("TOTAL", lang), "overdue_amount": sum((task.overdue_amount for task in plan.tasks), Decimal(0))})
    tables = [("tasks", tasks)]
    if detail:
        invoices = Table(columns=list(INVOICE_COLUMNS), title=label("task_invoices_title", lang), currency=plan.currency)
        invoices.rows = [invoice_row(i, lang, task=task.id, customer=task.customer) for task in plan.tasks for i in task.invoices]
        held = Table(columns=list(HELD_COLUMNS), title=label("held_title", lang), currency=plan.currency)
        held.rows = [held_row(h, lang) for h in plan.held]
        tables += [("invoices", invoices), ("held", held)]
    return tables


def customer_view_payload(plan: CollectionPlan, customer: str, invoices: list[OpenInvoice]) -> dict[str, object]:
    """One customer's open invoices and next task (``collect log``'s answer)."""
    task = plan.task_for(customer)
    held = plan.held_for(customer)
    return {
        "as_of": plan.as_of.isoformat(),
        "customer": customer,
        "invoices": [invoice_payload(invoice, plan.currency) for invoice in invoices],
        "next_task": task_payload(task, plan.currency) if task else None,
        "held": held_payload(held, plan.currency) if held else None,
    }


def customer_view_tables(plan: CollectionPlan, customer: str, name: str, invoices: list[OpenInvoice], lang: str) -> tuple[list[tuple[str, Table]], str]:
    """The customer's open invoices and next task as tables, plus a one-line note when there is no task."""
    task = plan.task_for(customer)
    held = plan.held_for(customer)
    debts = Table(
        columns=[c for c in INVOICE_COLUMNS if c.key not in ("task_id", "customer")],
        title=label("open_debts_title", lang, customer=f"{customer} {name}".strip(), as_of=plan.as_of.isoformat()),
        currency=plan.currency,
    )
    for invoice in invoices:
        clock = invoice.limitation
        debts.rows.append({
            "doc": invoice.doc, "date": invoice.date, "due": invoice.due, "days_overdue": invoice.days_overdue,
            "outstanding": invoice.outstanding,
            "limitation_expires": clock.expires if clock else None,
            "limitation_restarted_on": clock.restarted_on if clock else None,
            "limitation_restarted_by": label(clock.restarted_by.value, lang) if clock else "",
            "limitation_status": label(clock.status.value, lang) if clock else "",
        })
    if invoices:
        debts.totals.append({"doc": label("TOTAL", lang), "outstanding": sum((i.outstanding for i in invoices), Decimal(0))})
    tables = [("debts", debts)]
    note = ""
    if task:
        next_task = Table(columns=list(TASK_COLUMNS), title=label("next_task_title", lang), currency=plan.currency)
        next_task.rows = [task_row(task, lang)]
        tables.append(("next_task", next_task))
    elif held:
        note = label("next_task_held", lang, date=held.resumes_on.isoformat(), action=label(held.action.value, lang), level=held.level, last=held.last_action.isoformat())
    else:
        note = label("next_task_none", lang)
    return tables, note
