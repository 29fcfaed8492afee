"""``zhangkuan check``: every problem in the books, one line each, for people and CI."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from zhangkuan.model.findings import Finding

from zhangkuan.cli.common import (
    EXIT_DATA_ERROR,
    AsOfOption,
    BooksOption,
    FormatOption,
    Lang,
    LangOption,
    OutputOption,
    StrictOption,
    display_path,
    load_and_validate,
    print_findings,
    resolve_as_of,
    say,
    user_errors,
)


def check(
    books: BooksOption = Path("."),
    as_of: AsOfOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.EN,
    strict: StrictOption = False,
) -> None:
    """Validate the books: schema, references, balances, tax ids, dates after --as-of.

    Each finding is one line on stderr, FILE:LINE:COLUMN: error CODE: message — all of them
    in one run. Exit 1 on errors (and on warnings with --strict).

    [bold]Examples[/bold]

      zhangkuan check --books examples/shanghai-trading --as-of 2026-11-30

      zhangkuan check --format json -o check.json --strict
    """
    from zhangkuan.render.labels import label
    from zhangkuan.render.output import choose_format, emit
    from zhangkuan.render.table import Column, Table

    as_of_date = resolve_as_of(as_of, lang=lang)
    with user_errors(books, lang):
        _, findings = load_and_validate(books, as_of_date)
        errors = sum(1 for finding in findings if finding.is_error)
        warnings = len(findings) - errors
        chosen = choose_format(fmt.value if fmt else None, output, stdout_is_terminal=True)
        if chosen == "table" and output is None:
            print_findings(findings, books, lang)
        else:
            rows = [_finding_row(finding, books, lang) for finding in findings]
            table = Table(columns=[Column(key) for key in FINDING_KEYS], rows=rows)
            emit(chosen, output, payload=lambda: {"errors": errors, "warnings": warnings, "findings": rows}, tables=[("check", table)], lang=lang)
        if findings:
            say(label("check_summary", lang, errors=errors, warnings=warnings), style="red" if errors else "yellow")
        else:
            say(label("check_clean", lang, files=str(books)), style="green")
    if errors or (strict and warnings):
        raise typer.Exit(EXIT_DATA_ERROR)


FINDING_KEYS = ("severity", "code", "file", "line", "column", "message", "hint")


def _finding_row(finding: Finding, books_dir: Path, lang: str) -> dict[str, object]:
    """A finding as SPEC §4 prints it in JSON, with the file as the user can open it; the
    message and hint in ``lang`` (keys, codes and places are the same in every language)."""
    message, hint = finding.text(lang)
    return {
        "severity": finding.severity.value,
        "code": finding.code,
        "file": display_path(books_dir, finding.file),
        "line": finding.line,
        "column": finding.column,
        "message": message,
        "hint": hint,
    }


def register(app: typer.Typer) -> None:
    app.command("check")(check)
