"""Helpers for reader tests: books directories written byte for byte, findings as tuples."""

from __future__ import annotations

from pathlib import Path

from zhangkuan.model.findings import Finding

BOOKS_YAML = "company: 测试公司\n"


def write(root: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``root/name`` in ``encoding`` (``utf-8-sig`` adds the BOM)."""
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def books_dir(root: Path, files: dict[str, str]) -> Path:
    """A books directory with books.yaml (unless given) and the files named."""
    write(root, "books.yaml", files.pop("books.yaml", BOOKS_YAML))
    for name, text in files.items():
        write(root, name, text)
    return root


def where(findings: list[Finding]) -> list[tuple[str, str, int, str]]:
    """(code, file, line, column) of each finding: what a test should pin down."""
    return [(finding.code, finding.file, finding.line, finding.column) for finding in findings]
