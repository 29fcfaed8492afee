"""Credit grades as JSON and as a table; ratios are rounded here, for display only."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from zhangkuan.core.credit import CreditReport, CustomerCredit
from zhangkuan.core.money import format_amount
from zhangkuan.render.labels import label
from zhangkuan.render.table import Column, Kind, Table


def ratio_text(value: Decimal | None, places: int = 4) -> str | None:
    """A ratio as a fixed-point string (``0.8500``), half-up; ``None`` stays ``None``."""
    if value is None:
        return None
    return str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def percent_text(value: Decimal | None, lang: str, places: int = 1) -> str:
    """``0.85`` → ``85.0%``; ``None`` → ``n/a``."""
    if value is None:
        return label("not_applicable", lang)
    return f"{(value * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)}%"


def credit_row_payload(row: CustomerCredit, currency: str) -> dict[str, object]:
    inputs = row.inputs
    return {
        "customer": row.customer,
        "name": row.name,
        "grade": row.grade,
        "computed_grade": row.computed_grade,
        "manual": row.manual,
        "recommendation": row.recommendation,
        "inputs": {
            "on_time_share": ratio_text(inputs.on_time_share),
            "invoices_judged": inputs.invoices_judged,
            "invoices_on_time": inputs.invoices_on_time,
            "avg_days_late": ratio_text(inputs.avg_days_late, 1),
            "overdue_share": ratio_text(inputs.overdue_share),
            "limit_usage": ratio_text(inputs.limit_usage),
            "oldest_overdue_days": inputs.oldest_overdue_days,
        },
        "decided_by": list(row.decided_by),
        "exposure": format_amount(row.exposure, currency),
        "overdue": format_amount(row.overdue, currency),
        "credit_limit": format_amount(row.credit_limit, currency) if row.credit_limit is not None else None,
        "limit_breach": row.limit_breach,
        "limit_excess": format_amount(row.limit_excess, currency),
    }


def credit_payload(report: CreditReport) -> dict[str, object]:
    """``{"as_of", "currency", "customers": [...], "breaches": [ids]}``."""
    return {
        "as_of": report.as_of.isoformat(),
        "currency": report.currency,
        "customers": [credit_row_payload(row, report.currency) for row in report.customers],
        "breaches": [row.customer for row in report.breaches],
    }


def credit_tables(report: CreditReport, lang: str) -> list[tuple[str, Table]]:
    table = Table(
        columns=[
            Column("customer"), Column("name"), Column("grade"), Column("computed_grade"), Column("on_time_share"),
            Column("avg_days_late"), Column("overdue_share"), Column("limit_usage"), Column("oldest_overdue_days", Kind.NUMBER),
            Column("exposure", Kind.AMOUNT), Column("overdue", Kind.AMOUNT), Column("credit_limit", Kind.AMOUNT),
            Column("limit_breach"), Column("recommendation"), Column("decided_by"),
        ],
        title=label("credit_title", lang, as_of=report.as_of.isoformat()),
        currency=report.currency,
    )
    for row in report.customers:
        inputs = row.inputs
        table.rows.append({
            "customer": row.customer,
            "name": row.name,
            "grade": f"{row.grade} ({label('manual', lang)})" if row.manual else row.grade,
            "computed_grade": row.computed_grade,
            "on_time_share": percent_text(inputs.on_time_share, lang) + (f" ({inputs.invoices_on_time}/{inputs.invoices_judged})" if inputs.invoices_judged else ""),
            "avg_days_late": ratio_text(inputs.avg_days_late, 1) or label("not_applicable", lang),
            "overdue_share": percent_text(inputs.overdue_share, lang),
            "limit_usage": percent_text(inputs.limit_usage, lang) if not inputs.no_credit_breached else "∞",
            "oldest_overdue_days": inputs.oldest_overdue_days,
            "exposure": row.exposure,
            "overdue": row.overdue,
            "credit_limit": row.credit_limit,
            "limit_breach": format_amount(row.limit_excess, report.currency) if row.limit_breach else "",
            "recommendation": label(row.recommendation, lang),
            "decided_by": ", ".join(label(name, lang) for name in row.decided_by),
        })
    return [("credit", table)]
