"""Build ``examples/shanghai-trading/``: the bundled books of 上海浦江商贸有限公司.

    python examples/make_shanghai_trading.py            # (re)write the data files
    python examples/make_shanghai_trading.py --summary  # also print the month-end position

The committed data files are what matters; this script only makes them reproducible. It is
deterministic (fixed seed, no clock): running it twice gives the same bytes. It writes
``books.yaml``, ``customers.csv``, ``contracts.yaml``, ``ledger/20xx.csv``, ``refunds.yaml`` and
``collections.csv``; ``README.md`` is written by hand from the ``--summary`` figures.

The books tell one story: a Shanghai trading company whose agency accountant took the books
over on 2023-12-01 (a few opening invoices come from the old system) and closes period 2026-11.
Every customer, contract and refund request has a job — a collection ladder level, a
limitation-period case, an overpayment, a refund rule of SPEC §5.3 — and after writing, the
script re-reads the files, validates every record through ``zhangkuan.model`` and recomputes
the position on 2026-11-30 with a small independent implementation of SPEC §5.1, §5.3 and
§5.5, asserting that each scenario comes out as the README promises. If you change the data,
the assertions tell you which promise broke.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml
from dateutil.relativedelta import relativedelta

AS_OF = date(2026, 11, 30)
TAKEOVER = date(2023, 12, 1)  # first day of the agency's books; earlier invoices are opening balances
SEED = 20261130
OUT = Path(__file__).resolve().parent / "shanghai-trading"
CENT = Decimal("0.01")

# ---------------------------------------------------------------------------------------------
# Customers
# ---------------------------------------------------------------------------------------------

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def uscc_check_digit(first17: str) -> str:
    """GB 32100-2015 check character of a 统一社会信用代码."""
    total = sum(USCC_CHARSET.index(char) * weight for char, weight in zip(first17, USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def org_code(body8: str) -> str:
    """GB 11714 组织机构代码 (8 digits + check), the middle part of a 统一社会信用代码."""
    remainder = 11 - sum(int(char) * weight for char, weight in zip(body8, ORG_WEIGHTS)) % 11
    return body8 + {10: "X", 11: "0"}.get(remainder, str(remainder))


def uscc(division: str, body8: str) -> str:
    """A 统一社会信用代码 of an enterprise (登记管理部门 9, 类别 1) registered in ``division``."""
    first17 = "91" + division + org_code(body8)
    return first17 + uscc_check_digit(first17)


@dataclass
class CustomerSpec:
    """A customer and how it trades with us: regular invoices on ``day`` every ``every`` months
    from ``first`` to ``last``, paid ``late`` days after due (a range; negative = early).

    ``mode``: ``apply`` pays each invoice naming it (applies_to); ``lump`` pays everything due
    once a month without naming invoices; ``noref`` pays invoice by invoice but never names them.
    ``hold_from``: regular invoices issued on or after this date are left unpaid (the customer
    stopped paying), which is how the collection-ladder scenarios are set up.
    """

    id: str
    name: str
    credit_limit: int
    terms: int
    collector: str
    phone: str
    email: str
    address: str
    division: str  # 行政区划代码 of the registration; blank = no tax id on file
    goods: str
    first: date
    last: date
    day: int
    every: int
    amount: tuple[int, int]
    late: tuple[int, int]
    mode: str = "apply"
    hold_from: date | None = None
    grade: str = ""


def ym(year: int, month: int) -> date:
    return date(year, month, 1)


CUSTOMERS = [
    CustomerSpec("C001", "上海申江五金机电有限公司", 300000, 30, "王会计", "021-64881234", "caiwu@shenjiang-hw.example.com",
                 "上海市闵行区七莘路1888号", "310112", "五金工具及配件", ym(2023, 12), ym(2026, 9), 8, 1, (12000, 45000), (-5, 2), grade="B"),
    CustomerSpec("C002", "苏州工业园区锦程电子有限公司", 400000, 60, "李出纳", "0512-62581188", "ap@jincheng-elec.example.com",
                 "江苏省苏州市工业园区星湖街328号", "320594", "电子元器件", ym(2024, 3), ym(2026, 11), 15, 1, (20000, 60000), (0, 0), mode="lump"),
    CustomerSpec("C003", "杭州西溪文具用品有限公司", 80000, 30, "李出纳", "0571-88223456", "xixi.wenju@example.com",
                 "浙江省杭州市西湖区文二西路551号", "", "办公文具", ym(2023, 12), ym(2026, 11), 20, 1, (3000, 12000), (-6, 6),
                 hold_from=ym(2026, 10)),
    CustomerSpec("C004", "南京秦淮建材贸易有限公司", 250000, 60, "王会计", "025-52216688", "finance@qinhuai-jc.example.com",
                 "江苏省南京市秦淮区中山南路219号", "320104", "建筑五金及管材", ym(2024, 1), ym(2026, 11), 1, 1, (15000, 40000), (-20, 12),
                 hold_from=ym(2026, 9)),
    CustomerSpec("C005", "无锡太湖纺织品有限公司", 150000, 30, "李出纳", "0510-85106677", "cw@taihu-textile.example.com",
                 "江苏省无锡市滨湖区梁溪路66号", "320211", "纺织辅料", ym(2023, 12), ym(2026, 11), 10, 1, (8000, 30000), (10, 30),
                 hold_from=ym(2026, 8)),
    CustomerSpec("C006", "宁波北仑港通物流有限公司", 200000, 45, "王会计", "0574-86881020", "account@gangtong-log.example.com",
                 "浙江省宁波市北仑区新碶街道明州路88号", "330206", "包装材料及托盘", ym(2024, 2), ym(2026, 11), 25, 1, (40000, 60000), (15, 40),
                 hold_from=ym(2026, 6)),
    CustomerSpec("C007", "嘉兴南湖禾丰食品有限公司", 100000, 60, "李出纳", "0573-82093311", "hefeng.food@example.com",
                 "浙江省嘉兴市南湖区由拳路1033号", "", "食品包装材料", ym(2023, 12), ym(2024, 8), 16, 1, (10000, 25000), (20, 45),
                 hold_from=ym(2024, 8), grade="D"),
    CustomerSpec("C008", "常州武进恒达塑料制品有限公司", 120000, 30, "王会计", "0519-86552200", "hengda.plastic@example.com",
                 "江苏省常州市武进区湖塘镇常武中路18号", "320412", "塑料粒子", ym(2024, 1), ym(2026, 11), 8, 1, (8000, 26000), (0, 20)),
    CustomerSpec("C009", "上海徐汇博雅办公设备有限公司", 60000, 30, "张会计", "021-64385566", "boya.office@example.com",
                 "上海市徐汇区漕溪北路375号", "310104", "办公设备耗材", ym(2024, 5), ym(2026, 9), 15, 2, (4000, 15000), (-9, 2)),
    CustomerSpec("C010", "绍兴柯桥华纶布业有限公司", 180000, 45, "李出纳", "0575-84127788", "hualun.cw@example.com",
                 "浙江省绍兴市柯桥区中国轻纺城东市场3楼", "330603", "坯布及面料", ym(2024, 6), ym(2026, 9), 3, 1, (8000, 30000), (-10, 0)),
    CustomerSpec("C011", "南通海门锦绣家纺有限公司", 150000, 60, "张会计", "0513-82196655", "jinxiu.jiafang@example.com",
                 "江苏省南通市海门区三星镇叠石桥家纺城", "320684", "家纺面料", ym(2023, 12), ym(2026, 11), 15, 1, (6000, 22000), (-5, 10)),
    CustomerSpec("C012", "温州瓯海步云鞋业有限公司", 200000, 60, "王会计", "0577-86579900", "buyun.shoes@example.com",
                 "浙江省温州市瓯海区娄桥工业区古岸路9号", "330304", "鞋材及辅料", ym(2024, 2), ym(2026, 10), 20, 2, (10000, 35000), (0, 15)),
    CustomerSpec("C013", "上海嘉定精工机械设备有限公司", 300000, 45, "张会计", "021-59528800", "jinggong.jd@example.com",
                 "上海市嘉定区嘉定工业区叶城路1118号", "310114", "机械配件及轴承", ym(2024, 4), ym(2026, 11), 12, 1, (15000, 50000), (-8, 0)),
    CustomerSpec("C014", "扬州邗江宾悦酒店用品有限公司", 100000, 30, "李出纳", "0514-87332211", "binyue.hotel@example.com",
                 "江苏省扬州市邗江区文昌西路451号", "321003", "酒店一次性用品", ym(2024, 1), ym(2026, 11), 5, 2, (5000, 18000), (-9, 2)),
    CustomerSpec("C015", "湖州吴兴竹韵木业有限公司", 80000, 30, "", "0572-20237788", "zhuyun.wood@example.com",
                 "浙江省湖州市吴兴区织里镇栋梁路168号", "", "五金配件及胶辅料", ym(2024, 3), ym(2026, 9), 18, 2, (5000, 16000), (-6, 0)),
    CustomerSpec("C016", "合肥华瑞电器有限公司", 250000, 90, "王会计", "0551-65328899", "huarui.dq@example.com",
                 "安徽省合肥市蜀山区长江西路669号", "340104", "电器元件", ym(2024, 7), ym(2026, 11), 6, 1, (15000, 45000), (-10, 0)),
    CustomerSpec("C017", "上海金桥恒泰电子科技有限公司", 50000, 30, "李出纳", "021-50307766", "hengtai.jq@example.com",
                 "上海市浦东新区金桥路1399号", "", "电子测试配件", ym(2024, 2), ym(2026, 8), 22, 3, (3000, 9000), (-10, 2), mode="noref"),
    CustomerSpec("C018", "昆山花桥精诚模具有限公司", 100000, 45, "", "0512-57693322", "jingcheng.mould@example.com",
                 "江苏省苏州市昆山市花桥镇绿地大道231号", "", "模具钢材及标准件", ym(2025, 3), ym(2026, 11), 5, 1, (6000, 20000), (-5, 5),
                 hold_from=ym(2026, 10)),
    # Last in the list so that adding it left every earlier customer's random draws (and figures) as they were.
    CustomerSpec("C019", "台州路桥顺达汽配有限公司", 120000, 30, "张会计", "0576-82435566", "shunda.qp@example.com",
                 "浙江省台州市路桥区路桥街道银安街889号", "331004", "汽配五金紧固件", ym(2025, 6), ym(2026, 11), 12, 1, (8000, 26000), (-3, 3),
                 hold_from=ym(2026, 8)),
]
CUSTOMER = {spec.id: spec for spec in CUSTOMERS}

# ---------------------------------------------------------------------------------------------
# Ledger lines (docs are numbered after everything is generated, in date order)
# ---------------------------------------------------------------------------------------------

KIND_PREFIX = {"invoice": "FP", "receipt": "SK", "credit_note": "HZ", "write_off": "HX", "advance": "YS", "recognition": "QR"}
KIND_ORDER = {"invoice": 0, "advance": 1, "recognition": 2, "credit_note": 3, "receipt": 4, "write_off": 5, "refund": 6}


@dataclass(eq=False)
class Line:
    date: date
    kind: str
    customer: str
    amount: Decimal
    contract: str = ""
    due: date | None = None  # written only when set; blank means date + customer terms
    applies_to: Line | None = None
    memo: str = ""  # "{ref}" is replaced by the applied invoice's doc
    doc: str = ""  # fixed for refund lines (the request id), numbered otherwise
    seq: int = 0

    @property
    def due_date(self) -> date:
        return self.due or self.date + timedelta(days=CUSTOMER[self.customer].terms)


def money(value: str | int | Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, ROUND_HALF_UP)


def round_amount(rng: random.Random, low: int, high: int) -> Decimal:
    """A round-ish invoice amount: hundreds, sometimes with tens and fifty cents (12,860.50)."""
    hundreds = rng.randrange(low // 100, high // 100 + 1) * 100
    tens = rng.choice((0, 0, 0, 0, 20, 60, 80))
    cents = rng.choice(("0", "0", "0", "0", "0.50"))
    return money(hundreds + tens) + Decimal(cents)


def months(first: date, last: date, every: int):
    current = first
    while current <= last:
        yield current
        current += relativedelta(months=every)


class LedgerBuilder:
    def __init__(self) -> None:
        self.lines: list[Line] = []

    def add(self, line: Line) -> Line:
        assert line.date <= AS_OF, f"{line} is after the as-of date"
        line.seq = len(self.lines)
        self.lines.append(line)
        return line

    def invoice(self, on: date, customer: str, amount: str | Decimal, memo: str, due: date | None = None, contract: str = "") -> Line:
        return self.add(Line(on, "invoice", customer, money(amount), contract=contract, due=due, memo=memo))

    def receipt(self, on: date, invoice: Line | None, amount: str | Decimal, memo: str, customer: str = "") -> Line:
        return self.add(Line(on, "receipt", customer or invoice.customer, money(amount), applies_to=invoice, memo=memo))

    def credit_note(self, on: date, invoice: Line, amount: str | Decimal, memo: str) -> Line:
        return self.add(Line(on, "credit_note", invoice.customer, money(amount), applies_to=invoice, memo=memo))

    def write_off(self, on: date, invoice: Line, amount: str | Decimal, memo: str) -> Line:
        return self.add(Line(on, "write_off", invoice.customer, money(amount), applies_to=invoice, memo=memo))

    def advance(self, on: date, customer: str, contract: str, amount: str, memo: str) -> Line:
        return self.add(Line(on, "advance", customer, money(amount), contract=contract, memo=memo))

    def recognition(self, on: date, customer: str, contract: str, amount: str, memo: str) -> Line:
        return self.add(Line(on, "recognition", customer, money(amount), contract=contract, memo=memo))

    def refund(self, on: date, customer: str, contract: str, request: str, amount: str, memo: str) -> Line:
        return self.add(Line(on, "refund", customer, money(amount), contract=contract, doc=request, memo=memo))


@dataclass
class LogEntry:
    """A 催收记录 row; ``doc`` may reference a Line (numbered later)."""

    date: date
    customer: str
    action: str  # Chinese alias as an accountant writes it: 电话, 邮件, 催款函, 上门, 律师函, 短信
    outcome: str
    doc: Line | None = None
    promised_amount: Decimal | None = None
    promised_date: date | None = None
    written_demand: bool = False
    acknowledged: bool = False
    by: str = ""
    note: str = ""


DEFAULT_COLLECTOR = "王会计"  # books.yaml collection.default_collector


def collector_of(customer: str) -> str:
    return CUSTOMER[customer].collector or DEFAULT_COLLECTOR


def regular_business(ledger: LedgerBuilder, log: list[LogEntry], rng: random.Random, spec: CustomerSpec, skip: set[date]) -> list[Line]:
    """Monthly trade: invoices, occasional 红字 credit notes, receipts (some in two parts), and a
    phone call logged when a payment ran late. Returns the invoices left unpaid on purpose."""
    held: list[Line] = []
    for month in months(spec.first, spec.last, spec.every):
        issued = month.replace(day=spec.day)
        if issued in skip:
            continue
        invoice = ledger.invoice(issued, spec.id, round_amount(rng, *spec.amount), f"销售{spec.goods}（{issued.month}月订单）")
        open_amount = invoice.amount
        if spec.mode == "apply" and rng.random() < 0.07:
            credit_on = issued + timedelta(days=rng.randint(4, 14))
            if credit_on <= AS_OF:
                credit = money(int(open_amount * Decimal(rng.choice((3, 5, 8))) / 100) // 10 * 10)
                reason = rng.choice(("退货：包装破损", "价格折让：批量优惠", "退货：规格不符"))
                ledger.credit_note(credit_on, invoice, credit, f"红字发票 {{ref}}：{reason}")
                open_amount -= credit
        if spec.hold_from and issued >= spec.hold_from:
            held.append(invoice)
            continue
        if spec.mode == "lump":
            continue  # paid by the monthly lump sums below
        paid_on = max(invoice.due_date + timedelta(days=rng.randint(*spec.late)), issued + timedelta(days=3))
        if paid_on > AS_OF:
            continue  # still open on the as-of date (not yet due for these customers)
        target = invoice if spec.mode == "apply" else None
        if open_amount >= 10000 and rng.random() < 0.12:
            first_part = money(int(open_amount / 2) // 1000 * 1000)
            first_on = max(paid_on - timedelta(days=rng.randint(7, 20)), issued + timedelta(days=1))
            ledger.receipt(first_on, target, first_part, "收到部分货款（{ref}，第1笔）", customer=spec.id)
            ledger.receipt(paid_on, target, open_amount - first_part, "收到货款尾款（{ref}，第2笔）", customer=spec.id)
        else:
            ledger.receipt(paid_on, target, open_amount, "收到货款（{ref}）" if target else "收到货款（对方未注明发票号）", customer=spec.id)
            days_late = (paid_on - invoice.due_date).days
            if days_late > 20 and paid_on <= date(2026, 10, 31) and rng.random() < 0.6:
                called_on = invoice.due_date + timedelta(days=rng.randint(7, 12))
                log.append(LogEntry(called_on, spec.id, "电话", f"对方承诺{paid_on.month}月{paid_on.day}日前付款", doc=invoice,
                                    promised_amount=open_amount, promised_date=paid_on, by=collector_of(spec.id), note="已按期付款"))
            elif days_late > 5 and paid_on <= date(2026, 10, 31) and rng.random() < 0.3:
                log.append(LogEntry(invoice.due_date + timedelta(days=3), spec.id, "邮件", "已发送对账单及付款提醒", doc=invoice,
                                    by=collector_of(spec.id)))
    return held


def lump_payments(ledger: LedgerBuilder, spec: CustomerSpec) -> None:
    """The customer's monthly payment run: on the 25th, one transfer for every invoice falling due
    before the next run (within 35 days), naming none of them (so they settle oldest first,
    SPEC §5.1). It never pays late."""
    invoices = sorted((line for line in ledger.lines if line.customer == spec.id and line.kind == "invoice"), key=lambda line: line.due_date)
    paid = 0
    for month in months(spec.first, AS_OF, 1):
        pay_day = month.replace(day=25)
        if pay_day > AS_OF:
            break
        batch = []
        while paid < len(invoices) and invoices[paid].due_date <= pay_day + timedelta(days=35):
            batch.append(invoices[paid])
            paid += 1
        if batch:
            total = sum((line.amount for line in batch), Decimal(0))
            ledger.receipt(pay_day, None, total, f"收到{pay_day.month}月合并付款（{len(batch)}张发票，未注明发票号）", customer=spec.id)


def build_ledger() -> tuple[LedgerBuilder, list[LogEntry], dict[str, Line]]:
    rng = random.Random(SEED)
    ledger = LedgerBuilder()
    log: list[LogEntry] = []
    key: dict[str, Line] = {}  # the invoices the scenarios (and README) talk about

    # Opening balances taken over from the previous accountant's books (期初余额).
    opening = "期初余额（原账套结转，{0}开票）"
    for customer, issued, amount, paid_on in (
        ("C001", date(2023, 11, 10), "26800.00", date(2023, 12, 8)),
        ("C004", date(2023, 10, 1), "31500.00", date(2023, 12, 20)),
        ("C006", date(2023, 10, 25), "48600.00", date(2023, 12, 28)),
    ):
        invoice = ledger.invoice(issued, customer, amount, opening.format(issued.isoformat()), due=issued + timedelta(days=CUSTOMER[customer].terms))
        ledger.receipt(paid_on, invoice, amount, "收到期初欠款（{ref}）")
    key["expired"] = ledger.invoice(date(2023, 6, 18), "C007", "38500.00", opening.format("2023-06-18") + "：月饼礼盒包装", due=date(2023, 8, 17))
    key["demand_restart"] = ledger.invoice(date(2023, 9, 15), "C011", "38000.00", opening.format("2023-09-15") + "：家纺面料", due=date(2023, 11, 14))

    # Invoices with a history of their own (regular trade skips these dates).
    key["receipt_restart"] = ledger.invoice(date(2023, 12, 8), "C008", "45600.00", "销售塑料粒子（12月订单，部分批次质量争议）")
    ledger.receipt(date(2024, 2, 5), key["receipt_restart"], "15600.00", "收到部分货款（{ref}），余款30,000.00元对方以质量争议拒付")
    key["acknowledged"] = ledger.invoice(date(2023, 12, 20), "C012", "52000.00", "销售鞋材及辅料（12月订单，对方资金紧张未付）")
    key["write_off_1"] = ledger.invoice(date(2024, 1, 18), "C014", "9800.00", "销售酒店一次性用品（1月订单，部分货物破损争议）")
    ledger.receipt(date(2024, 3, 15), key["write_off_1"], "3000.00", "收到部分货款（{ref}），余款争议")
    ledger.write_off(date(2025, 12, 20), key["write_off_1"], "6800.00", "坏账核销 {ref}：争议货款确认无法收回，经总经理审批（审批单 HXSP-2025-03）")
    key["write_off_2"] = ledger.invoice(date(2024, 3, 22), "C005", "4250.50", "销售纺织辅料（补货，对方称短少）")
    ledger.credit_note(date(2024, 4, 20), key["write_off_2"], "1000.00", "红字发票 {ref}：短少部分折让")
    ledger.write_off(date(2025, 3, 31), key["write_off_2"], "3250.50", "坏账核销 {ref}：对方否认收货，无签收单，经总经理审批（审批单 HXSP-2025-01）")

    skip = defaultdict(set)
    skip["C008"].add(date(2023, 12, 8))
    skip["C012"].add(date(2023, 12, 20))
    held: dict[str, list[Line]] = {}
    for spec in CUSTOMERS:
        held[spec.id] = regular_business(ledger, log, rng, spec, skip[spec.id])
        if spec.mode == "lump":
            lump_payments(ledger, spec)
    key["L1"], key["L1_cooldown"] = held["C003"][0], held["C018"][0]
    key["L2_promise"], key["L3_broken"], key["L4_over_limit"] = held["C004"][0], held["C005"][0], held["C006"][0]
    key["L5"] = held["C007"][0]
    key["L3"] = held["C019"][0]

    # C005 paid about half of its oldest held invoice, then broke a promise to pay more.
    half = money(int(key["L3_broken"].amount / 2) // 1000 * 1000)
    ledger.receipt(date(2026, 10, 8), key["L3_broken"], half, "收到部分货款（{ref}）")
    # C006 kept one promise (a partial payment of 20,000.00) and then stopped paying.
    assert key["L4_over_limit"].amount > 20000
    ledger.receipt(date(2026, 9, 18), key["L4_over_limit"], "20000.00", "收到部分货款（{ref}，按电话承诺）")

    # C009 pays its last invoice of 12,800.00 with 13,000.00: 200.00 unapplied credit.
    key["overpaid"] = ledger.invoice(date(2026, 10, 15), "C009", "12800.00", "销售办公设备耗材（10月订单）")
    ledger.receipt(date(2026, 11, 12), key["overpaid"], "13000.00", "收到货款（{ref}），对方多付200.00元，约定抵下期货款")
    # C010 pays an invoice it had already paid: the second transfer names no invoice.
    already_paid = [line for line in ledger.lines if line.customer == "C010" and line.kind == "invoice"][-1]
    key["duplicate_of"] = already_paid
    ledger.receipt(date(2026, 11, 6), None, already_paid.amount, "收到货款（对方重复付款，待确认退回或抵扣）", customer="C010")

    contracts_and_advances(ledger, key)
    return ledger, log, key


# ---------------------------------------------------------------------------------------------
# Contracts, advances and refund requests
# ---------------------------------------------------------------------------------------------

# (comment, record) — the comment says what the contract is there to demonstrate.
CONTRACTS: list[tuple[str, dict]] = [
    ("2024 年的预付款合同，已全部交货并结案（关闭）。", dict(
        id="HT2024-001", customer="C001", signed_on=date(2024, 3, 15), amount="86000.00", deposit_kind="prepayment", status="closed")),
    ("2024 年的定金合同：定金 8,000 交货时抵作货款，余款开票。执行完毕但未关闭（预收余额为 0）。", dict(
        id="HT2024-002", customer="C016", signed_on=date(2024, 6, 3), amount="40000.00", deposit_kind="earnest", earnest_amount="8000.00")),
    ("预付款 50%，第一批交货 120,000（60,000 由预收款冲抵、60,000 开票），余款预收 90,000 因质量问题申请退回（需总经理审批）。", dict(
        id="HT2025-006", customer="C001", signed_on=date(2025, 10, 15), amount="300000.00", deposit_kind="prepayment",
        evidence={"quality": ["质检报告"]})),
    ("已关闭的合同：交货 35,000 后客户取消余下订单，合同结案，但还剩预收款 3,000 —— 退款申请因合同已关闭被拒。", dict(
        id="HT2025-007", customer="C003", signed_on=date(2025, 11, 3), amount="45000.00", deposit_kind="prepayment", status="closed")),
    ("约定 90 天退款期（window_days）：首笔预收 2025-12-01，2026-05-20 的申请已超期。", dict(
        id="HT2025-008", customer="C004", signed_on=date(2025, 11, 25), amount="70000.00", deposit_kind="prepayment", window_days=90)),
    ("全额预付的小订单，已全部交货确认收入：预收余额为 0，再申请退款被拒。", dict(
        id="HT2025-013", customer="C005", signed_on=date(2025, 8, 20), amount="24000.00", deposit_kind="prepayment")),
    ("预付 30%，合同约定客户原因退款收 5% 违约金（fee_rate）。", dict(
        id="HT2026-001", customer="C013", signed_on=date(2026, 3, 2), amount="128000.00", deposit_kind="prepayment", fee_rate="5%")),
    ("定金 20,000，正好是合同金额的 20%（未超上限）。", dict(
        id="HT2026-002", customer="C015", signed_on=date(2026, 4, 8), amount="100000.00", deposit_kind="earnest", earnest_amount="20000.00")),
    ("定金 12,000（20%）另加预付款 18,000；质量问题退款需合同和质检报告；180 天退款期。", dict(
        id="HT2026-003", customer="C016", signed_on=date(2026, 5, 6), amount="60000.00", deposit_kind="earnest", earnest_amount="12000.00",
        window_days=180, evidence={"quality": ["合同", "质检报告"]})),
    ("定金 15,000 超过合同金额 50,000 的 20%：只有 10,000 按定金处理，其余 5,000 视为预付款（民法典第586条）。", dict(
        id="HT2026-004", customer="C002", signed_on=date(2026, 2, 16), amount="50000.00", deposit_kind="earnest", earnest_amount="15000.00")),
    ("定金 16,000（20%），180 天退款期；双方协商变更合同，定金原数退还。", dict(
        id="HT2026-005", customer="C011", signed_on=date(2026, 1, 12), amount="80000.00", deposit_kind="earnest", earnest_amount="16000.00",
        window_days=180)),
    ("约定 2026-06-30 前可申请退款（refundable_until）。", dict(
        id="HT2026-009", customer="C014", signed_on=date(2026, 3, 20), amount="36000.00", deposit_kind="prepayment",
        refundable_until=date(2026, 6, 30))),
    ("定制订单：只接受质量问题或合同变更的退款（allowed_reasons）。", dict(
        id="HT2026-010", customer="C012", signed_on=date(2026, 4, 15), amount="64000.00", deposit_kind="prepayment",
        allowed_reasons=["quality", "contract_change"])),
    ("退款须附合同；质量问题退款另须质检报告（evidence，all 适用于所有原因）。", dict(
        id="HT2026-011", customer="C009", signed_on=date(2026, 5, 18), amount="48000.00", deposit_kind="prepayment",
        evidence={"quality": ["合同", "质检报告"], "all": ["合同"]})),
    ("预付 27,000，已交货部分冲抵 9,000，余额 18,000；客户按 20,000 申请 → 部分退款。违约金 5% 只在客户原因时收取。", dict(
        id="HT2026-012", customer="C010", signed_on=date(2026, 6, 1), amount="90000.00", deposit_kind="prepayment", fee_rate="5%")),
    ("预付 20,000，违约金 3%；客户资金困难取消订单，退款已审批并入账（ledger 中有 refund 行）。", dict(
        id="HT2026-014", customer="C017", signed_on=date(2026, 4, 1), amount="60000.00", deposit_kind="prepayment", fee_rate="3%")),
    ("定金 6,000（3%）加预付款 60,000，违约金 12%：客户原因退款时违约金 7,920 大于定金，按违约金扣（民法典第588条，二者择一）。", dict(
        id="HT2026-015", customer="C008", signed_on=date(2026, 5, 10), amount="200000.00", deposit_kind="earnest", earnest_amount="6000.00",
        fee_rate="12%")),
]


def contracts_and_advances(ledger: LedgerBuilder, key: dict[str, Line]) -> None:
    """预收 / 确认收入 / 退款 lines of every contract, each with the invoice for the delivered part."""

    def delivery(on: date, customer: str, contract: str, from_advance: str, invoiced: str, memo: str, paid_on: date) -> None:
        ledger.recognition(on, customer, contract, from_advance, f"{contract} {memo}交货，预收款冲抵货款（确认收入）")
        if invoiced:
            invoice = ledger.invoice(on, customer, invoiced, f"{contract} {memo}交货开票（已扣预收款 {Decimal(from_advance):,.2f}）", contract=contract)
            ledger.receipt(paid_on, invoice, invoiced, "收到货款（{ref}）")

    a = ledger.advance
    a(date(2024, 3, 20), "C001", "HT2024-001", "25800.00", "HT2024-001 预收30%货款")
    delivery(date(2024, 5, 10), "C001", "HT2024-001", "25800.00", "60200.00", "全部", date(2024, 6, 6))
    a(date(2024, 6, 5), "C016", "HT2024-002", "8000.00", "HT2024-002 收到定金")
    delivery(date(2024, 8, 12), "C016", "HT2024-002", "8000.00", "32000.00", "全部", date(2024, 11, 8))
    a(date(2025, 8, 25), "C005", "HT2025-013", "24000.00", "HT2025-013 全额预收")
    delivery(date(2025, 10, 30), "C005", "HT2025-013", "24000.00", "", "全部", AS_OF)
    a(date(2025, 10, 20), "C001", "HT2025-006", "150000.00", "HT2025-006 预收50%货款")
    delivery(date(2026, 2, 10), "C001", "HT2025-006", "60000.00", "60000.00", "第一批", date(2026, 3, 10))
    a(date(2025, 11, 5), "C003", "HT2025-007", "13500.00", "HT2025-007 预收30%货款")
    delivery(date(2026, 1, 20), "C003", "HT2025-007", "10500.00", "24500.00", "第一批（客户取消余下订单）", date(2026, 2, 16))
    a(date(2025, 12, 1), "C004", "HT2025-008", "21000.00", "HT2025-008 预收30%货款")
    a(date(2026, 1, 15), "C011", "HT2026-005", "16000.00", "HT2026-005 收到定金")
    a(date(2026, 2, 20), "C002", "HT2026-004", "15000.00", "HT2026-004 收到定金")
    a(date(2026, 3, 6), "C013", "HT2026-001", "38400.00", "HT2026-001 预收30%货款")
    a(date(2026, 3, 25), "C014", "HT2026-009", "10800.00", "HT2026-009 预收30%货款")
    a(date(2026, 4, 3), "C017", "HT2026-014", "20000.00", "HT2026-014 预收货款")
    a(date(2026, 4, 10), "C015", "HT2026-002", "20000.00", "HT2026-002 收到定金")
    a(date(2026, 4, 20), "C012", "HT2026-010", "19200.00", "HT2026-010 预收30%货款")
    a(date(2026, 5, 8), "C016", "HT2026-003", "12000.00", "HT2026-003 收到定金")
    a(date(2026, 5, 12), "C008", "HT2026-015", "6000.00", "HT2026-015 收到定金")
    a(date(2026, 5, 20), "C009", "HT2026-011", "14400.00", "HT2026-011 预收30%货款")
    a(date(2026, 6, 1), "C016", "HT2026-003", "18000.00", "HT2026-003 收到预付款")
    a(date(2026, 6, 5), "C010", "HT2026-012", "27000.00", "HT2026-012 预收30%货款")
    a(date(2026, 6, 15), "C008", "HT2026-015", "60000.00", "HT2026-015 收到预付款")
    ledger.refund(date(2026, 7, 25), "C017", "HT2026-014", "TK2026-007", "20000.00",
                  "TK2026-007 退还预收款：实付19,400.00，扣违约金600.00（3%）")
    delivery(date(2026, 8, 28), "C010", "HT2026-012", "9000.00", "21000.00", "第一批", date(2026, 10, 10))


# (comment, record); ids are given in requested_on order.
REFUNDS: list[tuple[str, dict]] = [
    ("合同已关闭（contract_closed）→ 驳回：HT2025-007 结案时还剩预收 3,000，须另行处理。", dict(
        id="TK2026-001", contract="HT2025-007", customer="C003", requested_on=date(2026, 4, 2), amount="3000.00",
        reason="demand_change", evidence=["退款申请书"])),
    ("超过合同约定的 90 天退款期（outside_window）→ 驳回：首笔预收 2025-12-01，申请日 2026-05-20（第 170 天）。", dict(
        id="TK2026-002", contract="HT2025-008", customer="C004", requested_on=date(2026, 5, 20), amount="21000.00",
        reason="客户需求变化", evidence=["退款申请书"])),
    ("定金 + 合同变更（双方原因 mutual）→ 定金原数退还 16,000；需二级审批，已由总经理（三级）批准 → 可退、已审批。", dict(
        id="TK2026-003", contract="HT2026-005", customer="C011", requested_on=date(2026, 6, 10), amount="16000.00",
        reason="contract_change", evidence=["合同变更协议"], approved_by="刘建国", approval_level=3, approved_on=date(2026, 6, 12))),
    ("预付款 + 质量问题（公司原因）→ 全额退 90,000，不扣违约金；附质检报告；现金退款超 50,000 需三级（总经理）审批，已批准。", dict(
        id="TK2026-004", contract="HT2025-006", customer="C001", requested_on=date(2026, 6, 15), amount="90000.00",
        reason="产品质量问题", evidence=["合同", "质检报告", "退货单"], approved_by="刘建国", approval_level=3, approved_on=date(2026, 6, 20))),
    ("定金超过 20% 上限（earnest_capped）+ 客户原因：只没收 10,000 定金，其余 5,000 退还；一级审批已批准。", dict(
        id="TK2026-005", contract="HT2026-004", customer="C002", requested_on=date(2026, 7, 6), amount="15000.00",
        reason="demand_change", evidence=["退款申请书"], approved_by="陈静", approval_level=1, approved_on=date(2026, 7, 8))),
    ("预收余额为 0（已全部交货确认收入）→ 驳回。", dict(
        id="TK2026-006", contract="HT2025-013", customer="C005", requested_on=date(2026, 7, 10), amount="6000.00",
        reason="quality", evidence=["质检报告"])),
    ("已入账（posted）：客户支付能力不足取消订单，扣 3% 违约金 600，实退 19,400；ledger/2026.csv 有 doc=TK2026-007 的 refund 行（金额 20,000）。", dict(
        id="TK2026-007", contract="HT2026-014", customer="C017", requested_on=date(2026, 7, 20), amount="20000.00",
        reason="payment_inability", evidence=["退款申请书"], approved_by="周磊", approval_level=2, approved_on=date(2026, 7, 22))),
    ("客户与合同不符（customer_mismatch）→ 驳回：C009 申请退 C013 的合同 HT2026-001 的预收款。", dict(
        id="TK2026-008", contract="HT2026-001", customer="C009", requested_on=date(2026, 8, 5), amount="10000.00",
        reason="demand_change", evidence=["退款申请书"])),
    ("超过 refundable_until（2026-06-30）→ 驳回（outside_window）。", dict(
        id="TK2026-009", contract="HT2026-009", customer="C014", requested_on=date(2026, 8, 15), amount="10800.00",
        reason="demand_change", evidence=["退款申请书"])),
    ("预付款 + 客户需求变化（客户原因）→ 扣 5% 违约金 1,920（fee_retained），实退 36,480；二级审批已批准。", dict(
        id="TK2026-010", contract="HT2026-001", customer="C013", requested_on=date(2026, 8, 18), amount="38400.00",
        reason="demand_change", evidence=["退款申请书", "合同"], approved_by="周磊", approval_level=2, approved_on=date(2026, 8, 20))),
    ("合同只接受质量问题/合同变更，客户以需求变化申请（reason_not_allowed）→ 驳回。", dict(
        id="TK2026-011", contract="HT2026-010", customer="C012", requested_on=date(2026, 9, 8), amount="19200.00",
        reason="demand_change", evidence=["退款申请书"])),
    ("定金 + 质量问题（公司原因）→ 定金双倍返还（earnest_doubled）：退 30,000 + 额外 12,000 = 42,000；需二级审批，目前只有一级 → 未审批。", dict(
        id="TK2026-012", contract="HT2026-003", customer="C016", requested_on=date(2026, 9, 22), amount="30000.00",
        reason="quality", evidence=["合同", "质检报告"], approved_by="陈静", approval_level=1, approved_on=date(2026, 9, 24))),
    ("定金 + 违约金二者择一（民法典第588条）：违约金 12% × 66,000 = 7,920 > 定金 6,000 → 扣 7,920，实退 58,080；需三级审批，目前二级 → 未审批。", dict(
        id="TK2026-013", contract="HT2026-015", customer="C008", requested_on=date(2026, 9, 28), amount="66000.00",
        reason="支付能力不足", evidence=["退款申请书"], approved_by="周磊", approval_level=2, approved_on=date(2026, 9, 30))),
    ("超过可退余额（exceeds_balance）→ 部分可退：余额 18,000，申请 20,000；合同变更（双方原因）不扣违约金；二级审批已批准。", dict(
        id="TK2026-014", contract="HT2026-012", customer="C010", requested_on=date(2026, 10, 9), amount="20000.00",
        reason="contract_change", evidence=["合同变更协议"], approved_by="周磊", approval_level=2, approved_on=date(2026, 10, 12))),
    ("定金 + 客户需求变化（客户原因）→ 定金 20,000 全部没收（earnest_forfeited），实退 0；一级审批尚未批准。", dict(
        id="TK2026-015", contract="HT2026-002", customer="C015", requested_on=date(2026, 10, 12), amount="20000.00",
        reason="demand_change", evidence=["退款申请书"])),
    ("质量问题退款缺少质检报告（missing_evidence:质检报告）→ 暂不受理，补齐后再审。", dict(
        id="TK2026-016", contract="HT2026-011", customer="C009", requested_on=date(2026, 10, 20), amount="14400.00",
        reason="quality", evidence=["合同"])),
    ("合同编号不存在（unknown_contract）→ 驳回：账上没有 HT2026-099 这份合同（客户填错了合同号），需与客户核实。", dict(
        id="TK2026-017", contract="HT2026-099", customer="C006", requested_on=date(2026, 11, 5), amount="8000.00",
        reason="demand_change", evidence=["退款申请书"])),
]


# ---------------------------------------------------------------------------------------------
# The collection log
# ---------------------------------------------------------------------------------------------

def scenario_log(key: dict[str, Line]) -> list[LogEntry]:
    """The 催收记录 that the month-end scenarios depend on (the rest comes from regular trade)."""
    outstanding_c004 = key["L2_promise"].amount
    return [
        # C011: a 催款函 that provably reached the debtor restarts the limitation clock (民法典第195条).
        LogEntry(date(2024, 9, 20), "C011", "电话", "对方称期初欠款需核对", doc=key["demand_restart"], by="张会计"),
        LogEntry(date(2024, 10, 10), "C011", "催款函", "EMS 已签收（回执编号 EMS1180245566）", doc=key["demand_restart"],
                 written_demand=True, by="张会计", note="书面催告送达，诉讼时效自 2024-10-10 重新计算"),
        LogEntry(date(2025, 5, 14), "C011", "电话", "对方称等新订单回款后处理", doc=key["demand_restart"], by="张会计"),
        # C012: the debtor's written acknowledgment (对账确认函) restarts it as well.
        LogEntry(date(2025, 6, 30), "C012", "上门", "对方盖章确认欠款52,000.00元（对账确认函）", doc=key["acknowledged"],
                 acknowledged=True, by="王会计", note="债务人书面确认，时效自 2025-06-30 重新计算"),
        # C007: phone calls, a visit and a returned lawyer letter do not interrupt the period.
        LogEntry(date(2024, 11, 5), "C007", "电话", "对方称资金紧张，春节后付款", by="李出纳"),
        LogEntry(date(2025, 3, 12), "C007", "电话", "电话已停机", by="李出纳"),
        LogEntry(date(2025, 9, 16), "C007", "上门", "原经营地址已人去楼空", by="李出纳"),
        LogEntry(date(2026, 3, 20), "C007", "律师函", "EMS 退回：查无此单位（未送达）", written_demand=False, by="李出纳",
                 note="未送达的催告不中断诉讼时效"),
        # C008: the disputed remainder; email and phone, nothing written that reached them.
        LogEntry(date(2026, 6, 10), "C008", "邮件", "发送对账函，对方未回复", doc=key["receipt_restart"], by="王会计",
                 note="邮件无送达确认，不作书面催告"),
        LogEntry(date(2026, 9, 5), "C008", "电话", "对方称质量争议未解决，暂不付款", doc=key["receipt_restart"], by="王会计"),
        # C005 (46–90 days): a reminder, then a promise that was broken.
        LogEntry(date(2026, 9, 20), "C005", "邮件", "已发送逾期提醒及对账单", doc=key["L3_broken"], by="李出纳"),
        LogEntry(date(2026, 10, 15), "C005", "电话", "对方承诺11月10日前付18,000.00元", doc=key["L3_broken"],
                 promised_amount=money("18000.00"), promised_date=date(2026, 11, 10), by="李出纳", note="截至11月30日未付：承诺已违约"),
        # C006 (91–180 days, over its credit limit): a kept promise, a delivered letter, a visit.
        LogEntry(date(2026, 8, 20), "C006", "电话", "对方承诺9月18日前先付20,000.00元", doc=key["L4_over_limit"],
                 promised_amount=money("20000.00"), promised_date=date(2026, 9, 18), by="王会计", note="已按期支付"),
        LogEntry(date(2026, 10, 9), "C006", "催款函", "EMS 已签收", doc=key["L4_over_limit"], written_demand=True, by="王会计"),
        LogEntry(date(2026, 10, 28), "C006", "上门", "拜访财务总监，对方称资金周转困难，要求分期", by="王会计",
                 note="已暂停赊销，新订单须款到发货"),
        # C004 (16–45 days): an active promise to pay after the as-of date.
        LogEntry(date(2026, 11, 20), "C004", "电话", "对方承诺12月10日前付清9月货款", doc=key["L2_promise"],
                 promised_amount=outstanding_c004, promised_date=date(2026, 12, 10), by="王会计"),
        # C019 (46–90 days, the plain level 3): an email and phone calls, no promise and no written demand yet → a 催款函 task.
        # The phone call twelve days before the as-of date does not hold it: a lower action never stands in for a letter.
        LogEntry(date(2026, 9, 15), "C019", "邮件", "已发送逾期提醒及对账单", doc=key["L3"], by="张会计"),
        LogEntry(date(2026, 10, 16), "C019", "电话", "对方财务称主机厂回款延迟，答应尽快安排，未给出具体日期和金额", doc=key["L3"], by="张会计"),
        LogEntry(date(2026, 11, 18), "C019", "电话", "对方财务经理出差，未联系上负责人", by="张会计", note="下一步：寄发催款函（EMS）"),
        # C018 (1–15 days): reminded four days ago — inside the 7-day cooldown, no new task.
        LogEntry(date(2026, 11, 26), "C018", "邮件", "已发送付款提醒", doc=key["L1_cooldown"], by=DEFAULT_COLLECTOR),
        # C009: a friendly SMS about its overpayment.
        LogEntry(date(2026, 11, 13), "C009", "短信", "通知对方多付200.00元将抵下期货款", by="张会计"),
    ]


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

def number_docs(lines: list[Line]) -> None:
    counters: dict[tuple[str, int], int] = defaultdict(int)
    for line in sorted(lines, key=lambda l: (l.date, KIND_ORDER[l.kind], l.customer, l.seq)):
        if line.kind == "refund":
            continue
        counters[(line.kind, line.date.year)] += 1
        line.doc = f"{KIND_PREFIX[line.kind]}{line.date.year}{counters[(line.kind, line.date.year)]:04d}"


def amount_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def write_ledger(out: Path, lines: list[Line]) -> None:
    folder = out / "ledger"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.csv"):
        old.unlink()
    by_year: dict[int, list[Line]] = defaultdict(list)
    for line in sorted(lines, key=lambda l: (l.date, KIND_ORDER[l.kind], l.doc)):
        by_year[line.date.year].append(line)
    for year, year_lines in by_year.items():
        with open(folder / f"{year}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["date", "kind", "doc", "customer", "contract", "amount", "due", "applies_to", "memo"])
            for line in year_lines:
                ref = line.applies_to.doc if line.applies_to else ""
                writer.writerow([line.date.isoformat(), line.kind, line.doc, line.customer, line.contract, amount_text(line.amount),
                                 line.due.isoformat() if line.due else "", ref, line.memo.replace("{ref}", ref)])


CUSTOMER_HEADERS = ["客户编号", "客户名称", "信用额度", "账期", "催收负责人", "电话", "邮箱", "地址", "统一社会信用代码", "信用等级"]


def tax_id_of(spec: CustomerSpec, index: int) -> str:
    if not spec.division:
        return ""
    body = f"{(73519246 + index * 1048573) % 100000000:08d}"  # fictitious, but well-formed
    return uscc(spec.division, body)


def write_customers(out: Path) -> None:
    with open(out / "customers.csv", "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")  # what Excel writes
        writer.writerow(CUSTOMER_HEADERS)
        for index, spec in enumerate(CUSTOMERS):
            writer.writerow([spec.id, spec.name, spec.credit_limit, spec.terms, spec.collector, spec.phone, spec.email, spec.address,
                             tax_id_of(spec, index), spec.grade])


COLLECTION_HEADERS = ["日期", "客户", "单据号", "方式", "结果", "承诺金额", "承诺日期", "书面催告", "确认债务", "经办人", "备注"]


def write_collections(out: Path, log: list[LogEntry]) -> None:
    with open(out / "collections.csv", "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(COLLECTION_HEADERS)
        for entry in sorted(log, key=lambda e: (e.date, e.customer, e.action)):
            writer.writerow([entry.date.isoformat(), entry.customer, entry.doc.doc if entry.doc else "", entry.action, entry.outcome,
                             amount_text(entry.promised_amount), entry.promised_date.isoformat() if entry.promised_date else "",
                             "是" if entry.written_demand else "否", "是" if entry.acknowledged else "否", entry.by, entry.note])


AMOUNT_TEXT = re.compile(r"^\d+\.\d{2}$")


def yaml_value(value: object) -> str:
    """A YAML scalar or flow collection as a person would type it: dates and amounts bare
    (``2026-04-02``, ``3000.00``), text bare unless YAML would read it as something else."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {yaml_value(v)}" for k, v in value.items()) + "}"
    text = str(value)
    if AMOUNT_TEXT.match(text):
        return text  # YAML reads it as a float; two decimals survive repr exactly
    plain = not re.search(r"[:#,\[\]{}&*!|>'\"%@`]", text) or text.endswith("%") and text[:-1].replace(".", "").isdigit()
    if plain and yaml.safe_load(f"- {text}") == [text]:
        return text
    return json.dumps(text, ensure_ascii=False)


