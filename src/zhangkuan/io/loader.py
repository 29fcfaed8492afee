"""``load_books``: a books directory in, validated records and every problem found out.

Problems are collected, never raised: one run reads every file and reports every bad cell,
as bean-check does. A record with a problem is left out of the books and the rest are kept,
so that ``check`` can go on to the semantic checks with whatever is sound.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from zhangkuan.io.columns import COLUMN_SETS, ColumnSet, Row, columns_as_written, hint_for
from zhangkuan.io.configfile import CONFIG_FILE, read_config
from zhangkuan.io.ledger import read_ledger
from zhangkuan.io.tabular import read_table
from zhangkuan.model.books import Books
from zhangkuan.model.findings import Finding, Source, error
from zhangkuan.model.problems import validation_texts
from zhangkuan.model.records import RECORD_TYPES, Record

# The file names a record type may come in, the preferred one first (SPEC §2).
VARIANTS: dict[str, tuple[str, ...]] = {
    "customers": (".yaml", ".yml", ".csv", ".xlsx"),
    "contracts": (".yaml", ".yml", ".csv", ".xlsx"),
    "ledger": (".csv", ".yaml", ".yml", ".xlsx"),
    "refunds": (".yaml", ".yml", ".csv", ".xlsx"),
    "collections": (".csv", ".yaml", ".yml", ".xlsx"),
}
LEDGER_DIR = "ledger"


def load_books(root: Path) -> tuple[Books | None, list[Finding]]:
    """Read the books directory ``root``: books.yaml, then customers, contracts, ledger,
    refunds and collections (each optional). Books is None when books.yaml is missing or
    unusable; in the second case the record files are still read, so that one run reports
    every problem."""
    config, findings, currency = read_config(root / CONFIG_FILE)
    if config is None and any(finding.code == "missing_config" for finding in findings):
        return None, findings  # not a books directory: its other files are not ours to judge
    headers: dict[str, dict[str, str]] = {}
    customers = _by_id(_read_records(root, "customers", currency, findings, headers), "customer", findings)
    contracts = _by_id(_read_records(root, "contracts", currency, findings, headers), "contract", findings)
    terms_days = {customer_id: customer.terms_days for customer_id, customer in customers.items() if customer.terms_days}  # type: ignore[attr-defined]
    ledger, ledger_findings = read_ledger(_ledger_files(root, findings), currency, headers, terms_days)
    findings.extend(ledger_findings)
    refunds = list(_by_id(_read_records(root, "refunds", currency, findings, headers), "refund request", findings).values())
    collections = [record for record, _ in _read_records(root, "collections", currency, findings, headers)]
    if config is None:
        return None, findings
    return Books(config, customers, contracts, ledger, refunds, collections, headers), findings  # type: ignore[arg-type]


def _variant(root: Path, stem: str, findings: list[Finding]) -> Path | None:
    """The file a record type is read from; when several exist, the first variant, and an error."""
    present = [root / f"{stem}{suffix}" for suffix in VARIANTS[stem] if (root / f"{stem}{suffix}").is_file()]
    if stem == LEDGER_DIR and (root / LEDGER_DIR).is_dir():
        present.append(root / LEDGER_DIR)
    what_zh = COLUMN_SETS[stem].record_zh
    for ignored in present[1:]:
        message = f"{ignored.name} is not read because {present[0].name} holds the {stem}"
        findings.append(error(
            "ambiguous_file", message, Source(_relative(root, ignored), 0), hint=f"keep the {stem} in one file: merge them and remove the other",
            zh=f"未读取 {ignored.name}：{what_zh}已从 {present[0].name} 读取", hint_zh=f"{what_zh}只保留一个文件：合并后删除另一个",
        ))
    return present[0] if present else None


def _ledger_files(root: Path, findings: list[Finding]) -> list[tuple[Path, str]]:
    """ledger.csv (or .yaml/.xlsx), or every ledger/*.csv in name order."""
    chosen = _variant(root, LEDGER_DIR, findings)
    if chosen is None:
        return []
    if chosen.is_dir():
        files = sorted(path for path in chosen.glob("*.csv") if path.is_file() and not path.name.startswith((".", "~$")))
        return [(path, _relative(root, path)) for path in files]
    return [(chosen, _relative(root, chosen))]


def _read_records(root: Path, stem: str, currency: str, findings: list[Finding], headers: dict[str, dict[str, str]]) -> list[tuple[Record, Row]]:
    """The sound records of one file, each with the row it came from (for later findings);
    the file's columns as written go into ``headers``."""
    path = _variant(root, stem, findings)
    if path is None:
        return []
    file = _relative(root, path)
    columns = COLUMN_SETS[stem]
    model = RECORD_TYPES[stem]
    rows, row_findings = read_table(path, file, columns)
    findings.extend(row_findings)
    headers[file] = columns_as_written(rows)
    records: list[tuple[Record, Row]] = []
    for row in rows:
        try:
            records.append((model.model_validate({**row.cells, "source": Source(file, row.line)}, context={"currency": currency}), row))
        except ValidationError as exc:
            findings.extend(_cell_finding(item, row, file, columns) for item in exc.errors())
    return records


def _cell_finding(item: dict, row: Row, file: str, columns: ColumnSet) -> Finding:
    """A pydantic error as a finding at the cell: its line, its column as the user wrote it."""
    field_name = str(item["loc"][0]) if item["loc"] else ""
    column = row.column(field_name) if field_name else ""
    where = Source(file, row.line_of(field_name) if field_name else row.line)
    if item["type"] == "missing":
        hint = f"fill in {column}; {hint_for(field_name)}".rstrip("; ")
        hint_zh = f"请填写 {column}；{hint_for(field_name, 'zh')}".rstrip("；")
        return error("missing_value", f"{field_name} is required in {columns.record}", where, column, hint, zh=f"{columns.record_zh}必须填写{columns.named_zh(field_name)}", hint_zh=hint_zh)
    message, message_zh = validation_texts(item)
    return error("bad_value", message, where, column, hint_for(field_name), zh=message_zh, hint_zh=hint_for(field_name, "zh"))


def _by_id(records: list[tuple[Record, Row]], what: str, findings: list[Finding]) -> dict[str, Record]:
    """Records by id; a repeated id is an error at the second record and that record is left out."""
    by_id: dict[str, Record] = {}
    for record, row in records:
        record_id = record.id  # type: ignore[attr-defined]
        first = by_id.get(record_id)
        if first is None:
            by_id[record_id] = record
            continue
        assert record.source is not None and first.source is not None
        where = Source(record.source.file, row.line_of("id"))
        what_zh = _RECORD_NAMES_ZH.get(what, what)
        findings.append(error(
            "duplicate_id", f"{what} id {record_id} is used twice; the first is on line {first.source.line}", where, row.column("id"), f"give each {what} its own id",
            zh=f"{what_zh}编号 {record_id} 重复，第一次出现在第 {first.source.line} 行", hint_zh=f"每个{what_zh}使用各自的编号",
        ))
    return by_id


_RECORD_NAMES_ZH = {"customer": "客户", "contract": "合同", "refund request": "退款申请"}


def _relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()
