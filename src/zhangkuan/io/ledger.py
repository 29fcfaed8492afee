"""The ledger reader: a million lines in a couple of seconds, with the same rules as every record.

Ledger files are the big ones, so they skip pydantic and the per-row dict of the generic
reader. CSV rows come straight from ``csv.reader`` and are picked by column index; what
repeats (dates, kinds, customer and contract ids) is parsed once and looked up after that;
a plain amount (``1234.50``) goes straight to ``Decimal``. Anything unusual (``¥1,234.50``,
``2026年11月23日``, a typo) falls back to the shared parsers of ``model.values``, so a cell
means the same here as in any other file, and a bad one gets the same message.
"""

from __future__ import annotations

import csv
import gc
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from pathlib import Path

from zhangkuan.core.money import minor_unit
from zhangkuan.io import csvfile
from zhangkuan.io.columns import LEDGER, Row, columns_as_written, hint_for
from zhangkuan.io.tabular import CSV_SUFFIXES, EXTRA_HINT, EXTRA_HINT_ZH, READ_ERRORS, read_table, unreadable
from zhangkuan.model.enums import LedgerKind, parse_enum
from zhangkuan.model.findings import Finding, Source, error
from zhangkuan.model.problems import chinese
from zhangkuan.model.records import LedgerLine
from zhangkuan.model.values import parse_amount, parse_date

# The cells of a ledger line in the order the converter unpacks them.
FIELDS = ("date", "kind", "doc", "customer", "amount", "contract", "due", "applies_to", "memo")

Locate = Callable[[int, str], tuple[int, str]]  # (record line, field) → (line, column as written)
_SHARED_MEMOS = 10_000
# Amounts repeat (prices, full payments of an invoice): the first this many distinct texts share
# one parsed Decimal (immutable, so sharing is safe), saving a parse and ~100 bytes a line.
_SHARED_AMOUNTS = 200_000


