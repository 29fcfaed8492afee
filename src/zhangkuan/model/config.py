"""books.yaml (SPEC §2.1): the company's policy, with every default an accountant expects.

Everything but ``company`` is optional. Defaults depend on the accounting standard: under
小企业会计准则 (``small``) there is no 合同负债, 坏账准备 or 信用减值损失, and the
non-operating codes are 5301/5711 instead of 6301/6711.
"""

from __future__ import annotations

import re
from functools import partial
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from zhangkuan.model.enums import AdvanceAccount, AgingBasis, CollectionAction, Fault, RefundReason, Standard
from zhangkuan.model.problems import ValueProblem
from zhangkuan.model.records import Amount, Days, FaultByReason, Flag, Rate, Text, _enum, _text
from zhangkuan.model.values import parse_rate

_CALENDAR_BOUND = re.compile(r"^(\d+)\s*([my])$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Bound:
    """An upper bound of an aging bucket or provision band: whole days, or calendar months.

    ``1y`` is twelve calendar months: a date ``r`` lies within it on ``as_of`` when
    ``r >= as_of - relativedelta(months=12)`` (SPEC §5.1), leap days included.
    """

    days: int | None = None
    months: int | None = None

    @property
    def label(self) -> str:
        if self.days is not None:
            return str(self.days)
        assert self.months is not None
        return f"{self.months // 12}y" if self.months % 12 == 0 else f"{self.months}m"

    @property
    def is_calendar(self) -> bool:
        return self.months is not None


def parse_bound(value: Any) -> Bound:
    """``30`` → 30 days; ``6m`` → 6 calendar months; ``1y`` → 12 calendar months."""
    if isinstance(value, Bound):
        return value
    text = _text(value)
    match = _CALENDAR_BOUND.match(text)
    if match:
        count, unit = int(match.group(1)), match.group(2).lower()
        if count <= 0:
            raise ValueProblem(f"'{text}' must be positive", f"“{text}”必须大于零")
        return Bound(months=count * 12 if unit == "y" else count)
    if text.isdigit() and int(text) > 0:
        return Bound(days=int(text))
    raise ValueProblem(f"'{text}' is not a bucket bound; write days (30) or calendar months/years (6m, 1y)", f"“{text}”不是账龄区间上限；请写天数（30）或日历月、年（6m、1y）")


def parse_bounds(value: Any) -> list[Bound]:
    """A strictly increasing list of bounds, from a YAML list or ``30,60,90,1y``."""
    items = value if isinstance(value, list) else [part for part in re.split(r"[,;，；\s]+", _text(value)) if part]
    bounds = [parse_bound(item) for item in items]
    if not bounds:
        raise ValueProblem("give at least one bucket bound", "至少要写一个账龄区间上限")
    # Compare on an approximate day scale; mixing units is fine as long as the order is clear.
    scale = [b.days if b.days is not None else b.months * 30.4375 for b in bounds]  # type: ignore[operator]
    if any(later <= earlier for earlier, later in zip(scale, scale[1:])):
        labels = ", ".join(b.label for b in bounds)
        raise ValueProblem(f"bucket bounds must increase: {labels}", f"账龄区间上限必须逐个增大：{labels}")
    return bounds


BoundList = Annotated[list[Bound], BeforeValidator(parse_bounds)]

DEFAULT_AGING_BUCKETS = "30,60,90,180,365"
DEFAULT_PROVISION_BANDS = {"1y": "5%", "2y": "10%", "3y": "30%", "4y": "50%", "5y": "80%", "over": "100%"}
DEFAULT_FAULT = {
    RefundReason.DEMAND_CHANGE.value: Fault.CUSTOMER,
    RefundReason.PAYMENT_INABILITY.value: Fault.CUSTOMER,
    RefundReason.QUALITY.value: Fault.COMPANY,
    RefundReason.CONTRACT_CHANGE.value: Fault.MUTUAL,
}

# role → (code, name) under each standard.
DEFAULT_ACCOUNTS: dict[Standard, dict[str, tuple[str, str]]] = {
    Standard.CAS: {
        "bank": ("1002", "银行存款"),
        "receivable": ("1122", "应收账款"),
        "advance_receipts": ("2203", "预收账款"),
        "contract_liabilities": ("2204", "合同负债"),
        "allowance": ("1231", "坏账准备"),
        "credit_loss": ("6702", "信用减值损失"),
        "non_operating_income": ("6301", "营业外收入"),
        "non_operating_expense": ("6711", "营业外支出"),
    },
    Standard.SMALL: {
        "bank": ("1002", "银行存款"),
        "receivable": ("1122", "应收账款"),
        "advance_receipts": ("2203", "预收账款"),
        "non_operating_income": ("5301", "营业外收入"),
        "non_operating_expense": ("5711", "营业外支出"),
    },
}


class Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Account(Section):
    code: Text
    name: Text


class AgingConfig(Section):
    basis: Annotated[AgingBasis, _enum(AgingBasis)] = AgingBasis.DUE_DATE
    buckets: BoundList = Field(default_factory=lambda: parse_bounds(DEFAULT_AGING_BUCKETS))


class Band(Section):
    """A provision band: outstanding up to ``bound`` old (``None`` = older than every bound)."""

    bound: Bound | None
    rate: Decimal


def _bands(value: Any) -> list[Band]:
    if not isinstance(value, dict):
        raise ValueProblem("write bands as a mapping, e.g. {1y: 5%, 2y: 10%, over: 100%}", "计提比例请写成映射，例如 {1y: 5%, 2y: 10%, over: 100%}")
    bands = [Band(bound=None if str(key).strip().lower() == "over" else parse_bound(key), rate=parse_rate(rate)) for key, rate in value.items()]
    bounded = [band.bound for band in bands if band.bound is not None]
    parse_bounds(bounded)  # raises unless increasing
    if bands[-1].bound is not None:
        bands.append(Band(bound=None, rate=Decimal(1)))  # beyond the last band: fully provided
    return bands


class SpecificProvision(Section):
    """单项计提: a rate that replaces the band rate for one customer or one invoice."""

    customer: Text = ""
    invoice: Text = ""
    rate: Rate
    reason: Text = ""

    @model_validator(mode="after")
    def _one_target(self) -> SpecificProvision:
        if bool(self.customer) == bool(self.invoice):
            raise ValueProblem("name exactly one of customer or invoice", "customer（客户）和 invoice（发票）必须且只能填写一个")
        return self


class ProvisionConfig(Section):
    bands: Annotated[list[Band], BeforeValidator(_bands)] = Field(default_factory=lambda: _bands(DEFAULT_PROVISION_BANDS))
    specific: list[SpecificProvision] = Field(default_factory=list)
    opening_allowance: Amount = Decimal("0.00")


class ApprovalLevel(Section):
    level: Annotated[int, Field(ge=1)]
    approver: Text
    up_to: Amount | None = None


DEFAULT_APPROVAL = [
    ApprovalLevel(level=1, approver="会计主管", up_to=Decimal("10000.00")),
    ApprovalLevel(level=2, approver="财务经理", up_to=Decimal("100000.00")),
    ApprovalLevel(level=3, approver="总经理"),
]


class RefundsConfig(Section):
    """Refund terms (SPEC §5.3); contracts override each of them with a column of the same name.

    The 定金 rules follow 民法典 第586–588条: the earnest counts only up to ``earnest_cap`` of
    the contract amount (the law's 20 %), the customer's breach forfeits it
    (``earnest_forfeit``), the company's breach returns it twice over (``earnest_double``).
    A firm whose contracts agree otherwise (a lower cap, no doubling) sets them here.
    """

    approval: list[ApprovalLevel] = Field(default_factory=lambda: list(DEFAULT_APPROVAL))
    fee_rate: Rate = Decimal(0)
    window_days: Days | None = None
    fault: FaultByReason = Field(default_factory=lambda: dict(DEFAULT_FAULT))
    earnest_cap: Rate = Decimal("0.20")
    earnest_forfeit: Flag = True
    earnest_double: Flag = True

    @model_validator(mode="after")
    def _ladder_shape(self) -> RefundsConfig:
        if not self.approval:
            raise ValueProblem("approval needs at least one level", "审批权限（approval）至少要有一级")
        limits = [level.up_to for level in self.approval[:-1]]
        if any(limit is None for limit in limits) or self.approval[-1].up_to is not None:
            raise ValueProblem("every approval level but the last needs up_to; the last has none", "除最后一级外，每级审批都要写 up_to（金额上限）；最后一级不写")
        if any(later <= earlier for earlier, later in zip(limits, limits[1:])):  # type: ignore[operator]
            raise ValueProblem("approval up_to amounts must increase", "各级审批的 up_to 金额必须逐级增大")
        return self

    def fault_for(self, reason: str) -> Fault:
        """Fault for a reason; unknown reasons ('other') count as the customer's."""
        return {**DEFAULT_FAULT, **self.fault}.get(str(reason), Fault.CUSTOMER)


class LadderLevel(Section):
    """A collection step: applies while max days overdue ≤ ``up_to`` (last level: no bound)."""

    level: Annotated[int, Field(ge=1)]
    action: Annotated[CollectionAction, _enum(CollectionAction)]
    up_to: Days | None = None
    due_days: Days = 0
    stop_credit: bool = False


DEFAULT_LADDER = [
    LadderLevel(level=1, action=CollectionAction.EMAIL, up_to=15, due_days=3),
    LadderLevel(level=2, action=CollectionAction.PHONE, up_to=45, due_days=2),
    LadderLevel(level=3, action=CollectionAction.LETTER, up_to=90, due_days=5),
    LadderLevel(level=4, action=CollectionAction.VISIT, up_to=180, due_days=7, stop_credit=True),
    LadderLevel(level=5, action=CollectionAction.LAWYER_LETTER, due_days=10, stop_credit=True),
]


class CollectionConfig(Section):
    ladder: list[LadderLevel] = Field(default_factory=lambda: list(DEFAULT_LADDER))
    limitation_years: Annotated[int, Field(ge=1)] = 3
    limitation_warning_days: Days = 90
    cooldown_days: Days = 7
    default_collector: Text = ""
    abc_a: Rate = Decimal("0.70")
    abc_b: Rate = Decimal("0.90")

    @model_validator(mode="after")
    def _ladder_shape(self) -> CollectionConfig:
        # Levels are looked up by days overdue, so they must climb 1, 2, 3, … with rising bounds.
        if not self.ladder:
            raise ValueProblem("the collection ladder needs at least one level", "催收阶梯（ladder）至少要有一级")
        if [step.level for step in self.ladder] != list(range(1, len(self.ladder) + 1)):
            raise ValueProblem("ladder levels must be numbered 1, 2, 3, … in order", "催收阶梯的 level 必须依次为 1, 2, 3, …")
        bounds = [step.up_to for step in self.ladder[:-1]]
        if any(bound is None for bound in bounds) or self.ladder[-1].up_to is not None:
            raise ValueProblem("every ladder level but the last needs up_to (days overdue); the last has none", "除最后一级外，每级催收都要写 up_to（逾期天数上限）；最后一级不写")
        if any(later <= earlier for earlier, later in zip(bounds, bounds[1:])):  # type: ignore[operator]
            raise ValueProblem("ladder up_to days must increase", "催收阶梯的 up_to 天数必须逐级增大")
        if self.abc_b < self.abc_a:
            raise ValueProblem("abc_b (cumulative share closing class B) must be at least abc_a", "abc_b（B 类的累计占比上限）不能小于 abc_a")
        return self


def _days_limit(value: Any) -> Decimal:
    text = repr(value) if isinstance(value, float) else str(value).strip()
    try:
        days = Decimal(text)
    except ArithmeticError:
        raise ValueProblem(f"'{value}' is not a number of days", f"“{value}”不是天数") from None
    if not days.is_finite() or days < 0:
        raise ValueProblem(f"'{value}' is not a number of days", f"“{value}”不是天数")
    return days


Ratio = Annotated[Decimal, BeforeValidator(partial(parse_rate, at_most=None))]  # may exceed 100 %
DaysLimit = Annotated[Decimal, BeforeValidator(_days_limit)]


class GradeThresholds(Section):
    """What a customer must meet to hold a credit grade (a blank threshold is not checked)."""

    on_time_share: Rate | None = None  # at least
    avg_days_late: DaysLimit | None = None  # at most (amount-weighted)
    overdue_share: Rate | None = None  # at most
    limit_usage: Ratio | None = None  # at most
    oldest_overdue_days: Days | None = None  # at most


DEFAULT_GRADES: dict[str, dict[str, str]] = {
    "A": {"on_time_share": "90%", "avg_days_late": "5", "overdue_share": "10%", "limit_usage": "80%", "oldest_overdue_days": "30"},
    "B": {"on_time_share": "75%", "avg_days_late": "15", "overdue_share": "30%", "limit_usage": "100%", "oldest_overdue_days": "60"},
    # No on-time floor for C: paying late but paying is a reason to shorten terms, not to stop credit.
    "C": {"avg_days_late": "45", "overdue_share": "60%", "limit_usage": "120%", "oldest_overdue_days": "180"},
}


class CreditConfig(Section):
    """Thresholds of grades A, B and C (SPEC §5.4); a customer meeting none of them is D.

    Written as ``credit: {grace_days: 5, A: {on_time_share: 95%}}``: keys left out keep their
    defaults; a threshold written as null is not checked.
    """

    grace_days: Days = 5  # a payment this many days after the due date still counts as on time (transfers, weekends)
    A: GradeThresholds = Field(default_factory=lambda: GradeThresholds(**DEFAULT_GRADES["A"]))
    B: GradeThresholds = Field(default_factory=lambda: GradeThresholds(**DEFAULT_GRADES["B"]))
    C: GradeThresholds = Field(default_factory=lambda: GradeThresholds(**DEFAULT_GRADES["C"]))

    @model_validator(mode="before")
    @classmethod
    def _merge_defaults(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        merged: dict[str, Any] = {}
        for key, thresholds in value.items():
            grade = str(key).strip().upper()
            if grade == "GRACE_DAYS":
                merged["grace_days"] = thresholds
            elif grade in DEFAULT_GRADES and isinstance(thresholds, dict):
                merged[grade] = {**DEFAULT_GRADES[grade], **thresholds}
            else:
                merged[grade if grade in DEFAULT_GRADES else str(key)] = thresholds
        return merged

    def thresholds(self) -> dict[str, GradeThresholds]:
        return {"A": self.A, "B": self.B, "C": self.C}


class BooksConfig(Section):
    company: Annotated[str, BeforeValidator(_text), Field(min_length=1)]
    currency: Annotated[str, BeforeValidator(lambda v: _text(v).upper()), Field(pattern="^[A-Z]{3}$")] = "CNY"
    standard: Annotated[Standard, _enum(Standard)] = Standard.CAS
    advance_account: Annotated[AdvanceAccount, _enum(AdvanceAccount)] | None = None
    accounts: dict[str, Account] = Field(default_factory=dict)
    aging: AgingConfig = Field(default_factory=AgingConfig)
    provision: ProvisionConfig = Field(default_factory=ProvisionConfig)
    refunds: RefundsConfig = Field(default_factory=RefundsConfig)
    collection: CollectionConfig = Field(default_factory=CollectionConfig)
    credit: CreditConfig = Field(default_factory=CreditConfig)

    @model_validator(mode="after")
    def _standard_fits(self) -> BooksConfig:
        if self.standard is Standard.SMALL and self.advance_account is AdvanceAccount.CONTRACT_LIABILITIES:
            raise ValueProblem("小企业会计准则 has no 合同负债: use advance_account: advance_receipts", "小企业会计准则没有“合同负债”科目：请写 advance_account: advance_receipts")
        unknown = set(self.accounts) - set(DEFAULT_ACCOUNTS[Standard.CAS])
        if unknown:
            names, roles = ", ".join(sorted(unknown)), ", ".join(DEFAULT_ACCOUNTS[Standard.CAS])
            raise ValueProblem(f"unknown account role(s): {names}; roles are {roles}", f"未知的科目角色：{names}；可用的角色有 {roles}")
        return self

    @property
    def advance_role(self) -> str:
        """The role advances are kept under: 合同负债 under CAS unless set, 预收账款 otherwise."""
        if self.advance_account is not None:
            return self.advance_account.value
        return "contract_liabilities" if self.standard is Standard.CAS else "advance_receipts"

    def account(self, role: str) -> Account:
        """The account for a role, books.yaml overriding the standard's default."""
        if role in self.accounts:
            return self.accounts[role]
        code, name = DEFAULT_ACCOUNTS[self.standard].get(role) or DEFAULT_ACCOUNTS[Standard.CAS][role]
        return Account(code=code, name=name)
