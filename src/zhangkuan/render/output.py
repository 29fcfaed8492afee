"""Where a report goes: the chosen format, to stdout or a file, written atomically."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from zhangkuan.render.table import Table, to_csv, to_markdown, to_rich, to_xlsx

FORMATS = ("table", "csv", "json", "yaml", "md", "xlsx")
_BY_SUFFIX = {".csv": "csv", ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".md": "md", ".xlsx": "xlsx", ".txt": "table"}


def choose_format(requested: str | None, output: Path | None, stdout_is_terminal: bool) -> str:
    """The format asked for; else the output file's suffix; else a table on a terminal, CSV in a pipe."""
    if requested:
        return requested
    if output is not None and output.suffix.lower() in _BY_SUFFIX:
        return _BY_SUFFIX[output.suffix.lower()]
    return "table" if stdout_is_terminal else "csv"


def to_json(payload: object) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def to_yaml(payload: object) -> str:
    import yaml

    return yaml.safe_dump(payload, allow_unicode=True, sort_keys=False)


def render(fmt: str, *, payload: Callable[[], object], tables: list[tuple[str, Table]], lang: str) -> str | bytes:
    """The report in ``fmt``: JSON/YAML from the machine payload, the rest from the tables."""
    if fmt == "json":
        return to_json(payload())
    if fmt == "yaml":
        return to_yaml(payload())
    if fmt == "xlsx":
        return to_xlsx(tables, lang)
    if fmt == "md":
        return "\n".join(to_markdown(table, lang) for _, table in tables)
    if fmt == "csv":
        return "\n".join(to_csv(table, lang) for _, table in tables)
    raise ValueError(f"no text form for format {fmt}")


def emit(fmt: str, output: Path | None, *, payload: Callable[[], object], tables: list[tuple[str, Table]], lang: str) -> None:
    """Print the report or write it to ``output`` (atomically); a table goes to the terminal via rich."""
    if fmt == "table" and output is None:
        from zhangkuan.render.console import stdout_console

        console = stdout_console()
        for _, table in tables:
            console.print(to_rich(table, lang))
        return
    if fmt == "table":
        fmt = "md"  # a table written to a file reads best as Markdown
    content = render(fmt, payload=payload, tables=tables, lang=lang)
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    if output is None or str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    if output.exists() and not output.is_file():
        output.write_bytes(data)  # /dev/null, a pipe: nothing to replace atomically
        return
    from zhangkuan.io.atomic import write_atomic

    write_atomic(output, data)
