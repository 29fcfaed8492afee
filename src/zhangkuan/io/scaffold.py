"""``zhangkuan init``: a books directory an accountant can start filling in at once.

books.yaml carries every section with its default value and a comment in Chinese and
English; the record files carry only their English headers, in UTF-8 with a BOM so that
Excel on Chinese Windows opens them without mojibake.
"""

from __future__ import annotations

import json
from pathlib import Path

from zhangkuan.io.atomic import write_atomic
from zhangkuan.io.columns import COLUMN_SETS
from zhangkuan.io.configfile import CONFIG_FILE
from zhangkuan.io.csvfile import UTF8_BOM
from zhangkuan.io.loader import LEDGER_DIR, VARIANTS
from zhangkuan.model.findings import BooksError, Source, error

# Per-contract overrides of books.yaml's refund terms: rarely used, so left out of new files
# (a column of that name may be added by hand at any time).
_RARE_COLUMNS = {"fault", "earnest_cap", "earnest_forfeit", "earnest_double"}

# Columns of each new file: the fields in SPEC §2.2 order.
HEADERS: dict[str, tuple[str, ...]] = {
    stem: tuple(name for name in COLUMN_SETS[stem].fields if name not in _RARE_COLUMNS)
    for stem in ("customers", "contracts", "ledger", "refunds", "collections")
}

BOOKS_YAML = """\
# books.yaml — 账套配置 / the configuration of one company's books (zhangkuan)
# 除 company 外每个键都可以删掉，删掉后取下面写出的默认值。
# Every key but `company` may be deleted; the values written below are the defaults.

# 公司名称（必填） / company name (required)
company: {company}

# 记账本位币（ISO 代码） / bookkeeping currency (ISO code)
currency: CNY

# 会计准则 / accounting standard:
#   cas   = 企业会计准则：按账龄计提坏账准备 / allowance for doubtful accounts
#   small = 小企业会计准则：不计提坏账准备，损失实际发生时核销 / no allowance; write off when the loss occurs
standard: cas

# 预收款记入的科目 / the account advances are kept in:
#   contract_liabilities = 合同负债（cas 下默认） / default under cas
#   advance_receipts     = 预收账款（small 下默认且必须） / default and required under small
# advance_account: contract_liabilities

# 科目代码与名称，可逐个覆盖（各企业科目表不同） / account code and name per role, override any:
# accounts:
#   bank:                  {{code: "1002", name: 银行存款}}
#   receivable:            {{code: "1122", name: 应收账款}}
#   advance_receipts:      {{code: "2203", name: 预收账款}}
#   contract_liabilities:  {{code: "2204", name: 合同负债}}      # 有的企业用 2205
#   allowance:             {{code: "1231", name: 坏账准备}}
#   credit_loss:           {{code: "6702", name: 信用减值损失}}  # 有的企业用 6721
#   non_operating_income:  {{code: "6301", name: 营业外收入}}    # small: 5301
#   non_operating_expense: {{code: "6711", name: 营业外支出}}    # small: 5711

# 账龄分析 / aging
aging:
  # 账龄起算：due_date 到期日（默认）或 invoice_date 开票日 / age counted from the due date or the invoice date
  basis: due_date
  # 各账龄段上限：整数为天，6m、1y 为日历月、年 / bucket upper bounds: integers are days, 6m / 1y calendar months / years
  buckets: [30, 60, 90, 180, 365]

# 坏账准备（账龄分析法，按开票日） / allowance for doubtful accounts (aging method, invoice-date basis)
provision:
  # 账龄上限: 计提比例；over = 超过最后一段 / age up to: rate; over = older than every band
  bands:
    1y: 5%
    2y: 10%
    3y: 30%
    4y: 50%
    5y: 80%
    over: 100%
  # 单项计提，按客户或按发票，覆盖账龄比例 / specific provision per customer or invoice, replacing the band rate:
  #   - {{customer: C003, rate: 50%, reason: 客户涉诉}}
  #   - {{invoice: INV-2024-017, rate: 100%, reason: 客户已注销}}
  specific: []
  # 期初坏账准备余额 / allowance balance at the start
  opening_allowance: 0.00

# 预收款退回 / refunds of advance receipts
refunds:
  # 审批权限，按实付退款金额；最后一级不写 up_to / approval ladder by cash refund; the last level has no up_to
  approval:
    - {{level: 1, approver: 会计主管, up_to: 10000}}
    - {{level: 2, approver: 财务经理, up_to: 100000}}
    - {{level: 3, approver: 总经理}}
  # 合同未写时的手续费率（客户过错时作为违约金扣留） / fee kept as 违约金 when the customer is at fault, unless the contract says otherwise
  fee_rate: 0%
  # 合同未写时的可退天数（自首笔预收起算）；不写则不限 / days after the first advance a refund may be asked; none = no limit
  # window_days: 90
  # 各退款原因的过错方 / who is at fault for each reason: customer 客户, company 公司, mutual 双方
  fault:
    demand_change: customer
    payment_inability: customer
    quality: company
    contract_change: mutual
  # 定金（民法典第586–588条）：不超过合同金额的 20% 部分按定金处理 / earnest counts up to 20% of the contract amount
  earnest_cap: 20%
  # 客户违约时定金不予退还 / the customer's breach forfeits the earnest
  earnest_forfeit: true
  # 公司违约时双倍返还定金 / the company's breach returns the earnest twice over
  earnest_double: true

# 催收 / collection
collection:
  # 催收阶梯，按最长逾期天数 / steps by the longest days past due
  #   action 方式: email sms phone letter visit lawyer_letter agency lawsuit
  #   up_to 逾期天数上限 / up to days overdue; due_days 任务期限 / days to do it; stop_credit 停止赊销 / stop credit sales
  ladder:
    - {{level: 1, action: email, up_to: 15, due_days: 3}}
    - {{level: 2, action: phone, up_to: 45, due_days: 2}}
    - {{level: 3, action: letter, up_to: 90, due_days: 5}}
    - {{level: 4, action: visit, up_to: 180, due_days: 7, stop_credit: true}}
    - {{level: 5, action: lawyer_letter, due_days: 10, stop_credit: true}}
  # 诉讼时效年数（民法典第188条） / limitation period in years (Civil Code art. 188)
  limitation_years: 3
  # 时效届满前多少天提醒 / warn this many days before the limitation period ends
  limitation_warning_days: 90
  # 同一级催收后多少天内不再生成任务 / days after an action before the same level is tasked again
  cooldown_days: 7
  # 客户未指定催收负责人时的负责人 / collector when the customer names none
  default_collector: ""
  # ABC 分类：逾期金额累计占比 / ABC classes by cumulative share of the overdue amount
  abc_a: 70%
  abc_b: 90%

# 信用评级门槛（只写要改的项，其余取默认；详见 docs/credit-and-kpi.md）
# credit grade thresholds (write only what you change; see docs/credit-and-kpi.md):
#   A/B/C 依次检查，都达不到为 D / a customer meeting every threshold of A is A, else B, else C, else D
#   on_time_share 按期付款发票占比（至少） / share of invoices paid on time (at least)
#   avg_days_late 按金额加权平均逾期天数（至多） / amount-weighted average days late (at most)
#   overdue_share 逾期占应收比例（至多） / overdue share of the receivable (at most)
#   limit_usage 信用额度使用率（至多） / outstanding ÷ credit limit (at most)
#   oldest_overdue_days 最久逾期天数（至多） / oldest overdue days (at most)
# credit:
#   grace_days: 5
#   A: {{on_time_share: 90%, avg_days_late: 5, overdue_share: 10%, limit_usage: 80%, oldest_overdue_days: 30}}
#   B: {{on_time_share: 75%, avg_days_late: 15, overdue_share: 30%, limit_usage: 100%, oldest_overdue_days: 60}}
#   C: {{avg_days_late: 45, overdue_share: 60%, limit_usage: 120%, oldest_overdue_days: 180}}
"""


