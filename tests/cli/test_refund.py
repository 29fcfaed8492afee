"""``zhangkuan advances`` and ``refund assess|post`` through the real entry point.

The books (as of 2026-06-30, fee 5 % on H1, default ladder):
- H1 (C1, prepayment, fee 5 %): advance 30000, recognised 10000 → open 20000.
- H2 (C2, earnest 20000 of 100000 = the 20 % cap): advance 50000 → every yuan 40 % earnest.
- H3 (C1, closed): advance 2000.
Requests, in requested_on order:
- R1 H1 8000 demand_change (customer): fee 400.00, cash 7600.00 → level 1, recorded 1 → approved.
- R2 H2 10000 quality (company): earnest part 4000.00 doubled, cash 14000.00 → level 2, recorded 2.
- R3 H1 15000 contract_change: balance 20000 − 8000 pending = 12000 → partial, cash 12000.00
  → level 2, recorded 0 → not approved.
- R4 H3 2000: contract closed → rejected.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal

import pytest

from tests.builders import invoke, write_books

AS_OF = "2026-06-30"
LEDGER = """\
    date,kind,doc,customer,contract,amount,memo
    2026-02-01,advance,A1,C1,H1,30000,
    2026-02-15,recognition,S1,C1,H1,10000,
    2026-03-01,advance,A2,C2,H2,50000,
    2026-03-05,advance,A3,C1,H3,2000,
    """
BOOKS = {
    "books.yaml": "company: 上海测试商贸有限公司\n",
    "customers.csv": """\
        id,name
        C1,甲公司
        C2,乙公司
        """,
    "contracts.yaml": """\
        - {id: H1, customer: C1, signed_on: 2026-01-10, amount: 100000, fee_rate: 5%}
        - {id: H2, customer: C2, signed_on: 2026-01-10, amount: 100000, deposit_kind: 定金, earnest_amount: 20000}
        - {id: H3, customer: C1, signed_on: 2026-01-10, amount: 50000, status: closed}
        """,
    "refunds.yaml": """\
        - {id: R1, contract: H1, customer: C1, requested_on: 2026-04-01, amount: 8000, reason: demand_change, approval_level: 1}
        - {id: R2, contract: H2, customer: C2, requested_on: 2026-04-02, amount: 10000, reason: 质量问题, approval_level: 2}
        - {id: R3, contract: H1, customer: C1, requested_on: 2026-04-03, amount: 15000, reason: contract_change}
        - {id: R4, contract: H3, customer: C1, requested_on: 2026-04-04, amount: 2000, reason: demand_change, approval_level: 1}
        """,
}


@pytest.fixture
def books(tmp_path):
    return write_books(tmp_path / "books", {**BOOKS, "ledger.csv": LEDGER})


def run(*args):
    return invoke(*args, "--as-of", AS_OF)


def assess_json(books, *args, lang="en"):
    result = run("refund", "assess", *args, "--books", books, "--format", "json", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def snapshot(books):
    return {path.relative_to(books).as_posix(): path.read_bytes() for path in sorted(books.rglob("*")) if path.is_file()}


def test_advances_json_per_contract_with_totals(books):
    """H1 30000 − 10000 = 20000; H2 50000; H3 2000; totals 82000 − 10000 − 0 = 72000."""
    result = run("advances", "--books", books, "--format", "json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["contracts"][0] == {"contract": "H1", "customer": "C1", "name": "甲公司", "received": "30000.00", "recognised": "10000.00", "refunded": "0.00", "open": "20000.00"}
    assert [row["open"] for row in payload["contracts"]] == ["20000.00", "50000.00", "2000.00"]
    assert payload["totals"] == {"received": "82000.00", "recognised": "10000.00", "refunded": "0.00", "open": "72000.00"}


def test_advances_csv_in_chinese_ends_with_the_total_row(books):
    result = run("advances", "--books", books, "--format", "csv", "--lang", "zh")
    rows = result.stdout.splitlines()
    assert rows[0] == "合同编号,客户编号,客户名称,预收金额,已确认收入,已退款,预收余额"
    assert rows[-1] == "合计,,,82000.00,10000.00,0.00,72000.00"


def test_assess_json_is_the_shape_of_spec_4(books):
    payload = assess_json(books)
    assert payload["as_of"] == AS_OF
    r1, r2, r3, r4 = payload["decisions"]
    assert r1 == {
        "request": "R1", "contract": "H1", "customer": "C1", "status": "eligible",
        "requested": "8000.00", "refundable": "8000.00", "cash_refund": "7600.00", "retained": "400.00", "extra_compensation": "0.00",
        "approval_required": 1, "approver": "会计主管", "approved": True,
        "reasons": [{"code": "fee_retained", "message": "the customer is at fault (demand_change): the fee 400.00 = 5% × 8000.00 is retained as liquidated damages (违约金)"}],
    }
    assert (r2["status"], r2["cash_refund"], r2["extra_compensation"], r2["approval_required"], r2["approved"]) == ("eligible", "14000.00", "4000.00", 2, True)
    assert (r3["status"], r3["refundable"], r3["approved"]) == ("partial", "12000.00", False)
    assert [reason["code"] for reason in r3["reasons"]] == ["exceeds_balance", "approval_required"]
    assert r4 == {**r4, "status": "rejected", "refundable": "0.00", "cash_refund": "0.00", "approval_required": 0, "approved": False}
    for decision in payload["decisions"]:
        cash, retained, extra = (Decimal(decision[key]) for key in ("cash_refund", "retained", "extra_compensation"))
        assert cash + retained - extra == Decimal(decision["refundable"])


def test_assess_messages_in_chinese_and_named_requests(books):
    """Only R3: R1's 8000 is still counted first, so R3 stays partial at 12000."""
    (r3,) = assess_json(books, "R3", lang="zh")["decisions"]
    assert r3["refundable"] == "12000.00"
    assert r3["reasons"][1]["message"] == "退款现金 12000.00 须 2 级审批（财务经理），申请记录的审批级别为 0"