class LedgerReader:
    """Reads ledger files into ``LedgerLine``s; one instance per load, so caches span files.

    ``terms_days`` (customer → days) gives an invoice without a due date its default: the
    invoice date plus the customer's terms, or the invoice date itself (SPEC §2.2).
    """

    def __init__(self, currency: str, terms_days: Mapping[str, int] | None = None):
        self.currency = currency
        self.terms_days = terms_days or {}
        # (terms, invoice date) → due date: shared, as a million invoices fall on a thousand days.
        self._default_dues: dict[tuple[int, date], date] = {}
        self.findings: list[Finding] = []
        self.headers: dict[str, dict[str, str]] = {}  # file → field → column as written
        self._decimals = minor_unit(currency)
        self._dates: dict[str, date] = {}
        self._kinds: dict[str, LedgerKind] = {}
        self._ids: dict[str, str] = {}
        self._memos: dict[str, str] = {}
        self._amounts: dict[str, Decimal] = {}

    def read(self, path: Path, file: str) -> list[LedgerLine]:
        """The sound lines of one ledger file; problems go to ``self.findings``."""
        try:
            if path.suffix.lower() in CSV_SUFFIXES:
                encoding = csvfile.detect_encoding(path)
                with csvfile.open_csv(path, encoding) as stream:
                    return self._read_csv(stream, file)
            rows, findings = read_table(path, file, LEDGER)
            self.findings.extend(findings)
            return self._read_rows(rows, file)
        except READ_ERRORS as exc:
            self.findings.append(unreadable(file, exc))
        return []

    def _read_csv(self, stream: Iterable[str], file: str) -> list[LedgerLine]:
        reader = csv.reader(stream)
        header_cells = next(reader, None)
        if header_cells is None:
            return []
        header = LEDGER.resolve(header_cells, file)
        self.findings.extend(header.findings)
        self.headers[file] = dict(header.written)
        if not header.complete:
            return []
        width = len(header_cells)
        # A column the header lacks is read from the "" appended to every row (index -1).
        pick = itemgetter(*(header.positions.index(name) if name in header.written else -1 for name in FIELDS))
        unnamed = [index for index, name in enumerate(header_cells) if not name.strip()]

        def cells() -> Iterator[tuple[int, Sequence[str]]]:
            start = reader.line_num + 1
            for row in reader:
                line, start = start, reader.line_num + 1
                if len(row) != width or unnamed:
                    if _stray(row, width, unnamed):
                        self.findings.append(error(
                            "extra_cells", f"this row has cells beyond the {len(header.written)} named columns; the line was not read", Source(file, line), hint=EXTRA_HINT,
                            zh=f"这一行在 {len(header.written)} 个有列名的列之外还有内容，该行未读取", hint_zh=EXTRA_HINT_ZH,
                        ))
                        continue
                    row.extend([""] * (width - len(row)))
                row.append("")
                yield line, pick(row)

        written = header.written
        return self._convert(cells(), file, lambda line, name: (line, written.get(name, name)))

    def _read_rows(self, rows: list[Row], file: str) -> list[LedgerLine]:
        """YAML and XLSX rows: typed cells become the text a CSV would hold, then the same path."""
        by_line = {row.line: row for row in rows}
        self.headers[file] = columns_as_written(rows)

        def locate(line: int, name: str) -> tuple[int, str]:
            row = by_line[line]
            return row.line_of(name), row.column(name)

        cells = ((row.line, tuple(_as_text(row.cells.get(name)) for name in FIELDS)) for row in rows)
        return self._convert(cells, file, locate)

    def _convert(self, rows: Iterable[tuple[int, Sequence[str]]], file: str, locate: Locate) -> list[LedgerLine]:
        """The hot loop. Every lookup is a local; every miss goes to a method that parses or reports."""
        lines: list[LedgerLine] = []
        append = lines.append
        dates, kinds, ids = self._dates, self._kinds, self._ids
        memos, amounts = self._memos, self._amounts
        terms_days, default_dues, invoice = self.terms_days, self._default_dues, LedgerKind.INVOICE
        # Fast path: exactly the currency's decimals ("1234.50"); Decimal(text) is then already exact.
        point, after_point = -(self._decimals + 1), -self._decimals or None
        make = LedgerLine
        for line, cells in rows:
            raw_date, raw_kind, raw_doc, raw_customer, raw_amount, raw_contract, raw_due, raw_applies, raw_memo = cells
            when = dates.get(raw_date)
            if when is None:
                if not "".join(cells).strip():
                    continue  # a blank row
                when = self._date(raw_date, "date", line, file, locate, required=True)
            kind = kinds.get(raw_kind)
            if kind is None:
                kind = self._kind(raw_kind, line, file, locate)
            doc = raw_doc.strip()
            if not doc:
                self._missing("doc", line, file, locate)
            customer = ids.get(raw_customer)
            if customer is None:
                customer = self._id(raw_customer, "customer", line, file, locate, required=True)
            amount = amounts.get(raw_amount)
            if amount is None:
                if raw_amount[point:after_point] == "." and raw_amount.replace(".", "", 1).isdigit():
                    try:
                        amount = Decimal(raw_amount) or None  # zero goes to the shared parser, which says why
                    except InvalidOperation:
                        pass  # digits Decimal does not take (superscripts): the shared parser reports them
                if amount is None:
                    amount = self._amount(raw_amount, line, file, locate)
                if amount is not None and len(amounts) < _SHARED_AMOUNTS:
                    amounts[raw_amount] = amount
            contract = ""
            if raw_contract:
                contract = ids.get(raw_contract) or self._id(raw_contract, "contract", line, file, locate, required=False) or ""
            due = None
            if raw_due:
                due = dates.get(raw_due) or self._date(raw_due, "due", line, file, locate, required=False)
            elif kind is invoice and when is not None:
                terms = terms_days.get(customer, 0)  # a line without its customer is dropped below
                due = default_dues.get((terms, when))
                if due is None:
                    due = default_dues[terms, when] = when + timedelta(days=terms)
            if when is None or kind is None or not doc or customer is None or amount is None or due is False:
                continue
            memo = memos.get(raw_memo)
            if memo is None:
                memo = self._memo(raw_memo)
            append(make(when, kind, doc, customer, amount, contract, due or None, raw_applies.strip(), memo, file, line))
        return lines

    # --- the slow paths: parse what the caches do not hold yet, or report why it is wrong ---

    def _date(self, raw: str, name: str, line: int, file: str, locate: Locate, *, required: bool) -> date | None | bool:
        """A date (cached); None when missing; False for an optional date that is wrong."""
        text = raw.strip()
        if not text:
            if required:
                self._missing(name, line, file, locate)
            return None
        try:
            parsed = parse_date(text)
        except ValueError as exc:
            self._bad(name, exc, line, file, locate)
            return None if required else False
        self._dates[raw] = parsed
        return parsed

    def _kind(self, raw: str, line: int, file: str, locate: Locate) -> LedgerKind | None:
        if not raw.strip():
            self._missing("kind", line, file, locate)
            return None
        try:
            kind = parse_enum(LedgerKind, raw)
        except ValueError as exc:
            self._bad("kind", exc, line, file, locate)
            return None
        self._kinds[raw] = kind
        return kind

    def _id(self, raw: str, name: str, line: int, file: str, locate: Locate, *, required: bool) -> str | None:
        text = raw.strip()
        if not text:
            if required:
                self._missing(name, line, file, locate)
                return None
            return ""
        self._ids[raw] = text
        return text

    def _memo(self, raw: str) -> str:
        """Memos repeat (货款, 回款): the first few thousand are shared, not stored per line."""
        memo = raw.strip()
        if len(self._memos) < _SHARED_MEMOS:
            self._memos[raw] = memo
        return memo

    def _amount(self, raw: str, line: int, file: str, locate: Locate) -> Decimal | None:
        if not raw.strip():
            self._missing("amount", line, file, locate)
            return None
        try:
            return parse_amount(raw, self.currency, allow_zero=False)
        except ValueError as exc:
            self._bad("amount", exc, line, file, locate)
            return None

    def _missing(self, name: str, line: int, file: str, locate: Locate) -> None:
        at, column = locate(line, name)
        self.findings.append(error(
            "missing_value", f"{name} is required on every ledger line", Source(file, at), column, f"fill in {column}; {hint_for(name)}".rstrip("; "),
            zh=f"台账每一行都必须填写{LEDGER.named_zh(name)}", hint_zh=f"请填写 {column}；{hint_for(name, 'zh')}".rstrip("；"),
        ))

    def _bad(self, name: str, exc: ValueError, line: int, file: str, locate: Locate) -> None:
        at, column = locate(line, name)
        self.findings.append(error("bad_value", str(exc), Source(file, at), column, hint_for(name), zh=chinese(exc), hint_zh=hint_for(name, "zh")))


