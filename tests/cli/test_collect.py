"""``zhangkuan collect tasks`` and ``collect log`` through the real entry point, on small books.

The books, as of 2026-11-30 (default ladder, 90-day warning, 7-day cooldown)::

    C1 甲公司 (collector 王芳)  F1 10 000 due 2026-10-01 → 60 days → level 3 letter, due 12-05
                               F4  5 000 due 2026-12-15 → not yet due
    C2 乙公司                  F2  3 000 due 2023-12-15 → 1081 days → level 5 lawyer's letter;
                               limitation 2023-12-15 + 3 y = 2026-12-15, 15 days → expiring;
                               due min(11-30 + 10, 12-15) = 12-10; collector = default 催收组
    C3 丙公司                  F3  1 000 due 2026-11-20 → 10 days → level 1; promise of 11-10
                               for 1000 by 11-20, nothing paid → broken → level 2 phone, due 12-02

Overdue 14 000: C1 10 000 (share before 0 → A), C2 3 000 (before 10/14 = 71 % → B),
C3 1 000 (before 13/14 = 93 % → C). Order: C2 (limitation expiring), C1 (level 3), C3 (level 2).
"""

from __future__ import annotations

import json

import pytest

from tests.builders import invoke, write_books

BOOKS = {
    "books.yaml": "company: 上海测试商贸有限公司\ncollection:\n  default_collector: 催收组\n",
    "customers.csv": """\
        客户编号,客户名称,账期,催收负责人
        C1,甲公司,30,王芳
        C2,乙公司,,
        C3,丙公司,,
        """,
    "ledger.csv": """\
        date,kind,doc,customer,amount,due
        2026-09-01,invoice,F1,C1,10000,2026-10-01
        2023-11-01,invoice,F2,C2,3000,2023-12-15
        2026-11-01,invoice,F3,C3,1000,2026-11-20
        2026-11-15,invoice,F4,C1,5000,2026-12-15
        """,
    "collections.csv": """\
        日期,客户,单据号,方式,结果,承诺金额,承诺日期,书面催告,确认债务,经办人,备注
        2026-11-10,C3,,电话,承诺11月20日付款,1000,2026-11-20,否,否,王芳,
        """,
}
AS_OF = ("--as-of", "2026-11-30")


@pytest.fixture
def books(tmp_path):
    return write_books(tmp_path / "books", BOOKS)


def tasks_json(books, *options):
    result = invoke("collect", "tasks", "--books", books, *AS_OF, "--format", "json", *options)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_tasks_json_has_the_spec_shape_and_hand_worked_values(books):
    """See the module docstring for the arithmetic."""
    payload = tasks_json(books)
    assert list(payload) == ["as_of", "tasks"]
    assert payload["as_of"] == "2026-11-30"
    c2, c1, c3 = payload["tasks"]
    assert c2 == {
        "id": "T-20261130-C2-5", "customer": "C2", "name": "乙公司", "level": 5, "action": "lawyer_letter",
        "collector": "催收组", "due": "2026-12-10", "overdue_amount": "3000.00", "max_days_overdue": 1081,
        "class": "B", "limitation_expires": "2026-12-15", "priority": 1,
        "reasons": ["limitation_expiring:F2", "stop_credit"],
    }
    assert (c1["id"], c1["level"], c1["action"], c1["collector"], c1["due"], c1["class"], c1["priority"]) == (
        "T-20261130-C1-3", 3, "letter", "王芳", "2026-12-05", "A", 2,
    )
    assert (c1["overdue_amount"], c1["max_days_overdue"], c1["limitation_expires"]) == ("10000.00", 60, "2029-10-01")
    assert (c3["id"], c3["level"], c3["action"], c3["due"], c3["class"], c3["reasons"]) == (
        "T-20261130-C3-2", 2, "phone", "2026-12-02", "C", ["promise_broken:2026-11-20"],
    )


def test_detail_lists_each_invoice_with_its_limitation_expiry(books):
    """C2's F2: due 2023-12-15, nothing since → runs from the due date, expires 2026-12-15."""
    payload = tasks_json(books, "--detail")
    assert payload["held"] == []
    assert payload["tasks"][0]["invoices"] == [{
        "doc": "F2", "date": "2023-11-01", "due": "2023-12-15", "days_overdue": 1081, "outstanding": "3000.00",
        "limitation_expires": "2026-12-15", "limitation_restarted_on": "2023-12-15",
        "limitation_restarted_by": "due", "limitation_status": "expiring",
    }]


