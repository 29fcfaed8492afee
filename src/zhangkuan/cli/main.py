"""The ``zhangkuan`` application: global options and the registry of command modules."""

from __future__ import annotations

import gc
import os
import sys
from typing import Annotated

import typer

from zhangkuan import __version__
from zhangkuan.cli import advances, aging, check, collect, common, credit, init, kpi, refund
from zhangkuan.cli.common import EXIT_DATA_ERROR

app = typer.Typer(
    name="zhangkuan",
    help="账款 — advance-receipt refunds and receivables collection over plain files.\n\n"
    "Every command reads a books directory (--books, default: here) and reports as the books "
    "stood on --as-of (default: today). Exit codes: 0 done, 1 the data has errors, 2 wrong usage.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"zhangkuan {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_print_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """账款 — advance-receipt refunds and receivables collection over plain files."""


for module in (init, check, aging, advances, refund, collect, credit, kpi):
    module.register(app)


def run() -> None:
    """Console-script entry point.

    The cyclic garbage collector stays off: a run is a short batch whose records hold no
    reference cycles, and on a million ledger lines the collector's repeated walks over every
    live object cost as much as the work itself (see docs/performance.md).

    The process ends with a hard exit once stdout and stderr are flushed: the loaded books are
    kept (``common.KEPT_UNTIL_EXIT``) and handed back to the OS whole instead of being freed
    object by object. Every file zhangkuan writes is complete (written and renamed) before its
    command returns, so nothing is left unwritten.
    """
    gc.disable()
    common.KEPT_UNTIL_EXIT = []
    try:
        app()
    except SystemExit as exc:
        code = _exit_status(exc.code)
    else:
        code = 0
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # the reader of a pipe went away: nothing more can be said
        code = code or EXIT_DATA_ERROR
    os._exit(code)


def _exit_status(code: object) -> int:
    """The process status ``sys.exit(code)`` would give: None → 0, an int as is, else the text
    on stderr and 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