def _stray(row: list[str], width: int, unnamed: list[int]) -> bool:
    """Whether the row fills a cell that has no column name (beyond the header or under a blank one)."""
    return any(cell.strip() for cell in row[width:]) or any(index < len(row) and row[index].strip() for index in unnamed)


def _as_text(value: object) -> str:
    """A YAML or spreadsheet value as the text a CSV cell would hold, so one parser serves all."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def read_ledger(
    paths: Sequence[tuple[Path, str]],
    currency: str,
    headers: dict[str, dict[str, str]] | None = None,
    terms_days: Mapping[str, int] | None = None,
) -> tuple[list[LedgerLine], list[Finding]]:
    """All lines of the ledger files, in the order given (each as (path, name in findings)).

    ``headers``, when given, receives each file's columns as written (file → field → name).
    ``terms_days`` (customer → days of credit) dates invoices that have no due date.
    """
    reader = LedgerReader(currency, terms_days)
    lines: list[LedgerLine] = []
    with _collector_paused():
        for path, file in paths:
            lines.extend(reader.read(path, file))
    if headers is not None:
        headers.update(reader.headers)
    return lines, reader.findings


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while lines are built.

    A million new objects trigger collection after collection, each one walking every object
    made so far, which costs about as much as parsing. Ledger lines hold no cycles, so
    nothing is lost by waiting; the collector is switched back on as it was.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
