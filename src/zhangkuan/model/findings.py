"""Problems found in a books directory, kept as data so that one run reports all of them."""

from __future__ import annotations

from dataclasses import dataclass

from zhangkuan.model.enums import Severity


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record came from: file path as the user named it, 1-based line (header = 1)."""

    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem with the books: what, where, and how to fix it.

    ``code`` is stable (scripts match on it); ``message`` and ``hint`` are for people, in
    English, with their Chinese twins ``message_zh`` and ``hint_zh`` for ``--lang zh``
    (empty when none was written: ``text`` then falls back to the English).
    """

    severity: Severity
    code: str
    message: str
    file: str = ""
    line: int = 0
    column: str = ""
    hint: str = ""
    message_zh: str = ""
    hint_zh: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def text(self, lang: str) -> tuple[str, str]:
        """(message, hint) in ``lang`` (``en`` or ``zh``); each falls back to English when untranslated."""
        if lang == "zh":
            return self.message_zh or self.message, self.hint_zh or self.hint
        return self.message, self.hint

    def location(self) -> str:
        """``FILE:LINE:COLUMN`` as editors and CI annotators read it (parts left out when unknown)."""
        parts = [self.file or "-"]
        if self.line:
            parts.append(str(self.line))
        if self.column:
            parts.append(self.column)
        return ":".join(parts)


def error(code: str, message: str, source: Source | None = None, column: str = "", hint: str = "", *, zh: str = "", hint_zh: str = "") -> Finding:
    """An error finding at ``source`` (a record's file and line); ``zh``/``hint_zh`` say it in Chinese."""
    return Finding(Severity.ERROR, code, message, source.file if source else "", source.line if source else 0, column, hint, zh, hint_zh)


def warning(code: str, message: str, source: Source | None = None, column: str = "", hint: str = "", *, zh: str = "", hint_zh: str = "") -> Finding:
    """A warning finding at ``source``: suspicious, but the books can still be computed."""
    return Finding(Severity.WARNING, code, message, source.file if source else "", source.line if source else 0, column, hint, zh, hint_zh)


class BooksError(Exception):
    """A problem the user can fix, carrying the findings that describe it.

    Raised at the edges (loading, writing, options); the CLI prints the findings and exits 1.
    """

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("; ".join(f"{f.location()}: {f.message}" for f in findings))

    @classmethod
    def single(
        cls, code: str, message: str, file: str = "", line: int = 0, column: str = "", hint: str = "", *, zh: str = "", hint_zh: str = ""
    ) -> BooksError:
        return cls([Finding(Severity.ERROR, code, message, file, line, column, hint, zh, hint_zh)])