def yaml_records(header: str, records: list[tuple[str, dict]]) -> str:
    parts = [header.rstrip() + "\n"]
    for comment, record in records:
        parts.append("\n# " + comment + "\n")
        for index, (name, value) in enumerate(record.items()):
            parts.append(("- " if index == 0 else "  ") + f"{name}: {yaml_value(value)}\n")
    return "".join(parts)


CONTRACTS_HEADER = """\
# 合同（contracts.yaml）—— 上海浦江商贸有限公司
# 每份合同一条记录；键名用英文（也接受中文别名）。未填写的退款条款取 books.yaml 中 refunds 的默认值。
#   deposit_kind: prepayment 预付款 | earnest 定金（定金罚则只对不超过合同金额 20% 的部分适用，民法典第586条）
#   window_days: 自首笔预收起多少天内可申请退款；refundable_until: 最迟申请日
#   fee_rate: 客户原因退款时收取的违约金比例；allowed_reasons: 允许的退款原因；
#   evidence: 各原因需提交的材料（all 适用于所有原因）；status: open 执行中 | closed 已关闭
"""

REFUNDS_HEADER = """\
# 退款申请（refunds.yaml）—— 上海浦江商贸有限公司，截至 2026-11-30
# amount 是客户申请释放的预收余额；reason 可写英文或中文（客户需求变化 / 产品质量问题 / 合同条款变更 / 支付能力不足）。
# 审批阶梯（books.yaml）：实退现金 ≤ 10,000 会计主管（一级）；≤ 50,000 财务经理（二级）；以上总经理（三级）。
# 审批人：陈静（会计主管）、周磊（财务经理）、刘建国（总经理）。
# 每条申请上方的注释说明它要演示的规则（SPEC §5.3）。
"""


