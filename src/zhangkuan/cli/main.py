"""The ``zhangkuan`` application: global options and the registry of command modules."""

from __future__ import annotations

import gc
from typing import Annotated

import typer

from zhangkuan import __version__
from zhangkuan.cli import advances, aging, check, collect, credit, init, kpi, refund

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
    live object cost as much as the work itself (see docs/performance.md). Memory is still freed
    by reference counting as usual.
    """
    gc.disable()
    app()
