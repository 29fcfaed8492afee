"""Vouchers (会计凭证): balanced sets of postings, as journal.csv and the exports carry them.

SPEC §4 fixes one row per posting: ``entry_id, date, summary, account_code, account_name,
debit, credit, customer, source``. A ``Voucher`` groups the rows of one entry so that callers
can check it balances before anything is written.

Entry ids are deterministic from what caused the entry, never from a counter or the clock,
so a command run twice finds its own entry in journal.csv and posts nothing new:

==========  ===========================  ==========================================
prefix      key                          written by
==========  ===========================  ==========================================
``RF``      the refund request id        ``refund post``  (``RF-RQ-2026-001``)
``PV``      the as-of date, ISO          ``provision``    (``PV-2026-11-30``)
==========  ===========================  ==========================================

A new kind of voucher takes a new two-letter prefix and a key that is unique for what it
records (a document id, a date); the ``source`` column names that cause as ``kind:key``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from zhangkuan.core.money import ZERO, format_amount
from zhangkuan.model.config import Account

# The journal.csv header and the key order of a posting in JSON (SPEC §4).
JOURNAL_COLUMNS = ("entry_id", "date", "summary", "account_code", "account_name", "debit", "credit", "customer", "source")


class EntryPrefix(StrEnum):
    REFUND = "RF"
    PROVISION = "PV"


def entry_id(prefix: EntryPrefix, key: str) -> str:
    """``RF-RQ001`` from the prefix and the key of the entry's cause (see the module docstring)."""
    return f"{prefix.value}-{key}"


@dataclass(frozen=True, slots=True)
class Posting:
    """One journal row: a debit or a credit (never both) to one account."""

    entry_id: str
    date: date
    summary: str
    account_code: str
    account_name: str
    debit: Decimal
    credit: Decimal
    customer: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        if self.debit < 0 or self.credit < 0 or (self.debit and self.credit):
            raise ValueError(f"{self.entry_id} {self.account_code}: a posting has one positive side ({self.debit}/{self.credit})")

    def as_row(self, currency: str) -> dict[str, str]:
        """The posting as journal.csv and JSON carry it: amounts with the currency's decimals."""
        return {
            "entry_id": self.entry_id,
            "date": self.date.isoformat(),
            "summary": self.summary,
            "account_code": self.account_code,
            "account_name": self.account_name,
            "debit": format_amount(self.debit, currency),
            "credit": format_amount(self.credit, currency),
            "customer": self.customer,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Leg:
    """What a voucher builder says about one posting: the account and the amount on one side."""

    account: Account
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    customer: str = ""


@dataclass(frozen=True, slots=True)
class Voucher:
    """One journal entry: its postings share the entry id, date, summary and source."""

    entry_id: str
    date: date
    summary: str
    source: str
    postings: tuple[Posting, ...]

    @classmethod
    def of(cls, entry_id: str, on: date, summary: str, source: str, legs: Iterable[Leg]) -> Voucher:
        """Build a voucher from its legs; legs of zero on both sides are left out (a 0.00 row
        in a voucher only makes the accountant look for a reason that is not there)."""
        postings = tuple(
            Posting(entry_id, on, summary, leg.account.code, leg.account.name, leg.debit, leg.credit, leg.customer, source)
            for leg in legs
            if leg.debit or leg.credit
        )
        return cls(entry_id, on, summary, source, postings)

    @property
    def debit_total(self) -> Decimal:
        return sum((posting.debit for posting in self.postings), ZERO)

    @property
    def credit_total(self) -> Decimal:
        return sum((posting.credit for posting in self.postings), ZERO)

    @property
    def balanced(self) -> bool:
        """Debits equal credits to the cent (借贷必相等), and there is something to post."""
        return bool(self.postings) and self.debit_total == self.credit_total
