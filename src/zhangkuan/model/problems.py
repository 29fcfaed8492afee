"""Problems said in English and in Chinese (``--lang``) that travel as exceptions.

A value parser deep in ``model.values`` does not know which language the user reads, and a
``ValueError`` carries one text. ``ValueProblem`` carries both: ``str()`` is the English
(what pydantic, the tests and scripts see, unchanged), ``zh`` the Chinese twin. Whoever turns
the exception into a finding or a message picks the language — as ``Finding.text`` does.
"""

from __future__ import annotations

import errno
from collections.abc import Mapping


class ValueProblem(ValueError):
    """A ``ValueError`` that also says what is wrong in Chinese; ``str()`` is the English text."""

    def __init__(self, message: str, zh: str):
        super().__init__(message)
        self.zh = zh


def chinese(exc: BaseException) -> str:
    """The Chinese text an exception carries, or "" when it has none."""
    return getattr(exc, "zh", "") or ""


def in_lang(exc: BaseException, lang: str) -> str:
    """The exception's text in ``lang``; English when no Chinese was given."""
    return (chinese(exc) if lang == "zh" else "") or str(exc)


# pydantic's own error types (constraints and types of the record and config models) → Chinese;
# the English stays pydantic's message. {input} is the value as written.
_PYDANTIC_ZH: dict[str, str] = {
    "too_short": "不能为空",
    "string_too_short": "不能为空",
    "greater_than_equal": "“{input}”不能小于 {ge}",
    "greater_than": "“{input}”应大于 {gt}",
    "less_than_equal": "“{input}”不能大于 {le}",
    "int_parsing": "“{input}”不是整数",
    "int_type": "“{input}”不是整数",
    "int_from_float": "“{input}”不是整数",
    "bool_parsing": "“{input}”不是“是/否”；请写 true/false、yes/no 或 是/否",
    "bool_type": "“{input}”不是“是/否”；请写 true/false、yes/no 或 是/否",
    "decimal_parsing": "“{input}”不是数字",
    "decimal_type": "“{input}”不是数字",
    "string_type": "应为文字",
    "list_type": "应为列表（每项一行“- …”，或写成 [a, b]）",
    "dict_type": "应为“键: 值”的映射",
    "model_type": "应为“键: 值”的映射",
    "model_attributes_type": "应为“键: 值”的映射",
    "missing": "必须填写",
    "extra_forbidden": "不认识的键",
}

# Patterns of the models, said as what they ask for.
_PATTERNS_ZH: dict[str, str] = {
    "^[A-Z]{3}$": "“{input}”不是币种代码；请写 3 个字母的 ISO 代码，如 CNY",
    "^[ABCD]?$": "“{input}”不是信用等级；请写 A、B、C 或 D，或留空",
}


def validation_texts(item: Mapping[str, object]) -> tuple[str, str]:
    """(English, Chinese) of one pydantic error item.

    The English is pydantic's message without its "Value error, " prefix (as before); the
    Chinese comes from our ``ValueProblem`` when a parser raised one, else from the table of
    pydantic's error types, else it is left empty (the English is then shown).
    """
    english = str(item["msg"]).removeprefix("Value error, ")
    context = item.get("ctx") or {}
    assert isinstance(context, Mapping)
    kind = str(item["type"])
    values = {**context, "input": _shown(item.get("input"))}
    if kind == "value_error":
        return english, chinese(context.get("error")) if isinstance(context.get("error"), BaseException) else ""
    if kind == "string_pattern_mismatch":
        template = _PATTERNS_ZH.get(str(context.get("pattern")), "“{input}”格式不对（应符合 {pattern}）")
    else:
        template = _PYDANTIC_ZH.get(kind, "")
    try:
        return english, template.format(**values)
    except (KeyError, IndexError):
        return english, ""


def _shown(value: object) -> str:
    return "" if value is None else str(value)


# The operating system's reasons, said in Chinese (its English strerror stays as it is).
_OS_REASONS_ZH = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "操作不被允许",
    errno.EISDIR: "这是一个目录，不是文件",
    errno.ENOTDIR: "路径中有一部分不是目录",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统为只读",
    errno.EEXIST: "文件已存在",
    errno.EBUSY: "文件正被占用",
}


def os_reason(exc: OSError, lang: str) -> str:
    """Why the operating system refused, in ``lang`` (the OS's own text when not translated)."""
    english = exc.strerror or str(exc)
    if lang == "zh":
        return _OS_REASONS_ZH.get(exc.errno or 0, english)
    return english