def write_books_yaml(out: Path, opening_allowance: Decimal) -> None:
    text = BOOKS_YAML.replace("@OPENING_ALLOWANCE@", f"{opening_allowance:.2f}")
    (out / "books.yaml").write_text(text, encoding="utf-8")


BOOKS_YAML = """\
# 账套配置（books.yaml）—— 上海浦江商贸有限公司
# 代理记账：2023-12-01 起接手，参考月结期间 2026-11（as-of 2026-11-30）。

company: 上海浦江商贸有限公司      # 公司名称（必填），出现在报表和凭证上
currency: CNY                      # 记账本位币：人民币，金额保留两位小数（四舍五入）
standard: cas                      # 会计准则：cas 企业会计准则；small 小企业会计准则（不计提坏账准备）
advance_account: contract_liabilities  # 预收款挂账科目：contract_liabilities 合同负债 2204；advance_receipts 预收账款 2203

# 科目代码可按本公司科目表覆盖，未写的用准则默认值，例如：
# accounts:
#   credit_loss: {code: "6702", name: 信用减值损失}

# 信用评级（A/B/C）门槛可按需调整，未写的用默认值，例如：
# credit:
#   A: {on_time_share: 90%, avg_days_late: 5, overdue_share: 10%, limit_usage: 80%, oldest_overdue_days: 30}

aging:                             # 账龄分析
  basis: due_date                  # 账龄起算：due_date 按到期日（逾期天数，未到期列“current”）；invoice_date 按开票日
  buckets: [30, 60, 90, 180, 365]  # 各账龄段上限（天）；也可写日历月/年，如 6m、1y

provision:                         # 坏账准备（账龄分析法，按开票日计算账龄，日历年）
  bands:                           # 各账龄段计提比例
    1y: 5%                         # 1 年以内
    2y: 10%                        # 1–2 年
    3y: 30%                        # 2–3 年
    4y: 50%                        # 3–4 年
    5y: 80%                        # 4–5 年
    over: 100%                     # 5 年以上
  specific:                        # 单项计提：对个别客户或发票按单独比例计提，取代账龄比例
    - customer: C007               # 嘉兴南湖禾丰食品
      rate: 100%
      reason: 客户已停止经营，原址人去楼空，律师函无法送达，预计无法收回
  opening_allowance: "@OPENING_ALLOWANCE@"  # 接手时（2023-11-30）坏账准备科目的期初贷方余额

refunds:                           # 预收款退回
  approval:                        # 审批阶梯：按实退现金金额确定所需审批级别（最后一级不设上限）
    - {level: 1, approver: 会计主管, up_to: 10000}
    - {level: 2, approver: 财务经理, up_to: 50000}   # 本公司把二级上限从默认的 100,000 调低到 50,000
    - {level: 3, approver: 总经理}
  fee_rate: 0%                     # 合同未约定违约金比例时的默认值：不收
  window_days: 365                 # 合同未约定退款期限时：自首笔预收起 365 天内可申请
  fault:                           # 各退款原因的责任方，决定扣违约金/定金罚则
    demand_change: customer        # 客户需求变化 → 客户原因：扣违约金，定金不退
    payment_inability: customer    # 支付能力不足 → 客户原因
    quality: company               # 产品质量问题 → 公司原因：不扣违约金，定金双倍返还
    contract_change: mutual        # 合同条款变更 → 双方协商：不扣违约金，定金原数退还

collection:                        # 催收
  ladder:                          # 催收阶梯：按最长逾期天数（up_to 为上限），due_days 为任务期限（天）
    - {level: 1, action: email, up_to: 15, due_days: 3}                      # 1–15 天：邮件提醒
    - {level: 2, action: phone, up_to: 45, due_days: 2}                      # 16–45 天：电话催收
    - {level: 3, action: letter, up_to: 90, due_days: 5}                     # 46–90 天：催款函（书面催告）
    - {level: 4, action: visit, up_to: 180, due_days: 7, stop_credit: true}  # 91–180 天：上门拜访并停止赊销
    - {level: 5, action: lawyer_letter, due_days: 10, stop_credit: true}     # 180 天以上：律师函 / 委外 / 诉讼
  limitation_years: 3              # 诉讼时效三年（民法典第188条），催告、债务人同意履行或付款后重新计算（第195条）
  limitation_warning_days: 90      # 时效在 90 天内届满的发票列为最高优先级任务
  cooldown_days: 7                 # 7 天内已做过同级别催收的客户不再生成新任务
  default_collector: 王会计        # 客户未指定催收负责人时的经办人
  abc_a: 70%                       # ABC 分类：逾期金额累计前 70% 的客户为 A 类
  abc_b: 90%                       # 70%–90% 为 B 类，其余为 C 类
"""