def init_books(target: Path, company: str | None = None) -> list[Path]:
    """Create the books files in ``target`` (made if needed) and return their paths.

    Refuses, writing nothing, when ``target`` already holds any books file: an init must
    never overwrite someone's records. ``company`` defaults to the directory's name.
    """
    existing = sorted(_books_files(target))
    if existing:
        raise BooksError([
            error(
                "books_exist", f"{path.name} already exists; init writes only into a directory without books", Source(path.name, 0),
                hint="choose a new directory, or edit the existing books",
                zh=f"{path.name} 已存在；init 只在没有账簿文件的目录中创建账套", hint_zh="换一个新目录，或直接编辑现有的账簿",
            )
            for path in existing
        ])
    target.mkdir(parents=True, exist_ok=True)
    name = company or target.resolve().name or "我的公司"
    written = [target / CONFIG_FILE]
    write_atomic(written[0], BOOKS_YAML.format(company=json.dumps(name, ensure_ascii=False)))
    for stem, header in HEADERS.items():
        path = target / f"{stem}.csv"
        write_atomic(path, UTF8_BOM + (",".join(header) + "\r\n").encode("utf-8"))
        written.append(path)
    return written


def _books_files(target: Path) -> list[Path]:
    if target.exists() and not target.is_dir():
        return [target]
    candidates = [target / CONFIG_FILE, target / LEDGER_DIR]
    candidates += [target / f"{stem}{suffix}" for stem, suffixes in VARIANTS.items() for suffix in suffixes]
    return [path for path in candidates if path.exists()]
