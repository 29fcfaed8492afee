"""Write a synthetic books directory of any size, valid by the SPEC, for timing zhangkuan.

    python benchmarks/generate.py --customers 5000 --lines 1000000 --seed 1 --out benchmarks/data/1m

Writes ``books.yaml``, ``customers.csv``, ``contracts.csv``, ``ledger/<year>.csv`` (three years
of business ending on ``--end``), plus a small ``refunds.csv`` and ``collections.csv`` so that
``refund assess`` and ``collect tasks`` have something to chew on.

Proportions of ledger kinds: about 45 % invoices, 40 % receipts (60 % of them naming the
invoice they pay in ``applies_to``, 40 % not — those settle oldest first), 4 % credit notes,
1 % write-offs, 5 % advances and 5 % recognitions. Every line is valid: receipts, credit notes
and write-offs only settle the same customer's earlier invoices and never more than is open,
recognitions never take a contract's advance balance below zero, and every doc is unique per
kind. The output is a function of the arguments alone (same seed, same bytes).

Lines are written as they are generated (streaming): memory holds only what is still open —
per customer the unpaid invoices, per contract the advance balance — never the ledger itself.
The directory is built under a temporary name and renamed into place when complete, so an
interrupted run never leaves a half-written books directory behind.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
import time
from collections import deque
from datetime import date, timedelta
from pathlib import Path

# Cumulative thresholds for the kind of each ledger line.
KIND_THRESHOLDS = (
    (0.45, "invoice"),
    (0.85, "receipt"),
    (0.89, "credit_note"),
    (0.90, "write_off"),
    (0.95, "advance"),
    (1.00, "recognition"),
)
TERMS = (30, 30, 45, 60, 60, 90)
COLLECTORS = ("王会计", "李出纳", "张会计", "")
CITIES = ("上海", "苏州", "杭州", "南京", "无锡", "宁波", "嘉兴", "常州", "南通", "温州", "绍兴", "湖州", "扬州", "合肥", "昆山")
TRADES = ("五金", "电子", "纺织", "建材", "物流", "食品", "塑料", "办公", "家纺", "鞋业", "机械", "酒店用品", "木业", "电器", "模具")
SUFFIXES = ("贸易有限公司", "实业有限公司", "科技有限公司", "制品有限公司", "商贸有限公司")
LEDGER_HEADER = "date,kind,doc,customer,contract,amount,due,applies_to,memo\n"


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def cents_text(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


class Generator:
    """Streams ledger lines day by day, keeping only the open items needed to stay valid."""

    def __init__(self, customers: int, lines: int, seed: int, end: date, years: int) -> None:
        self.customer_count = customers
        self.line_count = lines
        self.rng = random.Random(seed)
        self.end = end
        self.start = years_before(end, years) + timedelta(days=1)
        self.terms = [self.rng.choice(TERMS) for _ in range(customers)]
        # Per customer, its unpaid invoices oldest first: [doc, open cents]. Due = date + terms,
        # so issue order is due order and paying the head is paying "oldest first" (SPEC §5.1).
        self.open_invoices: list[deque[list]] = [deque() for _ in range(customers)]
        contract_count = max(1, customers // 10)
        self.contract_customer = [self.rng.randrange(customers) for _ in range(contract_count)]
        self.contract_amount = [self.rng.randrange(200, 5000) * 10000 for _ in range(contract_count)]  # cents
        self.contract_deposit = ["earnest" if self.rng.random() < 0.2 else "prepayment" for _ in range(contract_count)]
        self.advance_balance = [0] * contract_count  # cents
        self.counters = dict.fromkeys(("invoice", "receipt", "credit_note", "write_off", "advance", "recognition"), 0)
        self.kind_counts = dict.fromkeys(self.counters, 0)

    # -- the static files ------------------------------------------------------------------

    def customer_id(self, index: int) -> str:
        return f"C{index + 1:06d}"

    def contract_id(self, index: int) -> str:
        return f"HT{index + 1:06d}"

    def write_static(self, out: Path) -> None:
        (out / "books.yaml").write_text(
            "# Synthetic books written by benchmarks/generate.py — for timing only.\n"
            f"company: 基准测试样本公司（{self.customer_count} 户客户，{self.line_count} 行台账）\n"
            "currency: CNY\nstandard: cas\n"
            "collection:\n  default_collector: 王会计\n",
            encoding="utf-8",
        )
        rng = random.Random(self.rng.random())
        with open(out / "customers.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["id", "name", "credit_limit", "terms_days", "collector"])
            for index in range(self.customer_count):
                name = f"{rng.choice(CITIES)}{rng.choice(TRADES)}{index + 1:06d}{rng.choice(SUFFIXES)}"
                writer.writerow([self.customer_id(index), name, rng.randrange(5, 200) * 10000, self.terms[index], rng.choice(COLLECTORS)])
        with open(out / "contracts.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["id", "customer", "signed_on", "amount", "deposit_kind", "earnest_amount", "status"])
            for index, customer in enumerate(self.contract_customer):
                amount = self.contract_amount[index]
                earnest = cents_text(amount // 5 // 100 * 100) if self.contract_deposit[index] == "earnest" else ""
                writer.writerow([self.contract_id(index), self.customer_id(customer), (self.start - timedelta(days=30)).isoformat(),
                                 cents_text(amount), self.contract_deposit[index], earnest, "open"])

    def write_requests_and_log(self, out: Path) -> None:
        """A few refund requests (one per ten contracts) and collection-log entries in the last
        quarter, so ``refund assess`` and ``collect tasks`` have realistic inputs."""
        rng = random.Random(self.rng.random())
        reasons = ("demand_change", "quality", "contract_change", "payment_inability")
        with open(out / "refunds.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["id", "contract", "customer", "requested_on", "amount", "reason", "evidence", "approved_by", "approval_level"])
            for number, index in enumerate(range(0, len(self.contract_customer), 10), start=1):
                balance = self.advance_balance[index]
                amount = max(100, balance // 2 // 100 * 100) if balance else rng.randrange(1, 50) * 10000
                level = rng.choice((0, 1, 2, 3))
                writer.writerow([f"TK{number:06d}", self.contract_id(index), self.customer_id(self.contract_customer[index]),
                                 (self.end - timedelta(days=rng.randrange(1, 60))).isoformat(), cents_text(amount), rng.choice(reasons),
                                 "退款申请书;合同", "审批人" if level else "", level])
        with open(out / "collections.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["date", "customer", "doc", "action", "outcome", "promised_amount", "promised_date", "written_demand", "acknowledged", "by", "note"])
            for _ in range(self.customer_count // 2):
                customer = rng.randrange(self.customer_count)
                on = self.end - timedelta(days=rng.randrange(1, 90))
                action = rng.choice(("email", "phone", "phone", "letter"))
                promise = action == "phone" and rng.random() < 0.5
                writer.writerow([on.isoformat(), self.customer_id(customer), "", action, "已联系",
                                 cents_text(rng.randrange(10, 500) * 10000) if promise else "",
                                 (on + timedelta(days=rng.randrange(5, 30))).isoformat() if promise else "",
                                 "true" if action == "letter" else "false", "false", "王会计", ""])

    # -- the ledger ------------------------------------------------------------------------

    def next_doc(self, kind: str, prefix: str) -> str:
        self.counters[kind] += 1
        return f"{prefix}{self.counters[kind]:08d}"

    def pick_customer(self) -> int:
        # Squared uniform: a few big customers trade a lot, most trade a little.
        return int(self.customer_count * self.rng.random() ** 2)

    def line(self, day: date, iso: str) -> str | None:
        """One ledger line for ``day`` (CSV text), or None when the drawn kind is impossible
        right now (nothing open to settle); the caller then writes an invoice instead."""
        rng = self.rng
        draw = rng.random()
        kind = next(name for threshold, name in KIND_THRESHOLDS if draw < threshold)
        if kind == "invoice":
            return None
        if kind in ("advance", "recognition"):
            contract = rng.randrange(len(self.contract_customer))
            customer_id = self.customer_id(self.contract_customer[contract])
            balance = self.advance_balance[contract]
            if kind == "recognition" and balance:
                amount = balance if rng.random() < 0.5 else max(1, balance // 2)
                self.advance_balance[contract] -= amount
                doc = self.next_doc("recognition", "QR")
                self.kind_counts["recognition"] += 1
                return f"{iso},recognition,{doc},{customer_id},{self.contract_id(contract)},{cents_text(amount)},,,交货确认收入\n"
            amount = rng.randrange(10, 300) * 10000
            self.advance_balance[contract] += amount
            doc = self.next_doc("advance", "YS")
            self.kind_counts["advance"] += 1
            return f"{iso},advance,{doc},{customer_id},{self.contract_id(contract)},{cents_text(amount)},,,预收合同款\n"
        customer = self.pick_customer()
        invoices = self.open_invoices[customer]
        if not invoices:
            customer = self.pick_customer()  # one more try before giving up on this kind
            invoices = self.open_invoices[customer]
            if not invoices:
                return None
        customer_id = self.customer_id(customer)
        if kind == "receipt":
            doc = self.next_doc("receipt", "SK")
            self.kind_counts["receipt"] += 1
            if rng.random() < 0.6:  # names the invoice: full (80 %) or part of it
                head = invoices[0]
                amount = head[1] if rng.random() < 0.8 or head[1] < 200 else head[1] // 2
                head[1] -= amount
                if not head[1]:
                    invoices.popleft()
                return f"{iso},receipt,{doc},{customer_id},,{cents_text(amount)},,{head[0]},收到货款\n"
            amount = 0  # a lump sum for the one or two oldest invoices, naming none
            for _ in range(1 if rng.random() < 0.5 else 2):
                if not invoices:
                    break
                amount += invoices.popleft()[1]
            return f"{iso},receipt,{doc},{customer_id},,{cents_text(amount)},,,收到货款（未注明发票）\n"
        if kind == "credit_note":
            newest = invoices[-1]
            amount = max(1, newest[1] * rng.choice((3, 5, 10)) // 100)
            newest[1] -= amount
            if not newest[1]:
                invoices.pop()
            doc = self.next_doc("credit_note", "HZ")
            self.kind_counts["credit_note"] += 1
            return f"{iso},credit_note,{doc},{customer_id},,{cents_text(amount)},,{newest[0]},红字发票：折让\n"
        oldest = invoices.popleft()  # write_off: the oldest open invoice, in full
        doc = self.next_doc("write_off", "HX")
        self.kind_counts["write_off"] += 1
        return f"{iso},write_off,{doc},{customer_id},,{cents_text(oldest[1])},,{oldest[0]},坏账核销\n"

    def invoice(self, day: date, iso: str) -> str:
        rng = self.rng
        customer = self.pick_customer()
        amount = rng.randrange(10, 5000) * 1000 + (50 if rng.random() < 0.2 else 0)  # cents: 100.00 … 49,990.50
        doc = self.next_doc("invoice", "FP")
        self.open_invoices[customer].append([doc, amount])
        self.kind_counts["invoice"] += 1
        # One invoice in ten states its due date (the same as the terms give) to exercise the column.
        due = (day + timedelta(days=self.terms[customer])).isoformat() if rng.random() < 0.1 else ""
        return f"{iso},invoice,{doc},{self.customer_id(customer)},,{cents_text(amount)},{due},,销售货物\n"

    def write_ledger(self, folder: Path) -> None:
        folder.mkdir()
        days = (self.end - self.start).days + 1
        handle = None
        year = None
        written = 0
        try:
            for index in range(days):
                day = self.start + timedelta(days=index)
                if day.year != year:
                    if handle:
                        handle.close()
                    year = day.year
                    handle = open(folder / f"{year}.csv", "w", encoding="utf-8", newline="")
                    handle.write(LEDGER_HEADER)
                iso = day.isoformat()
                target = (index + 1) * self.line_count // days
                chunk = []
                while written < target:
                    text = self.line(day, iso) or self.invoice(day, iso)
                    chunk.append(text)
                    written += 1
                handle.write("".join(chunk))
        finally:
            if handle:
                handle.close()


def generate(customers: int, lines: int, seed: int, out: Path, end: date, years: int = 3, force: bool = False) -> dict[str, int]:
    """Write the books directory ``out``; returns the number of ledger lines per kind."""
    if out.exists():
        if not force:
            raise SystemExit(f"{out} exists; pass --force to replace it")
        shutil.rmtree(out)
    temporary = out.with_name(f".{out.name}.partial")
    if temporary.exists():
        shutil.rmtree(temporary)
    temporary.mkdir(parents=True)
    generator = Generator(customers, lines, seed, end, years)
    generator.write_static(temporary)
    generator.write_ledger(temporary / "ledger")
    generator.write_requests_and_log(temporary)
    temporary.rename(out)
    return generator.kind_counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic books directory for benchmarks.")
    parser.add_argument("--customers", type=int, default=1000, help="number of customers (default 1000)")
    parser.add_argument("--lines", type=int, default=100_000, help="number of ledger lines (default 100000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="books directory to create")
    parser.add_argument("--end", type=date.fromisoformat, default=date(2026, 11, 30), help="last ledger date (default 2026-11-30)")
    parser.add_argument("--years", type=int, default=3, help="years of history (default 3)")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    args = parser.parse_args(argv)
    if args.customers < 1 or args.lines < 0:
        parser.error("--customers must be ≥ 1 and --lines ≥ 0")
    started = time.perf_counter()
    counts = generate(args.customers, args.lines, args.seed, args.out, args.end, args.years, args.force)
    elapsed = time.perf_counter() - started
    share = ", ".join(f"{kind} {count / max(1, args.lines):.1%}" for kind, count in counts.items())
    print(f"wrote {args.out}: {args.lines:,} lines, {args.customers:,} customers in {elapsed:.1f} s ({share})", file=sys.stderr)


if __name__ == "__main__":
    main()
