"""Semantic checks of loaded books (SPEC §3 ``check``): what is wrong between records.

The readers already refused every bad cell; these checks look across records: documents
used twice, references to customers, contracts or invoices that do not exist, advances
consumed before they were received, tax ids that fail their check character, and records
dated after the as-of date. Each check is a pure function ``(books, as_of) → findings``;
``CHECKS`` lists them in the order their findings are reported.

In a ledger of a million lines a missing customer could otherwise produce a hundred
thousand identical findings, so ledger references are reported once per missing id, at the
first line naming it, with the number of lines affected.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal
from operator import attrgetter

from zhangkuan.core.money import ZERO, format_amount
from zhangkuan.core.tax_id import tax_id_problem
from zhangkuan.model.books import Books
from zhangkuan.model.enums import LedgerKind, chinese_name
from zhangkuan.model.findings import Finding, error, warning
from zhangkuan.model.records import LedgerLine

Check = Callable[[Books, date], Iterable[Finding]]

# Kinds that move a contract's advance balance, and the sign they move it by.
ADVANCE_KINDS = {LedgerKind.ADVANCE: 1, LedgerKind.RECOGNITION: -1, LedgerKind.REFUND: -1}


def validate_books(books: Books, as_of: date) -> list[Finding]:
    """Every cross-record problem of ``books`` as of ``as_of``, errors and warnings."""
    return [_as_written(finding, books.headers) for check in CHECKS for finding in check(books, as_of)]


def duplicate_docs(books: Books, as_of: date) -> Iterator[Finding]:
    """``duplicate_doc``: the same kind and doc twice in the ledger (each doc must name one event)."""
    seen: dict[LedgerKind, set[str]] = defaultdict(set)  # sets, not dicts of lines: a million docs must fit
    repeated: set[tuple[LedgerKind, str]] = set()
    for line in books.ledger:
        docs = seen[line.kind]
        if line.doc in docs:
            repeated.add((line.kind, line.doc))
        docs.add(line.doc)
    if not repeated:
        return
    first: dict[tuple[LedgerKind, str], LedgerLine] = {}
    for line in books.ledger:
        key = (line.kind, line.doc)
        if key not in repeated:
            continue
        if key not in first:
            first[key] = line
            continue
        earlier = first[key]
        kind_zh = chinese_name(line.kind)
        yield error(
            "duplicate_doc", f"{line.kind.value} {line.doc} is already at {earlier.file}:{earlier.line}", line.source, "doc",
            f"give each {line.kind.value} its own doc number, or delete the repeated line",
            zh=f"{kind_zh}单据号 {line.doc} 已在 {earlier.file}:{earlier.line} 用过", hint_zh=f"每笔{kind_zh}使用各自的单据号，或删除重复的行",
        )


def unknown_customers(books: Books, as_of: date) -> Iterator[Finding]:
    """``unknown_customer``: a ledger line, contract, refund request or collection entry names a
    customer that customers does not hold."""
    hint = "add the customer to customers, or correct the id"
    hint_zh = "在客户表中添加该客户，或更正客户编号"
    for customer, lines in books.ledger.by_customer.items():  # in the order of first appearance
        if customer in books.customers:
            continue
        first, count = lines[0], len(lines)
        yield error(
            "unknown_customer", f"customer {customer} is not in customers{_named_by(count)}", first.source, "customer", hint,
            zh=f"客户编号 {customer} 不在客户表中{_named_by_zh(count)}", hint_zh=hint_zh,
        )
    for records in (books.contracts.values(), books.collections):
        for record in records:
            if record.customer not in books.customers:
                yield error("unknown_customer", f"customer {record.customer} is not in customers", record.source, "customer", hint, zh=f"客户编号 {record.customer} 不在客户表中", hint_zh=hint_zh)
    for request in books.refunds:
        if request.customer not in books.customers:
            yield warning(
                "unknown_customer", f"customer {request.customer} is not in customers{_REJECTED_BY_ASSESS}", request.source, "customer", hint,
                zh=f"客户编号 {request.customer} 不在客户表中{_REJECTED_BY_ASSESS_ZH}", hint_zh=hint_zh,
            )


def unknown_contracts(books: Books, as_of: date) -> Iterator[Finding]:
    """``unknown_contract``: an advance, recognition or refund without a contract, or any ledger
    line or refund request naming a contract that contracts does not hold."""
    hint = "add the contract to contracts, or correct the id"
    hint_zh = "在合同表中添加该合同，或更正合同编号"
    for line in books.ledger:
        if line.kind in ADVANCE_KINDS and not line.contract:
            yield error(
                "unknown_contract", f"this {line.kind.value} line names no contract; advances are kept per contract", line.source, "contract", "fill in the contract id",
                zh=f"这一行{chinese_name(line.kind)}没有填写合同编号；预收款按合同核算", hint_zh="请填写合同编号",
            )
    contracts = books.contracts
    for contract, (first, count) in _first_lines((line.contract, line) for line in books.ledger if line.contract and line.contract not in contracts).items():
        yield error(
            "unknown_contract", f"contract {contract} is not in contracts{_named_by(count)}", first.source, "contract", hint,
            zh=f"合同编号 {contract} 不在合同表中{_named_by_zh(count)}", hint_zh=hint_zh,
        )
    for request in books.refunds:
        if request.contract not in books.contracts:
            yield warning(
                "unknown_contract", f"contract {request.contract} is not in contracts{_REJECTED_BY_ASSESS}", request.source, "contract", hint,
                zh=f"合同编号 {request.contract} 不在合同表中{_REJECTED_BY_ASSESS_ZH}", hint_zh=hint_zh,
            )


def contract_customer_mismatches(books: Books, as_of: date) -> Iterator[Finding]:
    """``contract_customer_mismatch``: a ledger line or refund request whose customer is not the
    customer of its contract."""
    contracts = books.contracts
    hint = "correct the customer or the contract"
    hint_zh = "更正客户编号或合同编号"
    for line in books.ledger:
        contract = contracts.get(line.contract) if line.contract else None
        if contract is not None and contract.customer != line.customer:
            yield error(
                "contract_customer_mismatch", f"contract {contract.id} belongs to {contract.customer}, not to {line.customer}", line.source, "customer", hint,
                zh=f"合同 {contract.id} 属于客户 {contract.customer}，不属于 {line.customer}", hint_zh=hint_zh,
            )
    for request in books.refunds:
        contract = contracts.get(request.contract)
        if contract is not None and contract.customer != request.customer:
            yield warning(
                "contract_customer_mismatch", f"contract {contract.id} belongs to {contract.customer}, not to {request.customer}{_REJECTED_BY_ASSESS}", request.source, "customer", hint,
                zh=f"合同 {contract.id} 属于客户 {contract.customer}，不属于 {request.customer}{_REJECTED_BY_ASSESS_ZH}", hint_zh=hint_zh,
            )


def applies_to_problems(books: Books, as_of: date) -> Iterator[Finding]:
    """``bad_applies_to``: ``applies_to`` naming no invoice, or an invoice of another customer.
    ``receipt_exceeds_invoice`` (warning): lines naming an invoice settle more than its amount,
    in date order; the excess settles the customer's oldest invoices instead (SPEC §5.1).

    Checked customer by customer, as settlement runs (``Ledger``); the whole ledger's invoices
    are indexed only when some line names an invoice its customer does not have."""
    every_invoice: dict[str, LedgerLine] | None = None
    for lines in books.ledger.by_customer.values():
        applying = [line for line in lines if line.applies_to]
        if not applying:
            continue
        invoices = _first_invoices(lines)
        open_amount: dict[str, Decimal] = {}
        applying.sort(key=attrgetter("date"))
        for line in applying:
            target = invoices.get(line.applies_to)
            if target is None:
                if every_invoice is None:
                    every_invoice = _first_invoices(books.ledger)
                yield _bad_applies_to(line, every_invoice.get(line.applies_to))
                continue
            left = open_amount.get(target.doc, target.amount)
            if line.amount > left:
                yield _exceeds_invoice(line, target, left, books.currency)
            open_amount[target.doc] = max(left - line.amount, ZERO)


def _first_invoices(lines: Iterable[LedgerLine]) -> dict[str, LedgerLine]:
    """The first invoice line of each doc."""
    invoice = LedgerKind.INVOICE
    first: dict[str, LedgerLine] = {}
    for line in lines:
        if line.kind is invoice:
            first.setdefault(line.doc, line)
    return first


def _bad_applies_to(line: LedgerLine, other_customers_invoice: LedgerLine | None) -> Finding:
    if other_customers_invoice is None:
        return error(
            "bad_applies_to", f"applies_to {line.applies_to} names no invoice in the ledger", line.source, "applies_to",
            "write the doc of the invoice this line settles, or leave it blank to settle the oldest",
            zh=f"核销对象 {line.applies_to} 在台账中找不到对应的发票", hint_zh="填写这一行所核销发票的单据号，或留空以从最早的发票开始核销",
        )
    owner = other_customers_invoice.customer
    return error(
        "bad_applies_to", f"invoice {line.applies_to} belongs to {owner}, not to {line.customer}", line.source, "applies_to",
        "correct the customer or the invoice it applies to",
        zh=f"发票 {line.applies_to} 属于客户 {owner}，不属于 {line.customer}", hint_zh="更正客户编号或核销对象",
    )


def _exceeds_invoice(line: LedgerLine, target: LedgerLine, left: Decimal, currency: str) -> Finding:
    applied, open_left, excess = (format_amount(value, currency) for value in (line.amount, left, line.amount - left))
    return warning(
        "receipt_exceeds_invoice",
        f"{line.kind.value} {line.doc} applies {applied} to invoice {target.doc}, which had {open_left} left; "
        f"the excess {excess} settles the customer's oldest open invoices",
        line.source, "amount", "check the amount or the invoice it applies to; split the payment over the invoices it pays",
        zh=f"{chinese_name(line.kind)} {line.doc} 向发票 {target.doc} 核销 {applied}，但该发票只剩 {open_left} 未收；超出的 {excess} 将冲抵该客户最早的未结发票",
        hint_zh="核对金额或核销对象；一笔回款支付多张发票时，请按发票拆分",
    )


def negative_advances(books: Books, as_of: date) -> Iterator[Finding]:
    """``advance_negative``: a contract's advance balance (advances − recognitions − refunds, in
    date order) falls below zero. On one day advances count first, so receiving and recognising
    on the same day is fine. Reported once per contract, at the line that takes it below zero;
    unknown contracts are left to ``unknown_contract``."""
    by_contract: dict[str, list[LedgerLine]] = defaultdict(list)
    for line in books.ledger:
        if line.kind in ADVANCE_KINDS and line.contract in books.contracts:
            by_contract[line.contract].append(line)
    for contract, lines in by_contract.items():
        balance = ZERO
        for line in sorted(lines, key=lambda item: (item.date, -ADVANCE_KINDS[item.kind])):
            balance += ADVANCE_KINDS[line.kind] * line.amount
            if balance < ZERO:
                english, chinese = _shortfall(contract, line, -balance, books.currency)
                yield error(
                    "advance_negative", english, line.source, "amount", "record the advance received first, or correct the amount recognised or refunded",
                    zh=chinese, hint_zh="先登记收到的预收款，或更正确认收入、退款的金额",
                )
                break


def invalid_tax_ids(books: Books, as_of: date) -> Iterator[Finding]:
    """``tax_id_invalid``: a customer's 统一社会信用代码 fails the GB 32100-2015 check."""
    for customer in books.customers.values():
        if customer.tax_id:
            problem = tax_id_problem(customer.tax_id)
            if problem:
                yield error(
                    "tax_id_invalid", f"统一社会信用代码 {customer.tax_id} {problem}", customer.source, "tax_id", "copy the code from the business licence (营业执照), or leave it blank",
                    zh=f"统一社会信用代码 {customer.tax_id} {tax_id_problem(customer.tax_id, 'zh')}", hint_zh="请照营业执照抄录统一社会信用代码，或留空",
                )


