"""Opening CSV files the way accountants' spreadsheets write them.

Excel on Chinese Windows saves "CSV" in GB18030 (code page 936), "CSV UTF-8" with a byte
order mark, and other tools write plain UTF-8. The encoding is decided once per file: a BOM
wins; otherwise the whole file is tried as UTF-8 (a GB18030 file with Chinese in it is
practically never valid UTF-8) and GB18030 is the fallback.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import TextIO

UTF8_BOM = codecs.BOM_UTF8
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CHUNK = 1 << 20


class UnreadableFile(Exception):
    """A file that cannot be read as text at all; ``hint`` says how to save it instead.
    ``message_zh`` and ``hint_zh`` say the same in Chinese."""

    def __init__(self, message: str, hint: str, message_zh: str = "", hint_zh: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.message_zh = message_zh
        self.hint_zh = hint_zh


def detect_encoding(path: Path) -> str:
    """``utf-8-sig``, ``utf-8`` or ``gb18030`` for the file at ``path``."""
    with path.open("rb") as stream:
        head = stream.read(4)
        if head.startswith(UTF8_BOM):
            return "utf-8-sig"
        if head.startswith(_UTF16_BOMS):
            raise UnreadableFile(
                "the file is UTF-16 (Excel's 'Unicode text')", "save it from Excel as 'CSV UTF-8' or 'CSV (逗号分隔)'",
                "文件是 UTF-16 编码（Excel 的“Unicode 文本”）", "请在 Excel 中另存为“CSV UTF-8”或“CSV (逗号分隔)”",
            )
        stream.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            for chunk in iter(partial(stream.read, _CHUNK), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8"


def open_csv(path: Path, encoding: str) -> TextIO:
    """A text stream for ``csv.reader``: the detected encoding, newlines left to the csv module."""
    return path.open(encoding=encoding, newline="")


def read_rows(stream: TextIO) -> Iterator[tuple[int, list[str]]]:
    """(line where the row starts, cells) for every row, header included.

    A quoted cell may span lines, so the start line is one past where the previous row ended.
    """
    reader = csv.reader(stream)
    start = 1
    for cells in reader:
        yield start, cells
        start = reader.line_num + 1


def decode_error(exc: UnicodeDecodeError) -> UnreadableFile:
    """The finding text for bytes that are neither UTF-8 nor GB18030."""
    return UnreadableFile(
        f"the file is neither UTF-8 nor GB18030 text (byte {exc.start} of a read block)", "save it from Excel as 'CSV UTF-8'",
        f"文件既不是 UTF-8 也不是 GB18030 文本（读取块的第 {exc.start} 字节）", "请在 Excel 中另存为“CSV UTF-8”",
    )
