"""A company's books as loaded: configuration plus every record, indexed once."""

from __future__ import annotations

from dataclasses import dataclass, field

from zhangkuan.model.config import BooksConfig
from zhangkuan.model.records import CollectionEntry, Contract, Customer, LedgerLine, RefundRequest


@dataclass
class Books:
    """Everything core needs about one company. Built by ``io.load_books``; core only reads it.

    ``ledger`` holds lines in file order; records that failed validation are absent (their
    findings were reported), so core can compute on whatever is sound. ``headers`` keeps, per
    file, each field's column name as the user wrote it (``tax_id`` → ``统一社会信用代码``), so
    that a finding about a record names the column the user sees.
    """

    config: BooksConfig
    customers: dict[str, Customer] = field(default_factory=dict)
    contracts: dict[str, Contract] = field(default_factory=dict)
    ledger: list[LedgerLine] = field(default_factory=list)
    refunds: list[RefundRequest] = field(default_factory=list)
    collections: list[CollectionEntry] = field(default_factory=list)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def currency(self) -> str:
        return self.config.currency
