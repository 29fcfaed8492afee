"""``zhangkuan init``, ``check`` and ``--version`` through the real entry point."""

from __future__ import annotations

import json

from tests.builders import invoke, write_books
from zhangkuan import __version__


def test_version():
    result = invoke("--version")
    assert (result.exit_code, result.stdout.strip()) == (0, f"zhangkuan {__version__}")


def test_init_then_check_is_clean_and_init_twice_refuses(tmp_path):
    target = tmp_path / "新公司"
    assert invoke("init", target, "--company", "上海新公司").exit_code == 0
    assert (target / "books.yaml").read_text(encoding="utf-8").count("#") > 10  # commented for the accountant
    result = invoke("check", "--books", target, "--as-of", "2026-11-30")
    assert result.exit_code == 0, result.stderr
    again = invoke("init", target)
    assert again.exit_code == 1 and "Traceback" not in again.stderr


def test_check_reports_every_problem_in_one_run_as_file_line_column(tmp_path):
    """Two bad cells in two files: both reported, each as FILE:LINE:COLUMN: error CODE."""
    books = write_books(
        tmp_path,
        {
            "books.yaml": "company: 甲\n",
            "customers.csv": "id,name,credit_limit\nC1,甲,1.234\n",
            "ledger.csv": "date,kind,doc,customer,amount\n2026-01-01,invoice,F1,C1,100\n2026-13-01,invoice,F2,C1,100\n",
        },
    )
    result = invoke("check", "--books", books, "--as-of", "2026-11-30")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{books}/customers.csv:2:credit_limit: error ") for line in lines)
    assert any(line.startswith(f"{books}/ledger.csv:3:date: error ") for line in lines)


def test_check_json_and_strict_warnings(tmp_path):
    """A record after the as-of date is a warning: exit 0, but 1 with --strict."""
    books = write_books(
        tmp_path,
        {
            "books.yaml": "company: 甲\n",
            "customers.csv": "id,name\nC1,甲\n",
            "ledger.csv": "date,kind,doc,customer,amount\n2026-12-01,invoice,F1,C1,100\n",
        },
    )
    result = invoke("check", "--books", books, "--as-of", "2026-11-30", "--format", "json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert (payload["errors"], payload["warnings"]) == (0, 1)
    finding = payload["findings"][0]
    assert set(finding) == {"severity", "code", "file", "line", "column", "message", "hint"}
    assert (finding["severity"], finding["code"], finding["line"]) == ("warning", "future_record", 2)
    assert invoke("check", "--books", books, "--as-of", "2026-11-30", "--strict").exit_code == 1


def test_init_refusal_names_each_existing_file_once(tmp_path):
    """The findings' paths are the target directory plus the file, not the directory twice."""
    target = tmp_path / "books"
    invoke("init", target)
    result = invoke("init", target)
    assert result.exit_code == 1
    assert f"{target}/books.yaml: error books_exist" in result.stderr
    assert f"{target}/{target.name}/" not in result.stderr
