"""YAML the safe way, with line numbers and exact decimals.

``RecordsLoader`` is PyYAML's SafeLoader with one change: floats become ``Decimal`` built
from the text as written, so ``amount: 0.1`` is exactly 0.1 and ``12.345`` can be refused
instead of silently rounded. Documents are composed into nodes first and constructed value by
value: the nodes' marks give every record and key its line, and a tag the safe loader does
not know (``!!python/object/apply:os.system``) becomes a finding for that one value, never a
call.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from zhangkuan.io.columns import ColumnSet, Row
from zhangkuan.io.csvfile import UnreadableFile, detect_encoding
from zhangkuan.model.findings import Finding, Source, error

_SPECIAL_FLOATS = {".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity", ".nan": "NaN"}
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "timestamp")}
_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"  # '<<: *defaults' merges a mapping in; it is not a repeated key


class RecordsLoader(yaml.SafeLoader):
    """SafeLoader that keeps floats exact (``Decimal``); ints, dates and strings as usual."""


def _construct_decimal(loader: RecordsLoader, node: ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    special = _SPECIAL_FLOATS.get(text.lower())
    if special is not None:
        return Decimal(special)  # kept, so that the amount parser can say "not finite"
    if ":" in text:  # YAML 1.1 base-60 (1:30.5); nobody means it, but it must not crash
        return Decimal(repr(yaml.SafeLoader.construct_yaml_float(loader, node)))
    return Decimal(text)


RecordsLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


class YamlProblem(Exception):
    """A YAML document or value that cannot be used, as a finding."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


def read_text(path: Path) -> str:
    """The file's text, in the same encodings as CSV (UTF-8 with or without BOM, GB18030)."""
    encoding = detect_encoding(path)
    try:
        return path.read_text(encoding=encoding)
    except UnicodeDecodeError:
        raise UnreadableFile("the file is neither UTF-8 nor GB18030 text", "save it as UTF-8", "文件既不是 UTF-8 也不是 GB18030 文本", "请另存为 UTF-8 编码") from None


def _line(mark: yaml.Mark | None) -> int:
    return mark.line + 1 if mark is not None else 0


def compose(text: str, file: str) -> tuple[RecordsLoader, Node | None]:
    """Parse ``text`` into a node tree (nothing constructed yet); syntax errors raise YamlProblem."""
    loader = RecordsLoader(text)
    try:
        return loader, loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = str(exc.problem or exc.context)
        raise YamlProblem(error(
            "bad_yaml", f"not valid YAML: {problem}", Source(file, _line(mark)),
            hint="check the indentation and the ':' after each key; quote text that starts with a special character",
            zh=f"YAML 格式错误：{_problem_zh(problem)}", hint_zh="检查缩进和每个键后面的“:”；以特殊字符开头的文字请加引号",
        )) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(error("bad_yaml", f"not valid YAML: {exc}", Source(file, 0), zh=f"YAML 格式错误：{exc}")) from None


# PyYAML's complaints an accountant's file is likely to cause, in Chinese: (pattern, text).
_YAML_PROBLEMS_ZH = [
    (re.compile(r"expected ',' or '([\]}])', but got (.+)"), "括号没有闭合，应为“,”或“{0}”，却遇到{1}"),
    (re.compile(r"mapping values are not allowed here"), "这里不能出现“键: 值”，可能是缩进不对，或文字中的“: ”需要加引号"),
    (re.compile(r"found character (.+) that cannot start any token"), "值不能以字符 {0} 开头；缩进请用空格而不是制表符，以特殊字符开头的文字请加引号"),
    (re.compile(r"found unexpected end of stream"), "文件意外结束，可能有引号没有闭合"),
    (re.compile(r"found undefined alias (.+)"), "引用了未定义的锚点 {0}"),
    (re.compile(r"expected <block end>, but found (.+)"), "缩进不一致，同一层的项要左对齐（遇到{0}）"),
    (re.compile(r"could not find expected ':'"), "键后面缺少“:”"),
]
_YAML_TOKENS_ZH = {
    "'<stream end>'": "文件结尾",
    "'<block end>'": "缩进结束",
    "'<block mapping start>'": "新的“键: 值”",
    "'<block sequence start>'": "新的“- ”列表项",
    "'-'": "“-”",
    "'?'": "“?”",
    "':'": "“:”",
}


