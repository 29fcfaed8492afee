"""The aging report as SPEC §4 JSON and as tables (summary per customer, invoices with --detail)."""

from __future__ import annotations

from zhangkuan.core.aging import CURRENT, AgingReport
from zhangkuan.core.money import format_amount
from zhangkuan.render.labels import label
from zhangkuan.render.table import Column, Kind, Table


def aging_payload(report: AgingReport, *, detail: bool) -> dict[str, object]:
    """The stable JSON shape: amounts as strings with the currency's decimals, dates ISO."""

    def money(amount) -> str:
        return format_amount(amount, report.currency)

    customers = []
    for row in report.customers:
        entry: dict[str, object] = {
            "customer": row.customer,
            "name": row.name,
            "buckets": {name: money(amount) for name, amount in row.buckets.items()},
            "unapplied": money(row.unapplied),
            "total": money(row.total),
        }
        if detail:
            entry["invoices"] = [
                {
                    "doc": invoice.doc,
                    "date": invoice.date.isoformat(),
                    "due": invoice.due.isoformat(),
                    "age_days": invoice.age_days,
                    "bucket": invoice.bucket,
                    "outstanding": money(invoice.outstanding),
                }
                | ({"limitation_expires": invoice.limitation_expires.isoformat() if invoice.limitation_expires else None} if report.with_limitation else {})
                for invoice in row.invoices
            ]
        customers.append(entry)
    return {
        "as_of": report.as_of.isoformat(),
        "basis": report.basis.value,
        "currency": report.currency,
        "buckets": report.buckets,
        "customers": customers,
        "totals": {
            "buckets": {name: money(amount) for name, amount in report.totals.items()},
            "unapplied": money(report.total_unapplied),
            "total": money(report.total),
        },
    }


def aging_tables(report: AgingReport, lang: str, *, detail: bool) -> list[tuple[str, Table]]:
    """Per-customer buckets with a total row; with ``detail`` also one row per open invoice."""
    bucket_columns = [Column(f"bucket:{name}", Kind.AMOUNT, label(CURRENT, lang) if name == CURRENT else name) for name in report.buckets]
    summary = Table(
        columns=[Column("customer"), Column("name"), *bucket_columns, Column("unapplied", Kind.AMOUNT), Column("total", Kind.AMOUNT)],
        title=label("aging_title", lang, as_of=report.as_of.isoformat(), basis=label(report.basis.value, lang)),
        currency=report.currency,
    )
    for row in report.customers:
        summary.rows.append(
            {"customer": row.customer, "name": row.name, "unapplied": row.unapplied, "total": row.total}
            | {f"bucket:{name}": amount for name, amount in row.buckets.items()}
        )
    summary.totals.append(
        {"customer": label("TOTAL", lang), "unapplied": report.total_unapplied, "total": report.total}
        | {f"bucket:{name}": amount for name, amount in report.totals.items()}
    )
    tables = [("aging", summary)]
    if detail:
        invoices = Table(
            columns=[
                Column("customer"), Column("name"), Column("doc"), Column("date", Kind.DATE), Column("due", Kind.DATE),
                Column("age_days", Kind.NUMBER), Column("bucket"), Column("outstanding", Kind.AMOUNT),
                *([Column("limitation_expires", Kind.DATE)] if report.with_limitation else []),
            ],
            currency=report.currency,
        )
        for row in report.customers:
            for invoice in row.invoices:
                invoices.rows.append(
                    {
                        "customer": row.customer, "name": row.name, "doc": invoice.doc, "date": invoice.date,
                        "due": invoice.due, "age_days": invoice.age_days,
                        "bucket": label(CURRENT, lang) if invoice.bucket == CURRENT else invoice.bucket,
                        "outstanding": invoice.outstanding, "limitation_expires": invoice.limitation_expires,
                    }
                )
        tables.append(("invoices", invoices))
    return tables
