"""Receivable KPIs as JSON and as a table of metric, value and the arithmetic behind it."""

from __future__ import annotations

from zhangkuan.core.kpi import DSO_WINDOW_DAYS, KpiReport
from zhangkuan.core.money import format_amount
from zhangkuan.render.credit import percent_text, ratio_text
from zhangkuan.render.labels import label
from zhangkuan.render.table import Column, Table


def kpi_payload(report: KpiReport) -> dict[str, object]:
    """Amounts as strings with the currency's decimals; ratios 4 decimals, DSO and CEI 1 decimal."""

    def money(amount) -> str:
        return format_amount(amount, report.currency)

    return {
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "currency": report.currency,
        "overdue_rate": {"value": ratio_text(report.overdue_rate), "overdue": money(report.overdue), "open": money(report.open_outstanding)},
        "dso": {"value": ratio_text(report.dso, 1), "receivable": money(report.receivable), "credit_sales": money(report.sales_90d), "days": DSO_WINDOW_DAYS},
        "cei": {
            "value": ratio_text(report.cei, 1),
            "opening_receivable": money(report.opening_receivable),
            "credit_sales": money(report.credit_sales),
            "closing_receivable": money(report.receivable),
            "closing_current": money(report.closing_current),
        },
        "collected": {
            "value": money(report.collected),
            "target": money(report.target) if report.target is not None else None,
            "share": ratio_text(report.collected_share),
        },
    }


def kpi_tables(report: KpiReport, lang: str) -> list[tuple[str, Table]]:
    def money(amount) -> str:
        return format_amount(amount, report.currency, grouping=True)

    na = label("not_applicable", lang)
    table = Table(
        columns=[Column("metric"), Column("value"), Column("arithmetic")],
        title=label("kpi_title", lang, start=report.start.isoformat(), end=report.end.isoformat()),
        currency=report.currency,
    )
    opening, sales, closing, current = report.opening_receivable, report.credit_sales, report.receivable, report.closing_current
    table.rows = [
        {"metric": label("overdue_rate", lang), "value": percent_text(report.overdue_rate, lang, 2),
         "arithmetic": f"{money(report.overdue)} ÷ {money(report.open_outstanding)}"},
        {"metric": label("dso", lang), "value": ratio_text(report.dso, 1) or na,
         "arithmetic": f"{money(report.receivable)} ÷ {money(report.sales_90d)} × {DSO_WINDOW_DAYS}"},
        {"metric": label("cei", lang), "value": ratio_text(report.cei, 1) or na,
         "arithmetic": f"({money(opening)} + {money(sales)} − {money(closing)}) ÷ ({money(opening)} + {money(sales)} − {money(current)}) × 100"},
        {"metric": label("collected", lang), "value": money(report.collected), "arithmetic": ""},
    ]
    if report.target is not None:
        table.rows += [
            {"metric": label("target", lang), "value": money(report.target), "arithmetic": ""},
            {"metric": label("collected_share", lang), "value": percent_text(report.collected_share, lang), "arithmetic": f"{money(report.collected)} ÷ {money(report.target)}"},
        ]
    return [("kpi", table)]