def test_assess_an_unknown_request_is_a_usage_error(books):
    result = run("refund", "assess", "R9", "--books", books)
    assert result.exit_code == 2
    assert "R9 is not in the refunds file" in result.stderr


def test_assess_csv_carries_codes_and_messages_in_one_table(books):
    result = run("refund", "assess", "--books", books, "--format", "csv")
    header, *rows = result.stdout.splitlines()
    assert header.endswith("Approval level,Approver,Approved,Reasons,Message")
    assert rows[3].startswith("R4,H3,C1,rejected,2000.00,0.00,0.00,0.00,0.00,0,,false,contract_closed,contract H3 is closed")
    assert rows[-1].startswith("TOTAL,,,,35000.00,30000.00,33600.00,400.00,4000.00")


def test_dry_run_shows_the_vouchers_and_writes_nothing(books):
    before = snapshot(books)
    result = run("refund", "post", "--dry-run", "--books", books, "--format", "json")
    assert result.exit_code == 0, result.stderr
    postings = json.loads(result.stdout)
    assert [(p["entry_id"], p["account_code"], p["debit"], p["credit"]) for p in postings] == [
        ("RF-R1", "2204", "8000.00", "0.00"), ("RF-R1", "1002", "0.00", "7600.00"), ("RF-R1", "6301", "0.00", "400.00"),
        ("RF-R2", "2204", "10000.00", "0.00"), ("RF-R2", "6711", "4000.00", "0.00"), ("RF-R2", "1002", "0.00", "14000.00"),
    ]
    assert "nothing was written" in result.stderr
    assert snapshot(books) == before


def test_post_appends_ledger_lines_and_vouchers_once(books):
    """R1 and R2 are posted on 06-30; a second run finds both and changes no byte."""
    result = run("refund", "post", "--books", books)
    assert result.exit_code == 0, result.stderr
    assert "Posted 2 refund(s): R1, R2" in result.stderr
    ledger = (books / "ledger.csv").read_text(encoding="utf-8").splitlines()
    assert ledger[-2:] == [
        "2026-06-30,refund,R1,C1,H1,8000.00,退款 R1：退现金 7600.00，扣留 400.00",
        "2026-06-30,refund,R2,C2,H2,10000.00,退款 R2：退现金 14000.00，扣留 0.00，定金双倍返还另付 4000.00",
    ]
    journal = (books / "journal.csv").read_text(encoding="utf-8-sig").splitlines()
    assert journal[0] == "entry_id,date,summary,account_code,account_name,debit,credit,customer,source"
    assert journal[1] == "RF-R1,2026-06-30,退还预收款 R1 合同 H1,2204,合同负债,8000.00,0.00,C1,refund:R1"
    assert len(journal) == 1 + 6

    after_first = snapshot(books)
    again = run("refund", "post", "--books", books)
    assert again.exit_code == 0, again.stderr
    assert "Nothing to post" in again.stderr
    assert snapshot(books) == after_first

    decisions = assess_json(books)["decisions"]
    assert [d["status"] for d in decisions] == ["posted", "posted", "partial", "rejected"]
    advances = json.loads(run("advances", "--books", books, "--format", "json").stdout)
    assert [row["refunded"] for row in advances["contracts"]] == ["8000.00", "10000.00", "0.00"]