def write_all(out: Path, ledger: LedgerBuilder, log: list[LogEntry], opening_allowance: Decimal) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_books_yaml(out, opening_allowance)
    write_customers(out)
    (out / "contracts.yaml").write_text(yaml_records(CONTRACTS_HEADER, CONTRACTS), encoding="utf-8")
    (out / "refunds.yaml").write_text(yaml_records(REFUNDS_HEADER, REFUNDS), encoding="utf-8")
    write_ledger(out, ledger.lines)
    write_collections(out, log)


# ---------------------------------------------------------------------------------------------
# Verification: re-read the files, validate, recompute the month-end and assert the scenarios
# ---------------------------------------------------------------------------------------------

CUSTOMER_FIELDS = dict(zip(CUSTOMER_HEADERS, ["id", "name", "credit_limit", "terms_days", "collector", "phone", "email", "address", "tax_id", "grade"]))
COLLECTION_FIELDS = dict(zip(COLLECTION_HEADERS, ["date", "customer", "doc", "action", "outcome", "promised_amount", "promised_date",
                                                  "written_demand", "acknowledged", "by", "note"]))


@dataclass
class Position:
    """What the files say on the as-of date, recomputed independently of zhangkuan.core."""

    config: object = None  # zhangkuan.model.config.BooksConfig
    customers: dict = field(default_factory=dict)
    contracts: dict = field(default_factory=dict)
    invoices: dict = field(default_factory=dict)  # doc → dict(customer, date, due, amount, outstanding, last_receipt)
    unapplied: dict = field(default_factory=lambda: defaultdict(Decimal))
    advances: dict = field(default_factory=lambda: defaultdict(Decimal))
    first_advance: dict = field(default_factory=dict)
    paid_before_takeover: list = field(default_factory=list)
    refunded_requests: set = field(default_factory=set)
    log: list = field(default_factory=list)
    refunds: list = field(default_factory=list)