def test_same_run_twice_same_bytes_and_filters(books):
    """Two runs give the same bytes. Total overdue 3000 + 10 000 + 1000 = 14 000. Filters keep
    the computed classes: --collector 王芳 → C1 only; --customer C3 → C3 only."""
    first = invoke("collect", "tasks", "--books", books, *AS_OF, "--format", "csv")
    second = invoke("collect", "tasks", "--books", books, *AS_OF, "--format", "csv")
    assert first.stdout == second.stdout
    rows = first.stdout.splitlines()
    assert rows[0] == "Priority,Task,Customer,Name,Class,Level,Action,Collector,Due,Overdue,Max days overdue,Limitation expires,Reasons"
    assert rows[1].startswith("1,T-20261130-C2-5,C2,乙公司,B,5,lawyer's letter,催收组,2026-12-10,3000.00,1081,2026-12-15,")
    assert rows[-1].startswith(",TOTAL,") and "14000.00" in rows[-1]
    assert [t["customer"] for t in tasks_json(books, "--collector", "王芳")["tasks"]] == ["C1"]
    assert [t["customer"] for t in tasks_json(books, "--customer", "C3")["tasks"]] == ["C3"]


def test_markdown_in_chinese_and_xlsx(books, tmp_path):
    """Chinese headers and labels (律师函, the expiring F2); XLSX with --detail has three sheets,
    the first task (priority 1) being C2's level-5 task."""
    result = invoke("collect", "tasks", "--books", books, *AS_OF, "--format", "md", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert "| 优先级 | 任务编号 | 客户编号 |" in result.stdout
    assert "律师函" in result.stdout and "诉讼时效即将届满：F2" in result.stdout
    target = tmp_path / "tasks.xlsx"
    result = invoke("collect", "tasks", "--books", books, *AS_OF, "--detail", "-o", target)
    assert result.exit_code == 0, result.stderr
    from openpyxl import load_workbook

    workbook = load_workbook(target)
    assert workbook.sheetnames == ["tasks", "invoices", "held"]
    assert workbook["tasks"]["B2"].value == "T-20261130-C2-5"


def test_log_appends_under_the_files_own_headers_and_shows_the_next_task(books):
    """C1 promises 4000 by 12-10 on the phone (dated the as-of day, 11-30). The row lands under
    the Chinese headers in their order. The answer lists C1's open invoices (F1 overdue, F4 not
    yet) and its task, now a follow-up due 12-10 at level 3."""
    result = invoke(
        "collect", "log", "--books", books, *AS_OF, "--customer", "C1", "--action", "电话", "--outcome", "承诺12月10日前付4000",
        "--promised-date", "2026-12-10", "--promised-amount", "4,000", "--by", "王芳", "--format", "json",
    )
    assert result.exit_code == 0, result.stderr
    lines = (books / "collections.csv").read_text(encoding="utf-8").splitlines()
    assert lines[-1] == "2026-11-30,C1,,phone,承诺12月10日前付4000,4000.00,2026-12-10,,,王芳,"
    payload = json.loads(result.stdout)
    assert payload["entry"]["promised_amount"] == "4000.00"
    assert [(i["doc"], i["days_overdue"], i["outstanding"], i["limitation_expires"]) for i in payload["invoices"]] == [
        ("F1", 60, "10000.00", "2029-10-01"),  # due 10-01: 60 days late, expires 2026-10-01 + 3 y
        ("F4", -15, "5000.00", None),  # due 12-15: not overdue, no running period
    ]
    task = payload["next_task"]
    assert (task["id"], task["level"], task["due"], task["reasons"]) == ("T-20261130-C1-3", 3, "2026-12-10", ["promise_active:2026-12-10"])
    assert tasks_json(books)["tasks"][1]["due"] == "2026-12-10"  # the task list reads the appended entry


def test_log_a_written_demand_restarts_the_limitation_period(books):
    """A 催款函 for F2 delivered on 11-28: the period runs again from 11-28 → 2029-11-28. C2 is
    no longer expiring; the letter (level 3) does not hold its level-5 task."""
    result = invoke(
        "collect", "log", "--books", books, *AS_OF, "-c", "C2", "-a", "letter", "--doc", "F2", "--written-demand",
        "--date", "2026-11-28", "--note", "=EMS 签收", "--format", "json",
    )
    assert result.exit_code == 0, result.stderr
    task = json.loads(result.stdout)["next_task"]
    assert (task["limitation_expires"], task["reasons"], task["level"]) == ("2029-11-28", ["stop_credit"], 5)
    last = (books / "collections.csv").read_text(encoding="utf-8").splitlines()[-1]
    assert last == "2026-11-28,C2,F2,letter,,,,true,,,'=EMS 签收"  # the note is neutralised against formulas


def test_log_an_action_at_the_task_level_holds_the_customer(books):
    """C3's task is level 2 (phone). A phone call on 11-30 puts C3 in cooldown until 12-07:
    no next task, and stderr says when the next one comes."""
    result = invoke("collect", "log", "--books", books, *AS_OF, "-c", "C3", "-a", "phone", "--format", "json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["next_task"] is None
    assert (payload["held"]["resumes_on"], payload["held"]["level"]) == ("2026-12-07", 2)
    assert "No task before 2026-12-07" in result.stderr
    assert [t["customer"] for t in tasks_json(books)["tasks"]] == ["C2", "C1"]


@pytest.mark.parametrize(
    ("options", "column", "message"),
    [
        (("-c", "C9", "-a", "phone"), "--customer", "customer C9 is not in the customers file"),
        (("-c", "C1", "-a", "fax"), "--action", "'fax' is not one of"),
        (("-c", "C1", "-a", "phone", "--promised-amount", "12.345", "--promised-date", "2026-12-01"), "--promised-amount", "more decimals"),
        (("-c", "C1", "-a", "phone", "--doc", "F2"), "--doc", "invoice F2 belongs to C2"),
        (("-c", "C1", "-a", "phone", "--promised-amount", "100"), "--promised-date", "needs the date"),
        (("-c", "C1", "-a", "phone", "--date", "2026-12-01"), "--date", "after the as-of date"),
    ],
)
def test_log_refuses_bad_entries_and_leaves_the_file_alone(books, options, column, message):
    """Unknown customer, unknown action, 3 decimals in CNY, another customer's invoice, an amount
    without a date, a date after the as-of date: exit 1, the option named, the log unchanged."""
    before = (books / "collections.csv").read_bytes()
    result = invoke("collect", "log", "--books", books, *AS_OF, *options)
    assert result.exit_code == 1
    assert column in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr
    assert (books / "collections.csv").read_bytes() == before


def test_log_creates_the_file_or_appends_to_yaml(tmp_path):
    """Without a log file, collections.csv is created with English headers; a collections.yaml
    is appended to as YAML."""
    plain = write_books(tmp_path / "plain", {name: text for name, text in BOOKS.items() if name != "collections.csv"})
    result = invoke("collect", "log", "--books", plain, *AS_OF, "-c", "C1", "-a", "email", "--format", "json")
    assert result.exit_code == 0, result.stderr
    text = (plain / "collections.csv").read_text(encoding="utf-8-sig").splitlines()
    assert text == ["date,customer,doc,action,outcome,promised_amount,promised_date,written_demand,acknowledged,by,note", "2026-11-30,C1,,email,,,,,,,"]

    files = {name: text for name, text in BOOKS.items() if name != "collections.csv"}
    files["collections.yaml"] = "- date: 2026-11-10\n  customer: C3\n  action: phone\n"
    yaml_books = write_books(tmp_path / "yaml", files)
    result = invoke("collect", "log", "--books", yaml_books, *AS_OF, "-c", "C1", "-a", "visit", "--acknowledged", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert (yaml_books / "collections.yaml").read_text(encoding="utf-8") == (
        "- date: 2026-11-10\n  customer: C3\n  action: phone\n"
        "- date: 2026-11-30\n  customer: C1\n  action: visit\n  acknowledged: true\n"
    )


def test_aging_detail_shows_the_limitation_expiry(books):
    """aging --detail: C2's F2 (due 2023-12-15) expires 2026-12-15; C1's F4 is not yet due (null).
    The existing invoice keys stay as they were."""
    result = invoke("aging", "--books", books, *AS_OF, "--detail", "--format", "json")
    assert result.exit_code == 0, result.stderr
    invoices = {i["doc"]: i for c in json.loads(result.stdout)["customers"] for i in c["invoices"]}
    assert list(invoices["F2"]) == ["doc", "date", "due", "age_days", "bucket", "outstanding", "limitation_expires"]
    assert (invoices["F2"]["limitation_expires"], invoices["F1"]["limitation_expires"], invoices["F4"]["limitation_expires"]) == (
        "2026-12-15", "2029-10-01", None,
    )


def test_log_problems_and_bad_options_follow_lang(tmp_path):
    """collect log's findings and a bad --as-of speak Chinese with --lang zh; exit codes unchanged."""
    books = write_books(tmp_path, BOOKS)
    result = invoke("collect", "log", "--books", books, "--as-of", "2026-11-30", "-c", "C1", "-a", "phone", "--promised-amount", "100", "--promised-date", "2026-11-01", "--lang", "zh")
    assert result.exit_code == 1
    assert f"{books}:--promised-date: 错误 bad_value: 承诺付款日期 2026-11-01 早于本次催收的日期 2026-11-30 — 承诺付款日期应为催收当天或之后" in result.stderr
    bad_action = invoke("collect", "log", "--books", books, "--as-of", "2026-11-30", "-c", "C1", "-a", "fly", "--lang", "zh")
    assert bad_action.exit_code == 1 and "“fly”不是可选的值；可选：email（邮件）" in bad_action.stderr
    bad_date = invoke("collect", "tasks", "--books", books, "--as-of", "2026-02-30", "--lang", "zh")
    assert bad_date.exit_code == 2 and "2026年2月没有30日" in bad_date.stderr
    assert "not a real date" in invoke("collect", "tasks", "--books", books, "--as-of", "2026-02-30").stderr
