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

    ``code`` is stable (scripts match on it); ``message`` and ``hint`` are for people.
    """

    severity: Severity
    code: str
    message: str
    file: str = ""
    line: int = 0
    column: str = ""
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        """``FILE:LINE:COLUMN`` as editors and CI annotators read it (parts left out when unknown)."""
        parts = [self.file or "-"]
        if self.line:
            parts.append(str(self.line))
        if self.column:
            parts.append(self.column)
        return ":".join(parts)


def error(code: str, message: str, source: Source | None = None, column: str = "", hint: str = "") -> Finding:
    """An error finding at ``source`` (a record's file and line)."""
    return Finding(Severity.ERROR, code, message, source.file if source else "", source.line if source else 0, column, hint)


def warning(code: str, message: str, source: Source | None = None, column: str = "", hint: str = "") -> Finding:
    """A warning finding at ``source``: suspicious, but the books can still be computed."""
    return Finding(Severity.WARNING, code, message, source.file if source else "", source.line if source else 0, column, hint)


class BooksError(Exception):
    """A problem the user can fix, carrying the findings that describe it.

    Raised at the edges (loading, writing, options); the CLI prints the findings and exits 1.
    """

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("; ".join(f"{f.location()}: {f.message}" for f in findings))

    @classmethod
    def single(cls, code: str, message: str, file: str = "", line: int = 0, column: str = "", hint: str = "") -> BooksError:
        return cls([Finding(Severity.ERROR, code, message, file, line, column, hint)])