def load_and_validate(out: Path) -> Position:
    from zhangkuan.model.config import BooksConfig
    from zhangkuan.model.enums import LedgerKind, parse_enum
    from zhangkuan.model.records import CollectionEntry, Contract, Customer, RefundRequest
    from zhangkuan.model.values import parse_amount, parse_date

    context = {"currency": "CNY"}
    position = Position()
    position.config = BooksConfig.model_validate(yaml.safe_load((out / "books.yaml").read_text(encoding="utf-8")), context=context)

    raw = (out / "customers.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "customers.csv must carry a UTF-8 BOM"
    for row in csv.DictReader((out / "customers.csv").open(encoding="utf-8-sig", newline="")):
        customer = Customer.model_validate({CUSTOMER_FIELDS[k]: v for k, v in row.items() if v != ""}, context=context)
        if customer.tax_id:
            assert len(customer.tax_id) == 18 and uscc_check_digit(customer.tax_id[:17]) == customer.tax_id[17], customer.tax_id
        position.customers[customer.id] = customer
    for record in yaml.safe_load((out / "contracts.yaml").read_text(encoding="utf-8")):
        contract = Contract.model_validate(record, context=context)
        assert contract.customer in position.customers
        position.contracts[contract.id] = contract
    for record in yaml.safe_load((out / "refunds.yaml").read_text(encoding="utf-8")):
        position.refunds.append(RefundRequest.model_validate(record, context=context))

    docs: dict[tuple[str, str], str] = {}
    settling = []
    events = []
    for path in sorted((out / "ledger").glob("*.csv")):
        for row in csv.DictReader(path.open(encoding="utf-8", newline="")):
            kind = parse_enum(LedgerKind, row["kind"]).value
            on = parse_date(row["date"])
            amount = parse_amount(row["amount"], "CNY", allow_zero=False)
            assert on.year == int(path.stem), f"{path.name}: {row}"
            assert (kind, row["doc"]) not in docs, f"duplicate {kind} doc {row['doc']}"
            docs[(kind, row["doc"])] = row["customer"]
            assert row["customer"] in position.customers, row
            if row["contract"]:
                assert row["contract"] in position.contracts and position.contracts[row["contract"]].customer == row["customer"], row
            if kind == "invoice":
                due = parse_date(row["due"]) if row["due"] else on + timedelta(days=position.customers[row["customer"]].terms_days)
                position.invoices[row["doc"]] = dict(customer=row["customer"], date=on, due=due, amount=amount, outstanding=amount,
                                                     last_receipt=None)
            elif kind in ("receipt", "credit_note", "write_off"):
                settling.append((on, row["doc"], kind, row["customer"], amount, row["applies_to"]))
            else:
                assert kind in ("advance", "recognition", "refund") and row["contract"], row
                events.append((on, KIND_ORDER[kind], kind, row["contract"], amount, row["doc"]))

    # SPEC §5.1: explicit applications first, then the customer's pool oldest first.
    pool: dict[str, Decimal] = defaultdict(Decimal)
    pooled_receipt_dates: dict[str, list[date]] = defaultdict(list)
    for on, doc, kind, customer, amount, applies_to in sorted(settling):
        if applies_to:
            invoice = position.invoices[applies_to]
            if on < TAKEOVER and invoice["date"] < TAKEOVER:
                position.paid_before_takeover.append((on, amount))
            assert invoice["customer"] == customer, f"{doc} applies to another customer's invoice"
            assert on >= invoice["date"], f"{doc} is dated before the invoice it settles"
            applied = min(amount, invoice["outstanding"])
            invoice["outstanding"] -= applied
            if kind == "receipt" and applied:
                invoice["last_receipt"] = on
            amount -= applied
            if kind == "write_off":
                assert not amount and not invoice["outstanding"], f"write-off {doc} must clear its invoice exactly"
        if amount:
            pool[customer] += amount
            if kind == "receipt":
                pooled_receipt_dates[customer].append(on)
    for customer, credit in pool.items():
        for doc, invoice in sorted(position.invoices.items(), key=lambda item: (item[1]["due"], item[1]["date"], item[0])):
            if invoice["customer"] != customer or not invoice["outstanding"] or not credit:
                continue
            applied = min(credit, invoice["outstanding"])
            invoice["outstanding"] -= applied
            credit -= applied
        position.unapplied[customer] = -credit

    # Advances: never negative, in date order (SPEC §5.3 balance).
    for on, _, kind, contract, amount, doc in sorted(events):
        position.advances[contract] += amount if kind == "advance" else -amount
        assert position.advances[contract] >= 0, f"{contract} advance balance negative on {on}"
        if kind == "advance":
            position.first_advance.setdefault(contract, on)
        if kind == "refund":
            position.refunded_requests.add(doc)

    for row in csv.DictReader((out / "collections.csv").open(encoding="utf-8-sig", newline="")):
        entry = CollectionEntry.model_validate({COLLECTION_FIELDS[k]: v for k, v in row.items() if v != ""}, context=context)
        assert entry.customer in position.customers and (not entry.doc or position.invoices[entry.doc]["customer"] == entry.customer)
        position.log.append(entry)
    return position


def month_end(position: Position) -> dict[str, dict]:
    """Per customer: balance, unapplied, max days past due, ladder level, limitation findings."""
    from zhangkuan.model.config import DEFAULT_LADDER

    report = {}
    for customer_id, customer in position.customers.items():
        open_invoices = {doc: inv for doc, inv in position.invoices.items() if inv["customer"] == customer_id and inv["outstanding"]}
        outstanding = sum((inv["outstanding"] for inv in open_invoices.values()), Decimal(0))
        overdue = {doc: inv for doc, inv in open_invoices.items() if inv["due"] < AS_OF}
        max_days = max(((AS_OF - inv["due"]).days for inv in overdue.values()), default=0)
        level = next((step.level for step in DEFAULT_LADDER if step.up_to is None or max_days <= step.up_to), None) if max_days else 0
        expiring, expired = [], []
        for doc, inv in overdue.items():
            anchors = [inv["due"]] + [inv["last_receipt"]] * bool(inv["last_receipt"])
            anchors += [e.date for e in position.log if e.customer == customer_id and (not e.doc or e.doc == doc) and (e.written_demand or e.acknowledged)]
            expiry = max(anchors) + relativedelta(years=3)
            if expiry < AS_OF:
                expired.append((doc, expiry))
            elif expiry <= AS_OF + timedelta(days=90):
                expiring.append((doc, expiry))
        report[customer_id] = dict(
            name=customer.name, outstanding=outstanding, unapplied=position.unapplied.get(customer_id, Decimal(0)),
            total=outstanding + position.unapplied.get(customer_id, Decimal(0)), overdue=sum((i["outstanding"] for i in overdue.values()), Decimal(0)),
            max_days=max_days, level=level, expiring=expiring, expired=expired, limit=customer.credit_limit,
            open=len(open_invoices), not_due=sum((i["outstanding"] for i in open_invoices.values() if i["due"] >= AS_OF), Decimal(0)),
        )
    return report


def assess_refunds(position: Position) -> list[dict]:
    """SPEC §5.3 as the README reads it; fee = fee_rate × the advance released."""
    policy = position.config.refunds
    pending: dict[str, Decimal] = defaultdict(Decimal)
    decisions = []
    for request in sorted(position.refunds, key=lambda r: (r.requested_on, r.id)):
        reasons = []
        contract = position.contracts.get(request.contract)
        refundable = Decimal(0)
        if request.id in position.refunded_requests:
            decisions.append(dict(request=request.id, status="posted", reasons=[], cash=None))
            continue
        if contract is None:
            reasons.append("unknown_contract")
        else:
            if contract.customer != request.customer:
                reasons.append("customer_mismatch")
            if contract.status.value == "closed":
                reasons.append("contract_closed")
            window = contract.window_days if contract.window_days is not None else (None if contract.refundable_until else policy.window_days)
            first = position.first_advance.get(contract.id)
            if (contract.refundable_until and request.requested_on > contract.refundable_until) or (
                window is not None and first and (request.requested_on - first).days > window):
                reasons.append("outside_window")
            if str(request.reason) not in [str(r) for r in contract.allowed_reasons]:
                reasons.append("reason_not_allowed")
            required = contract.evidence.get(str(request.reason), []) + contract.evidence.get("all", [])
            reasons += [f"missing_evidence:{doc}" for doc in dict.fromkeys(required) if doc not in request.evidence]
            balance = position.advances[contract.id] - pending[contract.id]
            if not reasons:
                refundable = min(request.amount, max(balance, Decimal(0)))
                if request.amount > balance:
                    reasons.append("exceeds_balance")  # partial, or rejected when nothing is left
        if reasons and not refundable:
            decisions.append(dict(request=request.id, status="rejected", reasons=reasons, cash=Decimal(0), retained=Decimal(0), extra=Decimal(0)))
            continue
        pending[contract.id] += refundable
        fault = contract.fault.get(str(request.reason)) or policy.fault_for(str(request.reason))
        fee_rate = contract.fee_rate if contract.fee_rate is not None else policy.fee_rate
        fee = (refundable * fee_rate).quantize(CENT, ROUND_HALF_UP)
        retained = extra = Decimal(0)
        if contract.deposit_kind.value == "earnest":
            earnest = min(contract.earnest_amount, (contract.amount * Decimal("0.2")).quantize(CENT, ROUND_HALF_UP), refundable)
            if contract.earnest_amount > contract.amount * Decimal("0.2"):
                reasons.append("earnest_capped")
            if fault.value == "customer":
                retained, code = (fee, "fee_retained") if fee > earnest else (earnest, "earnest_forfeited")
                reasons.append(code)
            elif fault.value == "company":
                extra = earnest
                reasons.append("earnest_doubled")
        elif fault.value == "customer" and fee:
            retained = fee
            reasons.append("fee_retained")
        cash = refundable - retained + extra
        level = next(step.level for step in policy.approval if step.up_to is None or cash <= step.up_to)
        decisions.append(dict(request=request.id, status="partial" if refundable < request.amount else "eligible", reasons=reasons,
                              refundable=refundable, cash=cash, retained=retained, extra=extra, level=level,
                              approved=request.approval_level >= level))
    return decisions


def verify(out: Path, show: bool, key_docs: dict[str, str]) -> None:
    position = load_and_validate(out)
    lines = sum(1 for path in (out / "ledger").glob("*.csv") for _ in csv.DictReader(path.open(encoding="utf-8")))
    report = month_end(position)
    decisions = assess_refunds(position)
    r = report

    # The promises the README makes.
    assert lines == 1087 and len(position.log) == 70, (lines, len(position.log))
    assert sum(row["outstanding"] for row in r.values()) == Decimal("914443.00")
    assert sum(row["total"] for row in r.values()) == Decimal("885842.50")
    assert opening_allowance_of(position) == position.config.provision.opening_allowance == Decimal("9170.00")
    assert 1 <= r["C003"]["max_days"] <= 15 and 1 <= r["C018"]["max_days"] <= 15
    assert 16 <= r["C004"]["max_days"] <= 45
    assert 46 <= r["C005"]["max_days"] <= 90 and 46 <= r["C019"]["max_days"] <= 90
    # C019 is the plain level 3 (催款函): no promise (C005's broken one escalates it to 4), and no action of level 3 or
    # higher (letter, visit, lawyer_letter, agency, lawsuit) inside the 7-day cooldown that would hold the task.
    c019_log = [e for e in position.log if e.customer == "C019"]
    assert c019_log and not any(e.promised_date for e in c019_log), c019_log
    assert not [e for e in c019_log if str(e.action) not in ("email", "sms", "phone") and (AS_OF - e.date).days < 7], c019_log
    assert 91 <= r["C006"]["max_days"] <= 180 and r["C006"]["outstanding"] > r["C006"]["limit"]
    assert all(r[c]["max_days"] > 180 for c in ("C007", "C008", "C011", "C012"))
    assert [doc for doc, _ in r["C007"]["expired"]] and not any(r[c]["expired"] for c in r if c != "C007")
    assert [c for c in r if r[c]["expiring"]] == ["C008"], {c: r[c]["expiring"] for c in r}
    assert all(r[c]["total"] == 0 and r[c]["open"] == 0 for c in ("C001", "C015", "C017"))
    assert r["C009"]["unapplied"] == Decimal("-200.00") and r["C009"]["open"] == 0
    assert r["C010"]["unapplied"] < 0 and r["C010"]["open"] == 0
    assert all(r[c]["open"] and r[c]["max_days"] == 0 for c in ("C002", "C013", "C014", "C016"))
    assert not [c for c in r if c not in ("C006",) and r[c]["limit"] and r[c]["outstanding"] > r[c]["limit"]]
    by_id = {d["request"]: d for d in decisions}
    assert by_id["TK2026-007"]["status"] == "posted"
    assert by_id["TK2026-014"]["status"] == "partial"
    wanted = {"TK2026-001": "contract_closed", "TK2026-002": "outside_window", "TK2026-006": "exceeds_balance",
              "TK2026-008": "customer_mismatch", "TK2026-009": "outside_window", "TK2026-011": "reason_not_allowed",
              "TK2026-016": "missing_evidence:质检报告", "TK2026-017": "unknown_contract"}
    for request, code in wanted.items():
        assert by_id[request]["status"] == "rejected" and by_id[request]["reasons"] == [code], by_id[request]
    levels = {(d["level"], d["approved"]) for d in decisions if d["status"] in ("eligible", "partial")}
    assert levels == {(lvl, ok) for lvl in (1, 2, 3) for ok in (True, False)}, levels

    if show:
        print(f"ledger lines: {lines}, collection log entries: {len(position.log)}")
        print("\ncustomer  total        unapplied   overdue      not due      maxDPD level  limit   expiring/expired")
        for cid, row in r.items():
            print(f"{cid}  {row['total']:>12,.2f} {row['unapplied']:>10,.2f} {row['overdue']:>12,.2f} {row['not_due']:>12,.2f} "
                  f"{row['max_days']:>6} {row['level']:>5} {row['limit'] or 0:>8,.0f}  {row['expiring']} {row['expired']}")
        print("\ncontract advance balances:", {k: f"{v:,.2f}" for k, v in sorted(position.advances.items())})
        print("\nrefunds:")
        for d in decisions:
            print(" ", {k: (f"{v:,.2f}" if isinstance(v, Decimal) else v) for k, v in d.items()})
        print("\nscenario invoices:")
        for name, doc in sorted(key_docs.items()):
            inv = position.invoices[doc]
            print(f"  {name:16} {doc} {inv['customer']} {inv['date']} due {inv['due']} amount {inv['amount']:,.2f} "
                  f"outstanding {inv['outstanding']:,.2f} last receipt {inv['last_receipt']}")


def opening_allowance_of(position: Position) -> Decimal:
    """5 % of the invoices issued before takeover that were still open at takeover, from the files."""
    open_at_takeover = sum((inv["amount"] for inv in position.invoices.values() if inv["date"] < TAKEOVER), Decimal(0))
    paid_before = sum((amount for on, amount in position.paid_before_takeover), Decimal(0))
    return ((open_at_takeover - paid_before) * Decimal("0.05")).quantize(CENT, ROUND_HALF_UP)


def opening_allowance(ledger: LedgerBuilder) -> Decimal:
    """5 % (the band within a year) of the receivables open at takeover, as the old books held them."""
    open_at_takeover = Decimal(0)
    for line in ledger.lines:
        if line.kind == "invoice" and line.date < TAKEOVER:
            paid = sum((l.amount for l in ledger.lines if l.applies_to is line and l.date < TAKEOVER), Decimal(0))
            open_at_takeover += line.amount - paid
    return (open_at_takeover * Decimal("0.05")).quantize(CENT, ROUND_HALF_UP)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="books directory to write (default: examples/shanghai-trading)")
    parser.add_argument("--summary", action="store_true", help="print the month-end position the README describes")
    args = parser.parse_args()
    ledger, log, key = build_ledger()
    log.extend(scenario_log(key))
    number_docs(ledger.lines)
    write_all(args.out, ledger, log, opening_allowance(ledger))
    verify(args.out, args.summary, {name: line.doc for name, line in key.items()})
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
