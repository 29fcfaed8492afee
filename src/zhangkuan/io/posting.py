"""Writing what a posting command records: vouchers to journal.csv, lines to the ledger.

The two files change together or not at all. The journal is written first and the ledger
second; when the ledger write fails, the journal is put back as it was. Should even that
fail (the process killed between the two renames), a rerun repairs it: the ledger still lacks
the lines, so the same vouchers are built again, and those whose entry id journal.csv already
holds are not appended a second time. The other order could not recover: a ledger line
without its voucher looks posted, and its voucher would never be written.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path

from zhangkuan.io.atomic import append_records, appendable_records_file, csv_appended, neutralise_cell, write_atomic
from zhangkuan.io.csvfile import detect_encoding
from zhangkuan.io.loader import LEDGER_DIR
from zhangkuan.model.vouchers import JOURNAL_COLUMNS, Voucher

JOURNAL_FILE = "journal.csv"
REFUNDS_LEDGER_FILE = "refunds.csv"  # inside ledger/: the user's own ledger files stay untouched
_TEXT_COLUMNS = frozenset({"summary", "account_name", "customer", "source"})


def journal_entry_ids(path: Path) -> set[str]:
    """The entry ids journal.csv already holds (none when it does not exist yet)."""
    if not path.exists():
        return set()
    with path.open(encoding=detect_encoding(path), newline="") as stream:
        return {row.get("entry_id", "") for row in csv.DictReader(stream)} - {""}


def journal_appended(path: Path, vouchers: Sequence[Voucher], currency: str) -> bytes:
    """journal.csv with the vouchers' postings added: the old bytes untouched, then one row per
    posting. A new file starts with a BOM and the header of SPEC §4, so Excel opens it.

    Refuses an unbalanced voucher: nothing that does not balance to the cent is ever written.
    """
    unbalanced = [voucher.entry_id for voucher in vouchers if not voucher.balanced]
    if unbalanced:
        raise ValueError(f"vouchers do not balance: {', '.join(unbalanced)}")
    rows = [[_journal_cell(name, value) for name, value in posting.as_row(currency).items()] for voucher in vouchers for posting in voucher.postings]
    return csv_appended(path, JOURNAL_COLUMNS, lambda _header: rows)  # we wrote the journal: its columns are ours


def _journal_cell(name: str, value: str) -> str:
    return neutralise_cell(value) if name in _TEXT_COLUMNS else value


def ledger_target(root: Path) -> Path:
    """The ledger file ``refund post`` appends to.

    With a ``ledger/`` directory: ``ledger/refunds.csv`` (created when missing), so the
    user's own files are never rewritten. Otherwise the ledger file the books keep, or a new
    ledger.csv. An xlsx ledger cannot be appended to safely (a workbook is rewritten whole,
    formats and formulas at risk), so it is refused with a way out.
    """
    if (root / LEDGER_DIR).is_dir():
        return root / LEDGER_DIR / REFUNDS_LEDGER_FILE
    return appendable_records_file(root, "ledger")


def write_posting(journal: Path, vouchers: Sequence[Voucher], currency: str, ledger: Path, lines: Sequence[Mapping[str, object]]) -> list[Voucher]:
    """Append the vouchers not yet in the journal, then the ledger lines; both or neither.

    Returns the vouchers actually appended (those whose entry id the journal lacked).
    """
    known = journal_entry_ids(journal)
    new_vouchers = [voucher for voucher in vouchers if voucher.entry_id not in known]
    before = journal.read_bytes() if journal.exists() else None
    if new_vouchers:
        write_atomic(journal, journal_appended(journal, new_vouchers, currency))
    try:
        if lines:
            append_records(ledger, lines, "ledger")
    except BaseException:
        if new_vouchers:
            _restore(journal, before)
        raise
    return new_vouchers


def _restore(path: Path, before: bytes | None) -> None:
    if before is None:
        path.unlink(missing_ok=True)
    else:
        write_atomic(path, before)
