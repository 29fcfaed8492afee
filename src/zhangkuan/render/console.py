"""Rich consoles for data (stdout) and diagnostics (stderr).

Colour is off when ``NO_COLOR`` is set or the stream is not a terminal (rich checks both);
the width falls back to a wide page so that piped tables are not folded.
"""

from __future__ import annotations

from functools import cache


@cache
def stdout_console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


@cache
def stderr_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)
