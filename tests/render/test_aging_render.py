"""The aging report's JSON shape (SPEC §4) and its tables."""

from __future__ import annotations

import json
from datetime import date

from tests.builders import line
from zhangkuan.core.aging import age_receivables
from zhangkuan.core.receivables import settle_receivables
from zhangkuan.model.config import parse_bounds
from zhangkuan.model.enums import AgingBasis
from zhangkuan.render.aging import aging_payload, aging_tables
from zhangkuan.render.table import to_csv, to_markdown, to_xlsx

AS_OF = date(2026, 11, 30)


def report(detail=False):
    ledger = [
        line("invoice", "F1", "2026-09-01", "1000.5", due="2026-10-01"),
        line("invoice", "F2", "2026-10-01", "2000", customer="C2", due="2026-12-01"),
        line("receipt", "R1", "2026-11-01", "2200", customer="C2"),
    ]
    return age_receivables(
        settle_receivables(ledger, AS_OF), {"C1": "=甲公司", "C2": "乙公司"},
        as_of=AS_OF, basis=AgingBasis.DUE_DATE, bounds=parse_bounds("30,60,90,180,365"), currency="CNY", detail=detail,
    )


def test_json_has_the_stable_shape_with_amounts_as_two_decimal_strings():
    """C1 owes 1000.50, 60 days late → 31-60; C2 paid 2200 on 2000 → unapplied −200.00.
    Total 1000.50 − 200.00 = 800.50."""
    payload = json.loads(json.dumps(aging_payload(report(detail=True), detail=True)))
    assert list(payload) == ["as_of", "basis", "currency", "buckets", "customers", "totals"]
    assert payload["buckets"] == ["current", "1-30", "31-60", "61-90", "91-180", "181-365", ">365"]
    c1, c2 = payload["customers"]
    assert c1["buckets"]["31-60"] == "1000.50" and c1["buckets"]["current"] == "0.00"
    assert c1["invoices"] == [{"doc": "F1", "date": "2026-09-01", "due": "2026-10-01", "age_days": 60, "bucket": "31-60", "outstanding": "1000.50"}]
    assert (c2["unapplied"], c2["total"]) == ("-200.00", "-200.00")
    assert payload["totals"] == {"buckets": payload["totals"]["buckets"], "unapplied": "-200.00", "total": "800.50"}
    assert payload["totals"]["buckets"]["31-60"] == "1000.50"


def test_csv_neutralises_formula_cells_and_keeps_plain_amounts():
    """The customer name '=甲公司' must not become a spreadsheet formula; amounts are plain."""
    text = to_csv(aging_tables(report(), "en", detail=False)[0][1], "en")
    rows = text.splitlines()
    assert rows[0].startswith("Customer,Name,Current,1-30,31-60")
    assert rows[1].startswith("C1,'=甲公司,0.00,0.00,1000.50")
    assert rows[-1].startswith("TOTAL,,0.00,0.00,1000.50")


def test_chinese_headers_and_markdown_totals():
    table = aging_tables(report(), "zh", detail=False)[0][1]
    markdown = to_markdown(table, "zh")
    assert "| 客户编号 | 客户名称 | 未到期 |" in markdown
    assert "**合计**" in markdown and "**1,000.50**" in markdown


def test_xlsx_is_the_same_bytes_every_time_and_amounts_are_numbers():
    from io import BytesIO

    from openpyxl import load_workbook

    import zipfile

    tables = aging_tables(report(detail=True), "en", detail=True)
    first, second = to_xlsx(tables, "en"), to_xlsx(tables, "en")
    assert first == second
    # Nothing in the file may come from the clock, or two runs seconds apart would differ.
    archive = zipfile.ZipFile(BytesIO(first))
    assert {member.date_time for member in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    core = archive.read("docProps/core.xml").decode()
    assert "<dcterms:modified" in core and "2000-01-01T00:00:00Z</dcterms:modified>" in core
    workbook = load_workbook(BytesIO(first))
    assert workbook.sheetnames == ["aging", "invoices"]
    assert workbook["aging"]["E2"].value == 1000.5 and workbook["aging"]["E2"].number_format == "#,##0.00"