def _problem_zh(problem: str) -> str:
    """PyYAML's problem in Chinese when it is a common one; otherwise PyYAML's own words."""
    for pattern, text in _YAML_PROBLEMS_ZH:
        match = pattern.fullmatch(problem)
        if match:
            return text.format(*(_YAML_TOKENS_ZH.get(part, part) for part in match.groups()))
    return problem


def construct(loader: RecordsLoader, node: Node, file: str, column: str = "") -> object:
    """The Python value of one node; an unknown tag raises YamlProblem(unsafe_yaml), never runs."""
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        loader.recursive_objects.clear()  # a failed construction leaves its node marked as in progress
        where = Source(file, _line(exc.problem_mark or node.start_mark))
        problem = str(exc.problem)
        if "could not determine a constructor" in problem:
            tag = problem[problem.find("'"):].replace("tag:yaml.org,2002:", "!!")
            raise YamlProblem(error(
                "unsafe_yaml", f"the YAML tag {tag} is not allowed; nothing was executed", where, column,
                "write plain values (text, numbers, dates, lists, mappings) without !tags",
                zh=f"不允许使用 YAML 标签 {tag}，未执行任何内容", hint_zh="只写普通的值（文字、数字、日期、列表、映射），不要用 ! 开头的标签",
            )) from None
        raise YamlProblem(error("bad_yaml", f"not a usable YAML value: {problem}", where, column, zh=f"无法使用的 YAML 值：{problem}")) from None


def repeated_keys(node: Node | None, file: str) -> list[Finding]:
    """``duplicate_key``: a key written twice in one mapping, anywhere under ``node``, in line
    order. PyYAML keeps the last one without a word, so whatever the first said (a policy, a
    list of documents) would be lost silently; the user must say which one they mean."""
    findings: list[Finding] = []
    pending = [node] if node is not None else []
    visited: set[int] = set()  # aliases make a graph, and '&a [*a]' a cycle: each node once
    while pending:
        current = pending.pop()
        if id(current) in visited:
            continue
        visited.add(id(current))
        if isinstance(current, SequenceNode):
            pending.extend(current.value)
        if not isinstance(current, MappingNode):
            continue
        first_line: dict[str, int] = {}
        for key_node, value_node in current.value:
            pending.append(value_node)
            if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE_TAG:
                continue
            key, line = str(key_node.value), _line(key_node.start_mark)
            if key not in first_line:
                first_line[key] = line
                continue
            findings.append(error(
                "duplicate_key", f"'{key}' is written twice in this mapping (first on line {first_line[key]}); YAML would keep only this one", Source(file, line), key,
                "merge the two into one key, or delete the one you do not mean",
                zh=f"键“{key}”在同一层写了两次（第一次在第 {first_line[key]} 行）；YAML 只会保留这一个", hint_zh="把两处合并为一个键，或删除不需要的那个",
            ))
    return sorted(findings, key=lambda finding: finding.line)


