"""The bundled example books, through the real console entry point in a subprocess.

The expected figures are the ones examples/make_shanghai_trading.py computes on its own
(it re-derives every scenario from the data it writes) and the example README promises.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shanghai-trading"
AS_OF = "2026-11-30"


def zhangkuan(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "zhangkuan", *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module", autouse=True)
def example_exists():
    if not EXAMPLE.is_dir():
        pytest.skip("example books not present")


def test_check_is_clean_but_for_the_deliberate_warnings():
    """Warnings only: the two refund requests made to be rejected, and C009's overpayment."""
    result = zhangkuan("check", "--books", str(EXAMPLE), "--as-of", AS_OF, "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["errors"] == 0
    assert sorted(f["code"] for f in payload["findings"]) == ["contract_customer_mismatch", "receipt_exceeds_invoice", "unknown_contract"]


def test_aging_totals_match_the_example_readme():
    """885,842.50 receivable = 914,443.00 open invoices − 28,600.50 unapplied (C009 200, C010 28,400.50);
    424,162.50 of it not yet due."""
    result = zhangkuan("aging", "--books", str(EXAMPLE), "--as-of", AS_OF, "--format", "json")
    assert result.returncode == 0, result.stderr
    totals = json.loads(result.stdout)["totals"]
    assert (totals["total"], totals["unapplied"], totals["buckets"]["current"]) == ("885842.50", "-28600.50", "424162.50")


def test_collect_tasks_reach_every_ladder_level():
    result = zhangkuan("collect", "tasks", "--books", str(EXAMPLE), "--as-of", AS_OF, "--format", "json")
    assert result.returncode == 0, result.stderr
    tasks = json.loads(result.stdout)["tasks"]
    assert sorted({task["level"] for task in tasks}) == [1, 2, 3, 4, 5]
    reasons = " ".join(str(reason) for task in tasks for reason in task["reasons"])
    assert "limitation_expiring" in reasons and "limitation_expired" in reasons and "promise_broken" in reasons
    assert tasks[0]["customer"] == "C008"  # the limitation about to run out comes first


def test_refund_assess_reaches_every_status():
    result = zhangkuan("refund", "assess", "--books", str(EXAMPLE), "--as-of", AS_OF, "--format", "json")
    assert result.returncode == 0, result.stderr
    decisions = json.loads(result.stdout)["decisions"]
    assert {decision["status"] for decision in decisions} == {"eligible", "partial", "rejected", "posted"}
    for decision in decisions:  # SPEC §4: refundable = cash_refund + retained − extra_compensation
        from decimal import Decimal

        cash, kept, extra, refundable = (Decimal(decision[key]) for key in ("cash_refund", "retained", "extra_compensation", "refundable"))
        assert refundable == cash + kept - extra


def test_version_and_usage_error_exit_codes():
    assert zhangkuan("--version").returncode == 0
    wrong = zhangkuan("aging", "--no-such-option")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr


def test_the_process_exit_flushes_everything_it_printed(tmp_path):
    """The console entry ends with a hard exit (no object freed one by one): the output must
    still arrive whole. 3,000 open invoices make a --detail JSON of about a megabyte, far past
    any pipe or stdio buffer; broken books must still say why on stderr and exit 1."""
    (tmp_path / "books.yaml").write_text("company: 甲\n", encoding="utf-8")
    (tmp_path / "customers.csv").write_text("id,name\nC1,甲客户\n", encoding="utf-8")
    rows = "".join(f"2026-{1 + n % 9:02d}-{1 + n % 28:02d},invoice,F{n:05d},C1,{100 + n}.00\n" for n in range(3000))
    (tmp_path / "ledger.csv").write_text("date,kind,doc,customer,amount\n" + rows, encoding="utf-8")
    result = zhangkuan("aging", "--books", str(tmp_path), "--as-of", AS_OF, "--detail", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout) > 500_000
    customer = json.loads(result.stdout)["customers"][0]
    assert {invoice["doc"] for invoice in customer["invoices"]} == {f"F{n:05d}" for n in range(3000)}
    assert customer["total"] == "4798500.00"  # Σ (100 + n) for n < 3000 = 300,000 + 4,498,500

    (tmp_path / "ledger.csv").write_text("date,kind,doc,customer,amount\n2026-02-30,invoice,F1,C1,100.00\n", encoding="utf-8")
    broken = zhangkuan("aging", "--books", str(tmp_path), "--as-of", AS_OF)
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
    assert "ledger.csv:2:date: error bad_value" in broken.stderr and broken.stderr.rstrip().endswith("`zhangkuan check` to see them all.")


@pytest.mark.parametrize(("ending", "status"), [("", 0), ("sys.exit(1)", 1), ("sys.exit(None)", 0), ("sys.exit('gone')", 1)])
def test_run_flushes_unflushed_output_and_keeps_the_exit_status(ending, status):
    """``run`` ends the process with os._exit, which drops what sits in stdio buffers: it must
    flush first, and exit with the status that sys.exit was given (a text → 1, on stderr).
    Small writes with buffering on (PYTHONUNBUFFERED unset, as on a user's machine) leave the
    tail of stdout in the buffer until something flushes it."""
    app = f"def app():\n    for _ in range(10_000):\n        print('x' * 9)\n    print('note', file=sys.stderr, end='')\n    {ending or 'pass'}\n"
    script = f"import sys\nfrom zhangkuan.cli import main\n{app}main.app = app\nmain.run()\n"
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert (result.returncode, len(result.stdout)) == (status, 100_000)
    assert result.stderr.startswith("note") and ("gone" in result.stderr) == ("gone" in ending)
