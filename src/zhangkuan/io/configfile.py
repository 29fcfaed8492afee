"""Reading books.yaml into ``BooksConfig``, every problem pointed at the key it is about."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError
from yaml.nodes import MappingNode

from zhangkuan.io.csvfile import UnreadableFile
from zhangkuan.io.tabular import unreadable
from zhangkuan.io.yamlfile import YamlProblem, compose, construct, node_line, read_text, repeated_keys
from zhangkuan.model.config import BooksConfig
from zhangkuan.model.findings import Finding, Source, error
from zhangkuan.model.problems import validation_texts

CONFIG_FILE = "books.yaml"
DEFAULT_CURRENCY = "CNY"


def read_config(path: Path) -> tuple[BooksConfig | None, list[Finding], str]:
    """The configuration (None when unusable), its findings, and the currency to read records in.

    The currency is returned even when the configuration is unusable, so that the record
    files can still be checked in the same run (with CNY when books.yaml names none).
    """
    if not path.is_file():
        hint = f"run `zhangkuan init {path.parent}` to create one, or pass --books with the books directory"
        hint_zh = f"运行 `zhangkuan init {path.parent}` 新建账套，或用 --books 指定账套目录"
        missing = error("missing_config", f"no {CONFIG_FILE} in {path.parent}", Source(CONFIG_FILE, 0), hint=hint, zh=f"{path.parent} 中没有 {CONFIG_FILE}（账套配置文件）", hint_zh=hint_zh)
        return None, [missing], DEFAULT_CURRENCY
    try:
        loader, root = compose(read_text(path), CONFIG_FILE)
    except YamlProblem as problem:
        return None, [problem.finding], DEFAULT_CURRENCY
    except (UnreadableFile, OSError) as exc:
        return None, [unreadable(CONFIG_FILE, exc)], DEFAULT_CURRENCY
    try:
        if not isinstance(root, MappingNode):
            not_mapping = error(
                "bad_config", f"{CONFIG_FILE} must be a mapping of keys, starting with company: …", Source(CONFIG_FILE, node_line(root, ())),
                hint="write `company: 公司名称` on the first line", zh=f"{CONFIG_FILE} 应为“键: 值”的映射，以 company: … 开头", hint_zh="第一行写 `company: 公司名称`",
            )
            return None, [not_mapping], DEFAULT_CURRENCY
        repeats = repeated_keys(root, CONFIG_FILE)
        try:
            data = construct(loader, root, CONFIG_FILE)
        except YamlProblem as problem:
            return None, [*repeats, problem.finding], DEFAULT_CURRENCY
    finally:
        loader.dispose()
    assert isinstance(data, dict)
    currency = _currency(data.get("currency"))
    try:
        # With a repeated key the last one is in force; the error stops every report until fixed.
        return BooksConfig.model_validate(data, context={"currency": currency}), repeats, currency
    except ValidationError as exc:
        return None, [*repeats, *(_finding(item, root) for item in exc.errors())], currency


def _currency(value: object) -> str:
    text = str(value).strip().upper() if value is not None else ""
    return text if len(text) == 3 and text.isalpha() else DEFAULT_CURRENCY


def _finding(item: dict, root: MappingNode) -> Finding:
    """One pydantic error as a finding on the line of the key, the dotted key path as column."""
    loc = tuple(item["loc"])
    key = ".".join(str(part) for part in loc)
    line = node_line(root, loc)
    kind = item["type"]
    if kind == "missing":
        company = loc == ("company",)
        hint = "write `company: 公司名称` at the top of books.yaml" if company else f"add {key}"
        hint_zh = "在 books.yaml 开头写 `company: 公司名称`" if company else f"请添加 {key}"
        return error("bad_config", f"{key or 'a key'} is required", Source(CONFIG_FILE, line), key, hint, zh=f"缺少必填的键 {key}" if key else "缺少必填的键", hint_zh=hint_zh)
    if kind == "extra_forbidden":
        return error(
            "bad_config", f"unknown key '{loc[-1]}'", Source(CONFIG_FILE, line), key, "check its spelling and indentation; the keys are listed in docs/file-formats.md",
            zh=f"不认识的键“{loc[-1]}”", hint_zh="检查拼写和缩进；可用的键见 docs/file-formats.md",
        )
    message, message_zh = validation_texts(item)
    return error(
        "bad_config", message, Source(CONFIG_FILE, line), key, "see the comments `zhangkuan init` writes into books.yaml for the accepted values",
        zh=message_zh, hint_zh="可接受的值见 `zhangkuan init` 写入 books.yaml 的注释",
    )
