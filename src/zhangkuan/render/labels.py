"""Column and word labels in English and Chinese (``--lang``).

Keys are the stable machine names used in JSON; a key with no entry shows as itself.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # shared
    "customer": ("Customer", "客户编号"),
    "name": ("Name", "客户名称"),
    "contract": ("Contract", "合同编号"),
    "doc": ("Doc", "单据号"),
    "date": ("Date", "日期"),
    "due": ("Due", "到期日"),
    "amount": ("Amount", "金额"),
    "total": ("Total", "合计"),
    "unapplied": ("Unapplied", "未核销预收"),
    "outstanding": ("Outstanding", "未收金额"),
    "age_days": ("Age (days)", "账龄(天)"),
    "bucket": ("Bucket", "账龄区间"),
    "current": ("Current", "未到期"),
    "severity": ("Severity", "级别"),
    "code": ("Code", "代码"),
    "file": ("File", "文件"),
    "line": ("Line", "行"),
    "column": ("Column", "列"),
    "message": ("Message", "说明"),
    "hint": ("Hint", "处理建议"),
    "error": ("error", "错误"),
    "warning": ("warning", "警告"),
    "TOTAL": ("TOTAL", "合计"),
    # report titles
    "aging_title": ("Receivable aging as of {as_of} ({basis})", "应收账款账龄分析 截至 {as_of}（{basis}）"),
    "due_date": ("days past due", "按到期日"),
    "invoice_date": ("days since invoice", "按开票日"),
    "check_clean": ("{files} checked: no errors, no warnings.", "已检查 {files}：无错误，无警告。"),
    "check_summary": ("{errors} error(s), {warnings} warning(s).", "{errors} 个错误，{warnings} 个警告。"),
    "books_have_errors": (
        "the books have {errors} error(s); nothing was computed. Run `zhangkuan check` to see them all.",
        "账簿有 {errors} 个错误，未生成报表。请运行 `zhangkuan check` 查看全部问题。",
    ),
    "books_have_warnings": ("{warnings} warning(s) in the books; `zhangkuan check` lists them.", "账簿有 {warnings} 个警告，`zhangkuan check` 可查看。"),
}


def label(key: str, lang: str = "en", **values: object) -> str:
    """The label for ``key`` in ``lang`` (``en`` or ``zh``), with ``{placeholders}`` filled."""
    pair = LABELS.get(key)
    text = key if pair is None else pair[1 if lang == "zh" else 0]
    return text.format(**values) if values else text
