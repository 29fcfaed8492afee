"""YAML records: safe loading, exact decimals, lines per record and per key."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.io.files import books_dir, where, write
from zhangkuan.io.columns import CUSTOMERS, LEDGER, REFUNDS
from zhangkuan.io.loader import load_books
from zhangkuan.io.yamlfile import read_records


def test_floats_are_exact_decimals_ints_stay_ints_dates_are_dates(tmp_path):
    write(tmp_path, "refunds.yaml", "- id: R1\n  amount: 0.1\n  approval_level: 2\n  requested_on: 2026-11-23\n  evidence: [合同, 验收单]\n")
    rows, findings = read_records(tmp_path / "refunds.yaml", "refunds.yaml", REFUNDS)
    assert findings == []
    assert rows[0].cells == {"id": "R1", "amount": Decimal("0.1"), "approval_level": 2, "requested_on": date(2026, 11, 23), "evidence": ["合同", "验收单"]}
    assert type(rows[0].cells["approval_level"]) is int


def test_text_fields_keep_what_was_written_not_yaml_numbers(tmp_path):
    """``007`` is octal 7 to YAML 1.1 and ``0755…`` a phone; ids and phones must stay text."""
    write(tmp_path, "customers.yaml", "- id: 007\n  name: 甲\n  phone: 07551234567\n  tax_id: 91350100M000100Y43\n  credit_limit: 1_000.5\n")
    rows, _ = read_records(tmp_path / "customers.yaml", "customers.yaml", CUSTOMERS)
    assert rows[0].cells == {"id": "007", "name": "甲", "phone": "07551234567", "tax_id": "91350100M000100Y43", "credit_limit": Decimal("1000.5")}


def test_record_and_key_lines_come_from_the_yaml_marks(tmp_path):
    books_dir(
        tmp_path,
        {
            "customers.yaml": "# 客户\n- id: C1\n  name: 甲\n\n- 客户编号: C2\n  客户名称: 乙\n  信用额度: 12.345\n  账期: 30\n",
        },
    )
    books, findings = load_books(tmp_path)
    assert where(findings) == [("bad_value", "customers.yaml", 7, "信用额度")]
    assert books.customers["C1"].source.line == 2


def test_python_tags_are_refused_and_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    write(
        tmp_path,
        "customers.yaml",
        f"- id: C1\n  name: 甲\n- id: C2\n  name: !!python/object/apply:os.system ['touch {marker}']\n- id: C3\n  name: 丙\n",
    )
    books_dir(tmp_path, {})
    books, findings = load_books(tmp_path)
    assert not marker.exists()
    assert where(findings) == [("unsafe_yaml", "customers.yaml", 4, "name")]
    assert "python/object/apply:os.system" in findings[0].message
    assert sorted(books.customers) == ["C1", "C3"]  # only the record holding the tag is lost


def test_a_tag_on_books_yaml_makes_the_configuration_unusable(tmp_path):
    marker = tmp_path / "pwned"
    write(tmp_path, "books.yaml", f"company: !!python/object/apply:os.system ['touch {marker}']\n")
    books, findings = load_books(tmp_path)
    assert books is None and not marker.exists()
    assert where(findings) == [("unsafe_yaml", "books.yaml", 1, "")]


def test_syntax_error_is_reported_with_its_line(tmp_path):
    write(tmp_path, "customers.yaml", "- id: C1\n  name: 甲\n- id: [C2\n  name: 乙\n")
    rows, findings = read_records(tmp_path / "customers.yaml", "customers.yaml", CUSTOMERS)
    assert rows == []
    assert [(f.code, f.line) for f in findings] == [("bad_yaml", 4)]


def test_not_a_list_unknown_and_repeated_keys(tmp_path):
    write(tmp_path, "a.yaml", "id: C1\n")
    assert where(read_records(tmp_path / "a.yaml", "a.yaml", CUSTOMERS)[1]) == [("bad_yaml", "a.yaml", 1, "")]
    write(tmp_path, "b.yaml", "- id: C1\n  name: 甲\n  颜色: 红\n  客户名称: 乙\n- just text\n-\n")
    rows, findings = read_records(tmp_path / "b.yaml", "b.yaml", CUSTOMERS)
    assert where(findings) == [("unknown_column", "b.yaml", 3, "颜色"), ("duplicate_column", "b.yaml", 4, "客户名称"), ("bad_yaml", "b.yaml", 5, "")]
    assert [row.cells for row in rows] == [{"id": "C1", "name": "甲"}]


def test_empty_file_has_no_records_and_no_findings(tmp_path):
    write(tmp_path, "ledger.yaml", "# nothing yet\n")
    assert read_records(tmp_path / "ledger.yaml", "ledger.yaml", LEDGER) == ([], [])


def test_special_floats_reach_the_amount_parser_and_are_refused(tmp_path):
    books_dir(tmp_path, {"customers.yaml": "- {id: C1, name: 甲, credit_limit: .nan}\n- {id: C2, name: 乙, credit_limit: .inf}\n"})
    books, findings = load_books(tmp_path)
    assert where(findings) == [("bad_value", "customers.yaml", 1, "credit_limit"), ("bad_value", "customers.yaml", 2, "credit_limit")]
    assert books.customers == {}


def test_a_key_written_twice_in_books_yaml_is_an_error_at_the_repeat_and_the_rest_still_loads(tmp_path):
    """PyYAML would keep fee_rate: 0 and drop 5 % without a word. Both repeats are reported, at
    their second line, with the other problems of the same run; the configuration still loads
    (the last value in force) so every other file is checked too."""
    write(tmp_path, "books.yaml", "company: 甲\nrefunds:\n  fee_rate: 5%\n  window_days: 30\n  fee_rate: 0\ncurrency: CNY\ncurrency: CNY\n")
    write(tmp_path, "customers.yaml", "- {id: C1, name: 甲, credit_limit: 1.234}\n")
    books, findings = load_books(tmp_path)
    assert where(findings) == [("duplicate_key", "books.yaml", 5, "fee_rate"), ("duplicate_key", "books.yaml", 7, "currency"), ("bad_value", "customers.yaml", 1, "credit_limit")]
    assert "first on line 3" in findings[0].message
    assert books is not None and books.config.refunds.fee_rate == 0


def test_a_repeated_key_inside_a_value_spoils_only_its_record_and_merge_keys_are_not_repeats(tmp_path):
    """K1's evidence names 'quality' twice: K1 is left out. K2 repeats no key of its own — the
    same keys in another record or another mapping are fine — and K3's '<<' merges a mapping in."""
    books_dir(
        tmp_path,
        {
            "customers.csv": "id,name\nC1,甲\n",
            "contracts.yaml": (
                "- id: K1\n  customer: C1\n  signed_on: 2026-01-01\n  amount: 1000\n  evidence:\n    quality: [合同]\n    quality: [质检报告]\n"
                "- id: K2\n  customer: C1\n  signed_on: 2026-01-01\n  amount: 1000\n  evidence: {quality: [合同], all: [合同]}\n"
                "- id: K3\n  customer: C1\n  signed_on: 2026-01-01\n  amount: 1000\n  evidence:\n    <<: {quality: [合同]}\n    all: [合同]\n"
            ),
        },
    )
    books, findings = load_books(tmp_path)
    assert where(findings) == [("duplicate_key", "contracts.yaml", 7, "quality")]
    assert sorted(books.contracts) == ["K2", "K3"]
    assert books.contracts["K3"].evidence == {"quality": ["合同"], "all": ["合同"]}


def test_aliases_and_recursive_aliases_are_walked_once_and_still_refused(tmp_path):
    """An alias makes YAML a graph ('&r' used twice is not a repeated key) and '&a [*a]' a cycle:
    looking for repeated keys must end, and the recursive value is refused as before. Run in a
    child process, so that a walk that never ends fails the test instead of hanging it."""
    import subprocess
    import sys

    write(tmp_path, "books.yaml", "company: 甲\nrefunds: &r {fee_rate: 5%}\nother: *r\nloop: &a [*a]\n")
    script = "import sys; from pathlib import Path; from zhangkuan.io.loader import load_books; _, f = load_books(Path(sys.argv[1])); print(sorted({(x.code, x.line) for x in f}))"
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[('bad_yaml', 4)]"
