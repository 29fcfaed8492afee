"""Per-contract 定金 terms written in a Chinese contracts.csv reach `refund assess`."""

from __future__ import annotations

import json

from tests.builders import invoke, write_books


def test_contract_columns_override_the_earnest_defaults(tmp_path):
    """K1: amount 100,000, 定金 20,000 received in full. Its own terms: 定金上限 10 %, 双倍返还 否.
    Earnest counted = min(20,000 agreed, 10 % × 100,000 = 10,000, 20,000 received) = 10,000
    → earnest_capped. The reason (quality) is the company's fault, which would return the
    earnest part twice over, but this contract says no doubling: cash = the 20,000 released,
    nothing retained, no extra. (Under the defaults the cap is 20,000 and the extra 20,000.)"""
    books = write_books(
        tmp_path,
        {
            "books.yaml": "company: 上海测试商贸有限公司\n",
            "customers.csv": "客户编号,客户名称\nC1,甲公司\n",
            "contracts.csv": "合同编号,客户,签订日期,金额,款项性质,定金金额,定金上限,双倍返还\nK1,C1,2026-01-01,100000,定金,20000,10%,否\n",
            "ledger.csv": "date,kind,doc,customer,contract,amount\n2026-01-05,advance,A1,C1,K1,20000\n",
            "refunds.yaml": "- {id: R1, contract: K1, customer: C1, requested_on: 2026-02-01, amount: 20000, reason: 产品质量问题, evidence: [], approval_level: 3}\n",
        },
    )
    result = invoke("refund", "assess", "--books", books, "--as-of", "2026-02-28", "--format", "json")
    assert result.exit_code == 0, result.stderr
    (decision,) = json.loads(result.stdout)["decisions"]
    codes = [reason["code"] for reason in decision["reasons"]]
    assert "earnest_capped" in codes and "earnest_doubled" not in codes
    assert (decision["refundable"], decision["cash_refund"], decision["retained"], decision["extra_compensation"]) == ("20000.00", "20000.00", "0.00", "0.00")

    defaults = tmp_path / "defaults"
    write_books(defaults, {name: path.read_text(encoding="utf-8") for name, path in ((p.name, p) for p in books.iterdir() if p.is_file())})
    (defaults / "contracts.csv").write_text("合同编号,客户,签订日期,金额,款项性质,定金金额\nK1,C1,2026-01-01,100000,定金,20000\n", encoding="utf-8")
    (default_decision,) = json.loads(invoke("refund", "assess", "--books", defaults, "--as-of", "2026-02-28", "--format", "json").stdout)["decisions"]
    assert (default_decision["cash_refund"], default_decision["extra_compensation"]) == ("40000.00", "20000.00")
