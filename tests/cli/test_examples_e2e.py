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
