"""What every command shares: its options, how it loads books, and how errors reach the user.

Only typer is imported at module level; models, readers and core are imported inside the
functions, so that ``zhangkuan --version`` and ``--help`` start in a few tens of milliseconds.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from zhangkuan.model.books import Books
    from zhangkuan.model.findings import Finding

EXIT_DATA_ERROR = 1
# Exit 2 (wrong usage) comes from typer itself, for unknown options and BadParameter.
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug of ours, not the user's mistake

# Set to a list by ``main.run`` when zhangkuan runs as its own process (not in a test runner):
# the books each command loads are then kept here until ``run`` ends the process with a hard
# exit, so a million ledger lines go back to the OS with the process instead of being freed
# one object at a time, which takes about 0.4 s (mypy's --fast-exit does the same).
KEPT_UNTIL_EXIT: list[object] | None = None


class Format(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    YAML = "yaml"
    MD = "md"
    XLSX = "xlsx"


class Lang(StrEnum):
    EN = "en"
    ZH = "zh"


BooksOption = Annotated[
    Path,
    typer.Option("--books", "-b", help="The books directory (books.yaml and its record files).", envvar="ZHANGKUAN_BOOKS", show_default="current directory"),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="Report as the books stood on this day (2026-11-30). Default: today."),
]
FormatOption = Annotated[
    Format | None,
    typer.Option("--format", "-f", help="Output format. Default: the -o file's suffix, else a table on a terminal and CSV in a pipe."),
]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.")]
LangOption = Annotated[Lang, typer.Option("--lang", help="Language of headers and messages.", envvar="ZHANGKUAN_LANG")]
StrictOption = Annotated[bool, typer.Option("--strict", help="Treat warnings as errors (exit 1).")]


def resolve_as_of(text: str | None, today: Callable[[], date] = date.today, *, lang: str = "en") -> date:
    """The as-of date from the option; today only when none is given (the clock is read here, at the edge)."""
    if text is None:
        return today()
    from zhangkuan.model.values import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise bad_parameter(exc, "--as-of", lang) from None


def bad_parameter(exc: Exception, param_hint: str, lang: str) -> typer.BadParameter:
    """A usage error (exit 2) saying what the parser said, in ``lang`` when it says it in Chinese too."""
    from zhangkuan.model.problems import in_lang

    return typer.BadParameter(in_lang(exc, lang), param_hint=param_hint)


def display_path(books_dir: Path, relative: str) -> str:
    """A finding's file as the user can open it from where they ran the command."""
    if not relative:
        return str(books_dir)
    return relative if books_dir == Path(".") else str(books_dir / relative)


def finding_line(finding: Finding, books_dir: Path, lang: str) -> str:
    """``FILE:LINE:COLUMN: error CODE: message — hint``: one line, as editors and CI annotate.

    The severity, message and hint are in ``lang``; the place and the code never change."""
    from zhangkuan.render.labels import label

    place = [display_path(books_dir, finding.file)]
    if finding.line:
        place.append(str(finding.line))
    if finding.column:
        place.append(finding.column)
    message, hint = finding.text(lang)
    text = f"{':'.join(place)}: {label(finding.severity.value, lang)} {finding.code}: {message}"
    return f"{text} — {hint}" if hint else text


def print_findings(findings: list[Finding], books_dir: Path, lang: str) -> None:
    """Every finding on stderr, one line each, errors in red on a terminal."""
    from rich.markup import escape

    from zhangkuan.render.console import stderr_console

    console = stderr_console()
    for finding in findings:
        style = "red" if finding.is_error else "yellow"
        console.print(f"[{style}]{escape(finding_line(finding, books_dir, lang))}[/{style}]", soft_wrap=True)


def say(message: str, *, style: str = "") -> None:
    """A diagnostic line on stderr (never mixed into the data on stdout)."""
    from rich.markup import escape

    from zhangkuan.render.console import stderr_console

    stderr_console().print(f"[{style}]{escape(message)}[/{style}]" if style else escape(message), soft_wrap=True)


def load_and_validate(books_dir: Path, as_of: date) -> tuple[Books | None, list[Finding]]:
    """The books and every finding about them: the readers', then, if the books loaded, the
    checks' as of ``as_of``. The books stay referenced until the process exits (see
    ``KEPT_UNTIL_EXIT``)."""
    from zhangkuan.core.validation import validate_books
    from zhangkuan.io.loader import load_books

    books, findings = load_books(books_dir)
    if books is not None:
        findings = findings + validate_books(books, as_of)
        if KEPT_UNTIL_EXIT is not None:
            KEPT_UNTIL_EXIT.append(books)
    return books, findings


def load_books_or_exit(books_dir: Path, as_of: date, lang: str, *, strict: bool = False) -> Books:
    """Load and validate the books; on errors print them and exit 1, so no report is computed
    from books known to be wrong. Warnings are counted on stderr and the report goes on."""
    from zhangkuan.render.labels import label

    books, findings = load_and_validate(books_dir, as_of)
    errors = [finding for finding in findings if finding.is_error]
    warnings = len(findings) - len(errors)
    if errors or books is None or (strict and warnings):
        print_findings(errors or findings, books_dir, lang)
        say(label("books_have_errors", lang, errors=len(errors) or warnings), style="red")
        raise typer.Exit(EXIT_DATA_ERROR)
    if warnings:
        say(label("books_have_warnings", lang, warnings=warnings), style="yellow")
    return books


@contextmanager
def user_errors(books_dir: Path, lang: str) -> Iterator[None]:
    """Turn the project's error type into findings on stderr and exit 1 — never a traceback.

    Unexpected exceptions (our bugs) print one line asking for a report; set ZHANGKUAN_DEBUG=1
    to see the traceback.
    """
    from zhangkuan.model.findings import BooksError

    try:
        yield
    except BooksError as exc:
        print_findings(exc.findings, books_dir, lang)
        raise typer.Exit(EXIT_DATA_ERROR) from None
    except (typer.Exit, typer.Abort, typer.BadParameter, SystemExit):
        raise
    except KeyboardInterrupt:
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except OSError as exc:
        from zhangkuan.model.problems import os_reason
        from zhangkuan.render.labels import label

        say(label("os_error", lang, reason=os_reason(exc, lang), file=exc.filename or ""), style="red")
        raise typer.Exit(EXIT_DATA_ERROR) from None
    except Exception as exc:
        if os.environ.get("ZHANGKUAN_DEBUG"):
            raise
        from zhangkuan.render.labels import label

        say(label("internal_error", lang, kind=type(exc).__name__, detail=exc), style="red")
        raise typer.Exit(EXIT_INTERNAL) from None


def pick_format(fmt: Format | None, output: Path | None, lang: str = "en") -> str:
    """The output format (see ``render.output.choose_format``); xlsx without -o is a usage error."""
    from zhangkuan.render.labels import label
    from zhangkuan.render.output import choose_format

    chosen = choose_format(fmt.value if fmt else None, output, sys.stdout.isatty())
    if chosen == "xlsx" and output is None:
        raise typer.BadParameter(label("xlsx_needs_output", lang), param_hint="--format")
    return chosen
