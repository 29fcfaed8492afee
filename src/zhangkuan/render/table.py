"""A report as a table: typed columns and rows, rendered to terminal, CSV, Markdown or XLSX.

Commands build one ``Table`` (plus the JSON payload of SPEC §4, which has its own shape) and
let ``render.output.emit`` pick the format. Amounts stay ``Decimal`` until the last moment so
each format can show them its own way: grouped on screen, plain in CSV, numeric in XLSX.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from zhangkuan.core.money import format_amount
from zhangkuan.render.labels import label


class Kind(StrEnum):
    TEXT = "text"
    AMOUNT = "amount"
    DATE = "date"
    NUMBER = "number"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    kind: Kind = Kind.TEXT
    header: str | None = None  # fixed header (e.g. a bucket name); else the label of ``key``

    def title(self, lang: str) -> str:
        return self.header if self.header is not None else label(self.key, lang)


@dataclass(slots=True)
class Table:
    """Rows are mappings from column key to value; ``totals`` rows are set apart at the bottom."""

    columns: list[Column]
    rows: list[dict[str, object]] = field(default_factory=list)
    totals: list[dict[str, object]] = field(default_factory=list)
    title: str = ""
    currency: str = "CNY"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Keep a spreadsheet from reading a text cell as a formula (SPEC §6)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def cell_text(value: object, kind: Kind, currency: str, *, grouping: bool = False) -> str:
    if value is None or value == "":
        return ""
    if kind is Kind.AMOUNT and isinstance(value, Decimal):
        return format_amount(value, currency, grouping=grouping)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(table: Table, lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.title(lang) for column in table.columns])
    for row in table.rows + table.totals:
        writer.writerow(
            neutralise(text) if column.kind is Kind.TEXT else text
            for column in table.columns
            for text in [cell_text(row.get(column.key), column.kind, table.currency)]
        )
    return buffer.getvalue()


def to_markdown(table: Table, lang: str) -> str:
    def escape(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [f"## {table.title}", ""] if table.title else []
    lines.append("| " + " | ".join(escape(column.title(lang)) for column in table.columns) + " |")
    lines.append("|" + "|".join("---:" if column.kind in (Kind.AMOUNT, Kind.NUMBER) else "---" for column in table.columns) + "|")
    for index, row in enumerate(table.rows + table.totals):
        cells = [escape(cell_text(row.get(column.key), column.kind, table.currency, grouping=True)) for column in table.columns]
        if index >= len(table.rows):
            cells = [f"**{cell}**" if cell else cell for cell in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def to_rich(table: Table, lang: str):  # -> rich.table.Table; rich is imported only when drawing
    from rich.table import Table as RichTable

    drawn = RichTable(title=table.title or None, show_footer=False, header_style="bold")
    for column in table.columns:
        drawn.add_column(column.title(lang), justify="right" if column.kind in (Kind.AMOUNT, Kind.NUMBER) else "left", no_wrap=column.kind is not Kind.TEXT)
    for index, row in enumerate(table.rows + table.totals):
        drawn.add_row(
            *(cell_text(row.get(column.key), column.kind, table.currency, grouping=True) for column in table.columns),
            style="bold" if index >= len(table.rows) else None,
            end_section=index == len(table.rows) - 1 and bool(table.totals),
        )
    return drawn


def to_xlsx(tables: list[tuple[str, Table]], lang: str) -> bytes:
    """A workbook with one sheet per table; amounts as numbers with two decimals, dates as dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet_name, table in tables:
        sheet = workbook.create_sheet(sheet_name[:31])
        sheet.append([column.title(lang) for column in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for index, row in enumerate(table.rows + table.totals):
            values = []
            for column in table.columns:
                value = row.get(column.key)
                if column.kind is Kind.TEXT and isinstance(value, str):
                    value = neutralise(value)
                elif isinstance(value, StrEnum):
                    value = value.value
                values.append(value)
            sheet.append(values)
            excel_row = sheet.max_row
            for position, column in enumerate(table.columns, start=1):
                cell = sheet.cell(row=excel_row, column=position)
                if column.kind is Kind.AMOUNT:
                    cell.number_format = "#,##0.00"
                elif column.kind is Kind.DATE:
                    cell.number_format = "yyyy-mm-dd"
                if index >= len(table.rows):
                    cell.font = Font(bold=True)
        for position, column in enumerate(table.columns, start=1):
            width = max(len(column.title(lang)) * (2 if lang == "zh" else 1), 12 if column.kind is Kind.AMOUNT else 8)
            sheet.column_dimensions[sheet.cell(row=1, column=position).column_letter].width = width
        sheet.freeze_panes = "A2"
    workbook.properties.creator = "zhangkuan"
    workbook.properties.created = workbook.properties.modified = _FIXED_TIMESTAMP
    buffer = io.BytesIO()
    # ExcelWriter, not workbook.save(): save_workbook stamps properties.modified with the clock.
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _with_fixed_zip_times(buffer.getvalue())


# Workbooks carry no wall-clock time, so the same report gives the same bytes (SPEC §6).
_FIXED_TIMESTAMP = datetime(2000, 1, 1)


def _with_fixed_zip_times(archive: bytes) -> bytes:
    """Rewrite a zip so that every member carries the same timestamp."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            fixed = zipfile.ZipInfo(member.filename, date_time=_FIXED_TIMESTAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(member.filename))
    return buffer.getvalue()
