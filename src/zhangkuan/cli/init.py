"""``zhangkuan init DIR``: a new books directory to fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zhangkuan.cli.common import LangOption, Lang, say, user_errors


def init(
    directory: Annotated[Path, typer.Argument(help="Directory to create (may exist, but must not hold books files).")],
    company: Annotated[str | None, typer.Option("--company", help="Company name for books.yaml.")] = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Create a books directory: a commented books.yaml and empty record files with headers.

    [bold]Examples[/bold]

      zhangkuan init books/pujiang --company 上海浦江商贸有限公司

      zhangkuan check --books books/pujiang
    """
    from zhangkuan.io.scaffold import init_books
    from zhangkuan.render.labels import label

    with user_errors(directory, lang):
        written = init_books(directory, company)
    for path in written:
        say(label("init_created", lang, path=path))
    say(label("init_next", lang, directory=directory), style="green")


def register(app: typer.Typer) -> None:
    app.command("init")(init)
