"""Advances, refund decisions and vouchers as SPEC §4 JSON and as tables, in en or zh."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from zhangkuan.core.advances import AdvanceBalance, advance_totals
from zhangkuan.core.money import ZERO, format_amount
from zhangkuan.core.refunds import RefundAssessment, RefundDecision
from zhangkuan.model.vouchers import JOURNAL_COLUMNS, Voucher
from zhangkuan.render.labels import label
from zhangkuan.render.table import Column, Kind, Table

_ADVANCE_AMOUNTS = ("received", "recognised", "refunded", "open")
_DECISION_AMOUNTS = ("requested", "refundable", "cash_refund", "retained", "extra_compensation")


def _advance_amounts(balance: AdvanceBalance) -> dict[str, Decimal]:
    return {"received": balance.received, "recognised": balance.recognised, "refunded": balance.refunded, "open": balance.open_balance}


def advances_payload(balances: Sequence[AdvanceBalance], names: dict[str, str], as_of: str, currency: str) -> dict[str, object]:
    """``{"as_of", "currency", "contracts": [{contract, customer, name, received, recognised,
    refunded, open}], "totals": {received, recognised, refunded, open}}``, amounts as strings."""

    def money(amounts: dict[str, Decimal]) -> dict[str, str]:
        return {key: format_amount(amount, currency) for key, amount in amounts.items()}

    return {
        "as_of": as_of,
        "currency": currency,
        "contracts": [
            {"contract": b.contract, "customer": b.customer, "name": names.get(b.customer, ""), **money(_advance_amounts(b))} for b in balances
        ],
        "totals": money(_advance_amounts(advance_totals(balances))),
    }


def advances_tables(balances: Sequence[AdvanceBalance], names: dict[str, str], as_of: str, currency: str, lang: str) -> list[tuple[str, Table]]:
    """One row per contract and a total row."""
    table = Table(
        columns=[Column("contract"), Column("customer"), Column("name"), *(Column(key, Kind.AMOUNT) for key in _ADVANCE_AMOUNTS)],
        title=label("advances_title", lang, as_of=as_of),
        currency=currency,
    )
    for balance in balances:
        table.rows.append({"contract": balance.contract, "customer": balance.customer, "name": names.get(balance.customer, ""), **_advance_amounts(balance)})
    table.totals.append({"contract": label("TOTAL", lang), **_advance_amounts(advance_totals(balances))})
    return [("advances", table)]


def _decision_amounts(decision: RefundDecision) -> dict[str, Decimal]:
    settlement = decision.settlement
    return {
        "requested": decision.requested,
        "refundable": decision.refundable,
        "cash_refund": settlement.cash_refund,
        "retained": settlement.retained,
        "extra_compensation": settlement.extra_compensation,
    }


def refunds_payload(assessment: RefundAssessment, lang: str) -> dict[str, object]:
    """The stable JSON of SPEC §4; each reason's message in ``lang``."""
    currency = assessment.currency
    return {
        "as_of": assessment.as_of.isoformat(),
        "decisions": [
            {
                "request": decision.request.id,
                "contract": decision.request.contract,
                "customer": decision.request.customer,
                "status": decision.status.value,
                **{key: format_amount(amount, currency) for key, amount in _decision_amounts(decision).items()},
                "approval_required": decision.approval_required,
                "approver": decision.approver,
                "approved": decision.approved,
                "reasons": [{"code": reason.code, "message": reason.message(lang, currency)} for reason in decision.reasons],
            }
            for decision in assessment.decisions
        ],
    }


def refunds_tables(assessment: RefundAssessment, lang: str, *, messages_inline: bool) -> list[tuple[str, Table]]:
    """Decisions with a total row; the reasons' messages either in a column of the decisions
    (``messages_inline``: one table, as a CSV file holds) or in a table of their own."""
    currency = assessment.currency
    columns = [
        Column("request"), Column("contract"), Column("customer"), Column("status"),
        *(Column(key, Kind.AMOUNT) for key in _DECISION_AMOUNTS),
        Column("approval_required", Kind.NUMBER), Column("approver"), Column("approved"), Column("reasons"),
    ]
    if messages_inline:
        columns.append(Column("message"))
    decisions = Table(columns=columns, title=label("refunds_title", lang, as_of=assessment.as_of.isoformat()), currency=currency)
    details = Table(columns=[Column("request"), Column("code"), Column("message")], title=label("reason_details_title", lang), currency=currency)
    totals = dict.fromkeys(_DECISION_AMOUNTS, ZERO)
    for decision in assessment.decisions:
        amounts = _decision_amounts(decision)
        totals = {key: totals[key] + amounts[key] for key in totals}
        row: dict[str, object] = {
            "request": decision.request.id,
            "contract": decision.request.contract,
            "customer": decision.request.customer,
            "status": label(f"status:{decision.status.value}", lang),
            **amounts,
            "approval_required": decision.approval_required,
            "approver": decision.approver,
            "approved": decision.approved,
            "reasons": ", ".join(reason.code for reason in decision.reasons),
        }
        if messages_inline:
            row["message"] = "; ".join(reason.message(lang, currency) for reason in decision.reasons)
        decisions.rows.append(row)
        details.rows.extend({"request": decision.request.id, "code": reason.code, "message": reason.message(lang, currency)} for reason in decision.reasons)
    decisions.totals.append({"request": label("TOTAL", lang), **totals})
    return [("refunds", decisions)] if messages_inline else [("refunds", decisions), ("reasons", details)]


def vouchers_payload(vouchers: Sequence[Voucher], currency: str) -> list[dict[str, str]]:
    """One object per posting with the journal.csv columns (SPEC §4), amounts as strings."""
    return [posting.as_row(currency) for voucher in vouchers for posting in voucher.postings]


def vouchers_table(vouchers: Sequence[Voucher], as_of: str, currency: str, lang: str) -> list[tuple[str, Table]]:
    """The postings as a voucher reads: the empty side of each line left blank."""
    amounts = {"debit", "credit"}
    table = Table(
        columns=[Column(key, Kind.AMOUNT if key in amounts else Kind.DATE if key == "date" else Kind.TEXT) for key in JOURNAL_COLUMNS],
        title=label("vouchers_title", lang, as_of=as_of),
        currency=currency,
    )
    for voucher in vouchers:
        for posting in voucher.postings:
            row = {key: getattr(posting, key) for key in JOURNAL_COLUMNS}
            table.rows.append(row | {side: row[side] or None for side in amounts})
    return [("vouchers", table)]
