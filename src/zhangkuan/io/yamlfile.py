"""YAML the safe way, with line numbers and exact decimals.

``RecordsLoader`` is PyYAML's SafeLoader with one change: floats become ``Decimal`` built
from the text as written, so ``amount: 0.1`` is exactly 0.1 and ``12.345`` can be refused
instead of silently rounded. Documents are composed into nodes first and constructed value by
value: the nodes' marks give every record and key its line, and a tag the safe loader does
not know (``!!python/object/apply:os.system``) becomes a finding for that one value, never a
call.
"""

from __future__ import annotations

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
        raise UnreadableFile("the file is neither UTF-8 nor GB18030 text", "save it as UTF-8") from None


def _line(mark: yaml.Mark | None) -> int:
    return mark.line + 1 if mark is not None else 0


def compose(text: str, file: str) -> tuple[RecordsLoader, Node | None]:
    """Parse ``text`` into a node tree (nothing constructed yet); syntax errors raise YamlProblem."""
    loader = RecordsLoader(text)
    try:
        return loader, loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = f"not valid YAML: {exc.problem or exc.context}"
        raise YamlProblem(error("bad_yaml", message, Source(file, _line(mark)), hint="check the indentation and the ':' after each key; quote text that starts with a special character")) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(error("bad_yaml", f"not valid YAML: {exc}", Source(file, 0))) from None


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
            raise YamlProblem(error("unsafe_yaml", f"the YAML tag {tag} is not allowed; nothing was executed", where, column, "write plain values (text, numbers, dates, lists, mappings) without !tags")) from None
        raise YamlProblem(error("bad_yaml", f"not a usable YAML value: {problem}", where, column)) from None


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
            return [], [error("bad_yaml", f"a {columns.record} file is a list of records", Source(file, _line(root.start_mark)), hint=hint)]
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
        findings.append(error("bad_yaml", f"this {columns.record} record is not a mapping of column: value", Source(file, line), hint="write each record as '- key: value' lines"))
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
            findings.append(error("unknown_column", f"'{key or '?'}' is not a column of {columns.record}", Source(file, key_line), key, f"use one of: {columns.accepted()}"))
            continue
        if field_name in written:
            findings.append(error("duplicate_column", f"'{key}' repeats '{written[field_name]}' in this record (both mean {field_name})", Source(file, key_line), key, "keep one of the two keys"))
            continue
        written[field_name] = key
        lines[field_name] = key_line
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
