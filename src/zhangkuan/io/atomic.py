"""Writing files so that a killed process leaves the old file or the new one, never half (SPEC §6).

Every write goes to a temporary file in the same directory (same file system, so the rename
is atomic), is flushed to disk, and replaces the target with ``os.replace``. Appending a
record is the same thing: the original bytes, then the new rows, written as a new file.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import tempfile
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path

import yaml
from yaml.nodes import SequenceNode

from zhangkuan.io.columns import COLUMN_SETS, ColumnSet
from zhangkuan.io.csvfile import UTF8_BOM, detect_encoding
from zhangkuan.io.yamlfile import YamlProblem, compose
from zhangkuan.model.findings import BooksError

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_atomic(path: Path, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` (str is written as UTF-8) in one step.

    The file keeps its permissions when it exists; a new file gets the usual ones (0666
    less the umask), not the 0600 of a temporary file.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _default_mode()
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _naming(path, exc) from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _naming(path, exc) from None
        raise
    _sync_directory(path.parent)


def _naming(path: Path, exc: OSError) -> OSError:
    """The same failure, about the file the user named rather than our temporary file."""
    return type(exc)(exc.errno, exc.strerror or str(exc), str(path))


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable; not every platform can open a directory, which is fine."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def neutralise_cell(text: str) -> str:
    """Keep a spreadsheet from running a text cell as a formula: prefix ``'`` (SPEC §6)."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def cell_text(value: object) -> str:
    """A value as a CSV cell: ISO dates, plain decimals, ``;``-joined lists, true/false, blank for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (list, tuple)):
        return ";".join(cell_text(item) for item in value)
    return str(value)


def append_records(path: Path, records: Sequence[Mapping[str, object]], record: str) -> None:
    """Append ``records`` (field → value) to the records file ``path`` atomically.

    ``record`` names the kind of file (``ledger``, ``collections``…) so that Chinese column
    headers are understood. CSV keeps its encoding, BOM, header order and line ending; YAML
    keeps every byte written so far. A missing file is created (CSV: UTF-8 with BOM, English
    headers in the order of the first record).
    """
    columns = COLUMN_SETS[record]
    if path.suffix.lower() in (".yaml", ".yml"):
        write_atomic(path, _yaml_appended(path, records))
    else:
        write_atomic(path, _csv_appended(path, records, columns))


def _csv_appended(path: Path, records: Sequence[Mapping[str, object]], columns: ColumnSet) -> bytes:
    def rows_under(header: list[str]) -> list[list[str]]:
        fields = [columns.field_for(name) or "" for name in header]
        return [_csv_row(entry, fields, path, columns) for entry in records]

    return csv_appended(path, list(records[0]) if records else [], rows_under)


def csv_appended(path: Path, header: Sequence[str], rows_under: Callable[[list[str]], list[list[str]]]) -> bytes:
    """The bytes of the CSV file ``path`` with rows added at the end.

    The old bytes stay exactly as they were (BOM, encoding, line ending kept); the new rows are
    ``rows_under(the file's header)``, so they land under the columns the file really has. A
    missing or empty file starts with a UTF-8 BOM (Excel opens it right) and ``header``.
    """
    if not path.exists() or path.stat().st_size == 0:
        return UTF8_BOM + _csv_lines([list(header), *rows_under(list(header))], "\r\n").encode("utf-8")
    original = path.read_bytes()
    encoding = detect_encoding(path)
    text = original.decode(encoding)
    existing = next(csv.reader(io.StringIO(text)), [])
    first_line = text.split("\n", 1)[0]
    ending = "\r\n" if first_line.endswith("\r") or "\n" not in text else "\n"
    rows: list[list[str]] = []
    if not existing:  # a file holding only a BOM or blank lines: give it a header first
        existing = list(header)
        rows.append(existing)
    rows.extend(rows_under(existing))
    separator = "" if not text.strip() or text.endswith(("\n", "\r")) else ending
    # Only the new rows are encoded; the original bytes (BOM included) stay as they were.
    return original + (separator + _csv_lines(rows, ending)).encode("utf-8" if encoding == "utf-8-sig" else encoding)


def appendable_records_file(root: Path, stem: str) -> Path:
    """The records file new ``stem`` records are appended to: the existing CSV or YAML one, else
    a new ``stem.csv``. An XLSX one is refused: a workbook is rewritten whole, and its formats
    and formulas would be at risk."""
    for suffix in (".csv", ".yaml", ".yml"):
        path = root / f"{stem}{suffix}"
        if path.is_file():
            return path
    if (root / f"{stem}.xlsx").is_file():
        raise BooksError.single(
            "cannot_append", f"{stem}.xlsx cannot be appended to safely", file=f"{stem}.xlsx",
            hint=f"save it as {stem}.csv (Excel: Save As → CSV UTF-8) and remove the xlsx",
            zh=f"无法安全地向 {stem}.xlsx 追加记录（工作簿只能整个重写，格式和公式可能受损）",
            hint_zh=f"在 Excel 中另存为 {stem}.csv（另存为 → CSV UTF-8），并删除 xlsx 文件",
        )
    return root / f"{stem}.csv"


def _csv_row(entry: Mapping[str, object], fields: list[str], path: Path, columns: ColumnSet) -> list[str]:
    lost = [name for name, value in entry.items() if name not in fields and cell_text(value) != ""]
    if lost:
        message = f"cannot append to {path.name}: it has no column for {', '.join(lost)}"
        raise BooksError.single(
            "missing_column", message, file=path.name, line=1, column=lost[0], hint=f"add a column named {lost[0]} to the header",
            zh=f"无法追加到 {path.name}：该文件没有 {'、'.join(lost)} 列", hint_zh=f"在表头中添加名为 {lost[0]} 的列",
        )
    return [_cell(entry.get(name), name, columns) for name in fields]


def _cell(value: object, name: str, columns: ColumnSet) -> str:
    text = cell_text(value)
    return neutralise_cell(text) if name in columns.free_text else text


def _csv_lines(rows: Sequence[Sequence[str]], ending: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=ending).writerows(rows)
    return buffer.getvalue()


class _RecordDumper(yaml.SafeDumper):
    """Decimals as plain numbers (``1234.50``), the way a person writes them in YAML."""


_RecordDumper.add_representer(Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", format(value, "f")))


def _yaml_value(value: object) -> object:
    """Enum members as their plain value: the safe dumper writes only plain types."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_yaml_value(item) for item in value]
    return value


def _yaml_appended(path: Path, records: Sequence[Mapping[str, object]]) -> bytes:
    items = [{name: _yaml_value(value) for name, value in entry.items() if value is not None and value != ""} for entry in records]
    dumped = yaml.dump(items, Dumper=_RecordDumper, allow_unicode=True, sort_keys=False, default_flow_style=False)
    if not path.exists():
        return dumped.encode("utf-8")
    original = path.read_bytes()
    encoding = detect_encoding(path)
    text = original.decode(encoding)
    try:
        _, root = compose(text, path.name)
    except YamlProblem as problem:
        raise BooksError([problem.finding]) from None
    if root is not None and not (isinstance(root, SequenceNode) and not root.flow_style):
        if isinstance(root, SequenceNode) and not root.value:  # "[]": the empty list a new file often holds
            text = text[: root.start_mark.index] + text[root.end_mark.index :]
            original = text.encode("utf-8" if encoding == "utf-8-sig" else encoding)
            if encoding == "utf-8-sig":
                original = UTF8_BOM + original
        else:
            raise BooksError.single(
                "bad_yaml", f"cannot append to {path.name}: it is not a list of '- ' records", file=path.name,
                hint="write the records as a block list, one '- key: value' record after another",
                zh=f"无法追加到 {path.name}：它不是以“- ”开头的记录列表", hint_zh="把记录写成块状列表，一条接一条地写“- 键: 值”",
            )
    indent = " " * (root.start_mark.column if isinstance(root, SequenceNode) and root.value else 0)
    block = "".join(f"{indent}{line}\n" if line else "\n" for line in dumped.splitlines())
    separator = "" if not text or text.endswith("\n") else "\n"
    return original + (separator + block).encode("utf-8" if encoding == "utf-8-sig" else encoding)