def test_a_ledger_folder_gets_its_own_refunds_file(tmp_path):
    books = write_books(tmp_path / "books", {**BOOKS, "ledger/2026.csv": LEDGER})
    original = (books / "ledger" / "2026.csv").read_bytes()
    assert run("refund", "post", "--books", books).exit_code == 0
    assert (books / "ledger" / "2026.csv").read_bytes() == original
    refunds = (books / "ledger" / "refunds.csv").read_text(encoding="utf-8-sig").splitlines()
    assert refunds[0] == "date,kind,doc,customer,contract,amount,memo"
    assert [row.split(",")[2] for row in refunds[1:]] == ["R1", "R2"]
    assert [d["status"] for d in assess_json(books)["decisions"]][:2] == ["posted", "posted"]


@pytest.mark.parametrize("failing", ["ledger.csv", "journal.csv"])
def test_a_rename_failing_halfway_leaves_ledger_and_journal_as_they_were(books, monkeypatch, failing):
    """The journal holds an earlier entry; the rename of the ledger (written second) or of the
    journal (written first) fails: both files keep their bytes, the command exits 1."""
    (books / "journal.csv").write_text("entry_id,date,summary,account_code,account_name,debit,credit,customer,source\nPV-2026-05-31,2026-05-31,计提坏账准备,6702,信用减值损失,10.00,0.00,,provision:2026-05-31\n", encoding="utf-8")
    before = snapshot(books)
    real_replace = os.replace

    def replace(source, target):
        if os.path.basename(target) == failing:
            raise OSError(28, "No space left on device", str(target))
        return real_replace(source, target)

    monkeypatch.setattr("zhangkuan.io.atomic.os.replace", replace)
    result = run("refund", "post", "--books", books)
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert snapshot(books) == before

    monkeypatch.setattr("zhangkuan.io.atomic.os.replace", real_replace)
    assert run("refund", "post", "--books", books).exit_code == 0
    assert len((books / "journal.csv").read_text(encoding="utf-8").splitlines()) == 2 + 6


def test_a_journal_ahead_of_the_ledger_is_completed_without_a_second_voucher(books):
    """As if a run was killed between the two writes: journal.csv has RF-R1 but the ledger has
    no refund line. The next run appends the ledger lines and only RF-R2's voucher."""
    dry = json.loads(run("refund", "post", "--dry-run", "--books", books, "--format", "json").stdout)
    header = "entry_id,date,summary,account_code,account_name,debit,credit,customer,source"
    rf_r1 = [",".join(p.values()) for p in dry if p["entry_id"] == "RF-R1"]
    (books / "journal.csv").write_text("\n".join([header, *rf_r1]) + "\n", encoding="utf-8")
    assert run("refund", "post", "--books", books).exit_code == 0
    entries = [row.split(",")[0] for row in (books / "journal.csv").read_text(encoding="utf-8").splitlines()[1:]]
    assert entries == ["RF-R1"] * 3 + ["RF-R2"] * 3
    assert [d["status"] for d in assess_json(books)["decisions"]][:2] == ["posted", "posted"]


def test_posting_before_the_last_refund_is_refused(books):
    """After posting on 06-30, posting as of 06-15 would not see the refunds of 06-30."""
    assert run("refund", "post", "--books", books).exit_code == 0
    result = invoke("refund", "post", "--books", books, "--as-of", "2026-06-15")
    assert result.exit_code == 1
    assert "backdated_posting" in result.stderr and "--as-of 2026-06-30 or later" in result.stderr