def future_records(books: Books, as_of: date) -> Iterator[Finding]:
    """``future_record`` (warning): records dated after ``as_of``; every report ignores them.
    Ledger lines are reported once per file, at the first such line."""
    hint = f"expected when reporting as of an earlier day; otherwise check the date (reports are as of {as_of.isoformat()})"
    hint_zh = f"按较早的截止日出报表时属正常；否则请检查日期（报表截至 {as_of.isoformat()}）"
    for file, (first, count) in _first_lines((line.file, line) for line in books.ledger if line.date > as_of).items():
        yield warning(
            "future_record", f"{count} ledger line{'s' if count > 1 else ''} dated after {as_of.isoformat()} (first: {first.date.isoformat()}) {'are' if count > 1 else 'is'} ignored",
            first.source, "date", hint, zh=f"{count} 行台账的日期晚于 {as_of.isoformat()}（第一行为 {first.date.isoformat()}），不计入报表", hint_zh=hint_zh,
        )
    dated = [(contract, "signed_on", contract.signed_on) for contract in books.contracts.values()]
    dated += [(request, "requested_on", request.requested_on) for request in books.refunds]
    dated += [(entry, "date", entry.date) for entry in books.collections]
    for record, field_name, on in dated:
        if on > as_of:
            yield warning(
                "future_record", f"{field_name} {on.isoformat()} is after {as_of.isoformat()}; the record is ignored", record.source, field_name, hint,
                zh=f"{_DATE_NAMES_ZH[field_name]} {on.isoformat()} 晚于 {as_of.isoformat()}，该记录不计入报表", hint_zh=hint_zh,
            )