def read_records(path: Path, file: str, columns: ColumnSet) -> tuple[list[Row], list[Finding]]:
    """The records of a YAML records file (a list of mappings) with their lines, and the problems.

    Text fields (ids, docs, names) are taken exactly as written, so ``doc: 007`` stays
    ``"007"`` rather than YAML 1.1's octal 7. A bad value spoils only its own record.
    """
    findings: list[Finding] = []
    try:
        loader, root = compose(read_text(path), file)
    except YamlProblem as problem:
        return [], [problem.finding]
    try:
        if root is None:
            return [], []
        if not isinstance(root, SequenceNode):
            hint = "start each record with '- ', e.g. '- id: C001' on one line and '  name: …' on the next"
            hint_zh = "每条记录以“- ”开头，例如一行写“- id: C001”，下一行写“  name: …”"
            message_zh = f"{columns.record_zh}文件应为记录的列表"
            return [], [error("bad_yaml", f"a {columns.record} file is a list of records", Source(file, _line(root.start_mark)), hint=hint, zh=message_zh, hint_zh=hint_zh)]
        rows = []
        for item in root.value:
            row = _record(loader, item, file, columns, findings)
            if row is not None:
                rows.append(row)
        return rows, findings
    finally:
        loader.dispose()


def _record(loader: RecordsLoader, item: Node, file: str, columns: ColumnSet, findings: list[Finding]) -> Row | None:
    line = _line(item.start_mark)
    if isinstance(item, ScalarNode) and item.tag == _NULL_TAG:
        return None  # a lone '-': an empty record, like a blank row
    if not isinstance(item, MappingNode):
        findings.append(error(
            "bad_yaml", f"this {columns.record} record is not a mapping of column: value", Source(file, line), hint="write each record as '- key: value' lines",
            zh=f"这条{columns.record_zh}记录不是“列名: 值”的映射", hint_zh="每条记录写成以“- 键: 值”开头的若干行",
        ))
        return None
    cells: dict[str, object] = {}
    written: dict[str, str] = {}
    lines: dict[str, int] = {}
    spoiled = False
    for key_node, value_node in item.value:
        key_line = _line(key_node.start_mark)
        key = str(key_node.value).strip() if isinstance(key_node, ScalarNode) else ""
        field_name = columns.field_for(key) if key else None
        if field_name is None:
            findings.append(error(
                "unknown_column", f"'{key or '?'}' is not a column of {columns.record}", Source(file, key_line), key, f"use one of: {columns.accepted()}",
                zh=f"“{key or '?'}”不是{columns.record_zh}的列", hint_zh=f"可用的列名：{columns.accepted_zh()}",
            ))
            continue
        if field_name in written:
            findings.append(error(
                "duplicate_column", f"'{key}' repeats '{written[field_name]}' in this record (both mean {field_name})", Source(file, key_line), key, "keep one of the two keys",
                zh=f"“{key}”与本记录中的“{written[field_name]}”重复（都表示 {field_name}）", hint_zh="两个键只保留一个",
            ))
            continue
        written[field_name] = key
        lines[field_name] = key_line
        nested_repeats = repeated_keys(value_node, file)
        if nested_repeats:
            findings.extend(nested_repeats)
            spoiled = True
            continue
        try:
            value = _value(loader, value_node, field_name in columns.text_fields, file, key)
        except YamlProblem as problem:
            findings.append(problem.finding)
            spoiled = True
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        cells[field_name] = value
    if spoiled:
        return None
    return Row(line, cells, written, lines)


def _value(loader: RecordsLoader, node: Node, is_text: bool, file: str, column: str) -> object:
    if isinstance(node, ScalarNode):
        if node.tag == _NULL_TAG:
            return None
        if is_text and node.tag in _PLAIN_TAGS:
            return node.value
    return construct(loader, node, file, column)


def node_line(root: Node | None, path: Sequence[object]) -> int:
    """The line of the value at ``path`` (keys and list indexes), or of the deepest part found.

    Used to point a books.yaml validation error at the key it is about.
    """
    if root is None:
        return 0
    node, line = root, _line(root.start_mark)
    for step in path:
        if isinstance(node, MappingNode):
            match = next((pair for pair in node.value if isinstance(pair[0], ScalarNode) and pair[0].value == str(step)), None)
            if match is None:
                break
            line, node = _line(match[0].start_mark), match[1]
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
            line = _line(node.start_mark)
        else:
            break
    return line
