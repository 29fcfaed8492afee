"""A company's books as loaded: configuration plus every record, indexed once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

from zhangkuan.model.config import BooksConfig
from zhangkuan.model.records import CollectionEntry, Contract, Customer, LedgerLine, RefundRequest


class Ledger(Sequence[LedgerLine]):
    """The ledger lines in file order, and the same lines grouped by customer.

    Money between a company and a customer never crosses to another customer: a receipt settles
    its own customer's invoices, and a statement, an aging row or a collection task is one
    customer's. So the rules that follow the money work customer by customer, over a few
    hundred lines that stay in the processor's cache, instead of hopping through hash tables
    of a million documents. ``by_customer`` is built once, here; a ledger is never changed
    afterwards (make a new one to add lines).
    """

    __slots__ = ("_lines", "by_customer")

    def __init__(self, lines: Iterable[LedgerLine] = ()):
        self._lines = list(lines)
        by_customer: dict[str, list[LedgerLine]] = {}
        for line in self._lines:
            group = by_customer.get(line.customer)
            if group is None:
                group = by_customer[line.customer] = []
            group.append(line)
        self.by_customer = by_customer

    def __iter__(self) -> Iterator[LedgerLine]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, index: int) -> LedgerLine: ...
    @overload
    def __getitem__(self, index: slice) -> list[LedgerLine]: ...
    def __getitem__(self, index: int | slice) -> LedgerLine | list[LedgerLine]:
        return self._lines[index]

    def __repr__(self) -> str:
        return f"Ledger({len(self._lines)} lines, {len(self.by_customer)} customers)"


@dataclass
class Books:
    """Everything core needs about one company. Built by ``io.load_books``; core only reads it.

    ``ledger`` holds lines in file order (a plain list given here becomes a ``Ledger``);
    records that failed validation are absent (their findings were reported), so core can
    compute on whatever is sound. ``headers`` keeps, per file, each field's column name as
    the user wrote it (``tax_id`` → ``统一社会信用代码``), so that a finding about a record
    names the column the user sees.
    """

    config: BooksConfig
    customers: dict[str, Customer] = field(default_factory=dict)
    contracts: dict[str, Contract] = field(default_factory=dict)
    ledger: Ledger = field(default_factory=Ledger)
    refunds: list[RefundRequest] = field(default_factory=list)
    collections: list[CollectionEntry] = field(default_factory=list)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.ledger, Ledger):
            self.ledger = Ledger(self.ledger)

    @property
    def currency(self) -> str:
        return self.config.currency