# A refund request naming the wrong contract or customer is a request to refuse, not broken
# books: `refund assess` rejects it with the same code (SPEC §5.3), so other reports still run.
_REJECTED_BY_ASSESS = "; refund assess rejects this request"
_REJECTED_BY_ASSESS_ZH = "；退款审核（refund assess）会驳回这笔申请"
_DATE_NAMES_ZH = {"signed_on": "签订日期", "requested_on": "申请日期", "date": "催收日期"}

CHECKS: list[Check] = [
    duplicate_docs,
    unknown_customers,
    unknown_contracts,
    contract_customer_mismatches,
    applies_to_problems,
    negative_advances,
    invalid_tax_ids,
    future_records,
]


def _as_written(finding: Finding, headers: dict[str, dict[str, str]]) -> Finding:
    """The finding with its column named as the user's file names it (``统一社会信用代码``)."""
    written = headers.get(finding.file, {}).get(finding.column)
    return finding if written is None or written == finding.column else replace(finding, column=written)


def _first_lines(keyed: Iterable[tuple[str, LedgerLine]]) -> dict[str, tuple[LedgerLine, int]]:
    """For each key: the first line with it and how many lines have it."""
    found: dict[str, tuple[LedgerLine, int]] = {}
    for key, line in keyed:
        first, count = found.get(key, (line, 0))
        found[key] = (first, count + 1)
    return found


def _named_by(count: int) -> str:
    return "" if count == 1 else f" (named by {count} ledger lines; this is the first)"


def _named_by_zh(count: int) -> str:
    return "" if count == 1 else f"（共 {count} 行台账引用，这是第一行）"


def _shortfall(contract: str, line: LedgerLine, shortfall: Decimal, currency: str) -> tuple[str, str]:
    """(English, Chinese) of an advance balance below zero."""
    amount, on = format_amount(shortfall, currency), line.date.isoformat()
    return (
        f"the advance balance of contract {contract} falls to -{amount} on {on}: {amount} more recognised or refunded than received by then",
        f"合同 {contract} 的预收余额在 {on} 降至 -{amount}：截至当日确认收入和退款比收到的预收款多 {amount}",
    )

