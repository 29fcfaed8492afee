"""One reader for every records file: CSV, XLSX or YAML in, rows of cells by field out.

Each row keeps its line and the column names as written, so that a problem found later (a
bad amount, an unknown customer) can be reported where the user will look for it. Problems
of the file itself (unknown, duplicate or missing columns, stray cells, unreadable bytes)
become findings here; values are not judged yet.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from zhangkuan.io import csvfile, yamlfile
from zhangkuan.io.columns import ColumnSet, Row
from zhangkuan.io.csvfile import UnreadableFile
from zhangkuan.model.findings import Finding, Source, error
from zhangkuan.model.problems import os_reason

CSV_SUFFIXES = (".csv",)
YAML_SUFFIXES = (".yaml", ".yml")
XLSX_SUFFIXES = (".xlsx",)

EXTRA_HINT = "a cell outside the named columns usually means an unquoted comma: write 1234.50 or quote \"1,234.50\""
EXTRA_HINT_ZH = "列名之外多出的单元格，通常是金额里的千分位逗号没加引号：写成 1234.50，或加引号写成 \"1,234.50\""


def read_table(path: Path, file: str, columns: ColumnSet) -> tuple[list[Row], list[Finding]]:
    """The rows of a records file and the problems of its layout. ``file`` names it in findings."""
    suffix = path.suffix.lower()
    try:
        if suffix in YAML_SUFFIXES:
            return yamlfile.read_records(path, file, columns)
        if suffix in XLSX_SUFFIXES:
            return rows_from_grid(_xlsx_grid(path), file, columns)
        encoding = csvfile.detect_encoding(path)
        with csvfile.open_csv(path, encoding) as stream:
            return rows_from_grid(csvfile.read_rows(stream), file, columns)
    except READ_ERRORS as exc:
        return [], [unreadable(file, exc)]


# What reading a file can raise when the file, not our code, is at fault.
READ_ERRORS = (UnicodeDecodeError, UnreadableFile, OSError, csv.Error)


def unreadable(file: str, exc: Exception) -> Finding:
    """The ``unreadable_file`` finding for a failure to read ``file`` at all."""
    if isinstance(exc, UnicodeDecodeError):
        exc = csvfile.decode_error(exc)
    if isinstance(exc, UnreadableFile):
        return error("unreadable_file", exc.message, Source(file, 0), hint=exc.hint, zh=exc.message_zh, hint_zh=exc.hint_zh)
    if isinstance(exc, OSError):
        return error(
            "unreadable_file", f"cannot read the file: {exc.strerror or exc}", Source(file, 0), hint="check that it exists and is readable",
            zh=f"无法读取该文件：{os_reason(exc, 'zh')}", hint_zh="请确认文件存在且有读取权限",
        )
    return error("unreadable_file", f"not a CSV file: {exc}", Source(file, 0), hint="save it from Excel as 'CSV UTF-8'", zh=f"不是有效的 CSV 文件：{_csv_problem_zh(exc)}", hint_zh="请在 Excel 中另存为“CSV UTF-8”")


def _csv_problem_zh(exc: Exception) -> str:
    """The csv module's complaint in Chinese, for the two a spreadsheet's file can cause."""
    text = str(exc)
    if "NUL" in text:
        return "文件中有空字符（NUL），可能根本不是文本文件"
    if "field larger than field limit" in text:
        return "某个单元格超出长度上限，多半是少了一个闭合的引号"
    return text


def rows_from_grid(grid: Iterable[tuple[int, Sequence[object]]], file: str, columns: ColumnSet) -> tuple[list[Row], list[Finding]]:
    """Rows from a grid whose first row is the header; fully blank rows are skipped.

    A blank cell is left out of the row, so the record's default applies (or "missing" is
    reported for a required field). No row is read when a required column is missing: every
    record would fail the same way, and one finding says it better than a thousand.
    """
    grid_rows = iter(grid)
    first = next(grid_rows, None)
    if first is None:
        return [], []
    header = columns.resolve(first[1], file)
    findings = list(header.findings)
    if not header.complete:
        return [], findings
    positions = header.positions
    unnamed = {index for index, cell in enumerate(first[1]) if cell is None or not str(cell).strip()}
    rows: list[Row] = []
    for line, values in grid_rows:
        cells: dict[str, object] = {}
        stray = False
        for index, value in enumerate(values):
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            field_name = positions[index] if index < len(positions) else None
            if field_name is not None:
                cells[field_name] = value
            elif index >= len(positions) or index in unnamed:
                stray = True
        if stray:
            findings.append(error(
                "extra_cells", f"this row has cells beyond the {len(header.written)} named columns; the record was not read", Source(file, line), hint=EXTRA_HINT,
                zh=f"这一行在 {len(header.written)} 个有列名的列之外还有内容，该记录未读取", hint_zh=EXTRA_HINT_ZH,
            ))
        elif cells:
            rows.append(Row(line, cells, header.written))
    return rows, findings


def _xlsx_grid(path: Path) -> Iterator[tuple[int, Sequence[object]]]:
    """Rows of the workbook's first sheet, numbered as Excel shows them.

    openpyxl is imported here, not at module level: it costs more start-up time than the
    whole CLI is allowed, and most books never use a workbook.
    """
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
    except OSError:
        raise
    except Exception as exc:  # openpyxl raises zip, XML and key errors for files that are not workbooks
        raise UnreadableFile(
            f"not an Excel workbook (.xlsx): {exc}", "save it from Excel as 'Excel 工作簿 (*.xlsx)'",
            "不是 Excel 工作簿（.xlsx），无法打开", "请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”",
        ) from None
    try:
        yield from enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1)
    finally:
        workbook.close()
