"""Read an input document (plain text, PDF or Word .docx) into a :class:`SourceText`.

This is the one entry point for input files. Whatever is wrong with the file (missing, a
directory, unreadable, too big, empty, binary, damaged, a scan, a legacy .doc) surfaces as an
:class:`~policyledger.errors.InputError` with a one-line message naming the file; no other
exception escapes for any file content.
"""

from __future__ import annotations

import math
import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from policyledger.errors import InputError
from policyledger.ingest._messages import (
    OLE2_MAGIC,
    PDF_MAGIC,
    ZIP_MAGIC,
    looks_like,
    one_line,
    read_head,
    shown_path,
)
from policyledger.ingest.decoding import decode_text
from policyledger.ingest.docx_reader import read_docx
from policyledger.ingest.pdf_reader import read_pdf

MAX_INPUT_BYTES = 50 * 1024 * 1024  # documented size limit for any input file

_TEXT_SUFFIXES = {".txt", ".text", ".md"}
_SUFFIX_KINDS = {".pdf": "pdf", ".docx": "docx", ".doc": "docx"}


@dataclass(frozen=True)
class SourceText:
    """The text of an input document and where it came from."""

    text: str  # decoded text, paragraphs separated by newlines
    name: str  # file name only
    kind: str  # "txt" | "pdf" | "docx"
    encoding: str | None  # the text file's encoding; None for PDF and DOCX


def read_source(path: str | os.PathLike[str]) -> SourceText:
    """Read the document at ``path`` (.txt/.text/.md, .pdf, .docx; other names by content)."""
    source = Path(path)
    name = shown_path(path)
    _check_file(source, name)
    try:
        kind = _kind(source, name)
        if kind == "pdf":
            text, encoding = read_pdf(source), None
        elif kind == "docx":
            text, encoding = read_docx(source), None
        else:
            text, encoding = decode_text(_read_bytes(source, name), name)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"{name} cannot be read: {one_line(exc.strerror or exc)}") from exc
    except Exception as exc:  # a reader's library failed in a way it did not foresee
        raise InputError(f"{name} cannot be read: {one_line(exc)}") from exc
    return SourceText(text=text, name=source.name, kind=kind, encoding=encoding)


def _check_file(source: Path, name: str) -> None:
    try:
        info = source.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(f"{name} does not exist") from None
    except PermissionError:
        raise InputError(f"{name} cannot be read: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name} cannot be read: {one_line(exc.strerror or exc)}") from exc
    except ValueError as exc:  # e.g. an embedded NUL character
        raise InputError(f"{name} is not a valid path: {one_line(exc)}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{name} is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{name} is not a regular file")
    _check_size(info.st_size, name)
    if not os.access(source, os.R_OK):
        raise InputError(f"{name} cannot be read: permission denied")


def _check_size(size: int, name: str) -> None:
    if size > MAX_INPUT_BYTES:
        raise InputError(
            f"{name} is {_size_text(size, round_up=True)}, over the"
            f" {_size_text(MAX_INPUT_BYTES)} limit"
        )
    if size == 0:
        raise InputError(f"{name} is empty")


def _size_text(size: int, round_up: bool = False) -> str:
    """A size as "61.2 MB", "50 MB", "12 KB" or "900 bytes" (MB = 2**20 bytes)."""
    for unit, scale in (("MB", 2**20), ("KB", 2**10)):
        if size >= scale:
            value = size / scale
            value = math.ceil(value * 10) / 10 if round_up else round(value, 1)
            return f"{value:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def _kind(source: Path, name: str) -> str:
    """The reader to use, "pdf", "docx" or "txt": by suffix for .pdf/.docx/.doc, else by content.

    Files named .txt/.text/.md are text unless their first bytes say otherwise (a PDF saved
    under the wrong name is read as a PDF; an image gets a clear message, not "binary data").
    """
    suffix = source.suffix.lower()
    if suffix in _SUFFIX_KINDS:
        return _SUFFIX_KINDS[suffix]
    head = read_head(source)
    # The PDF header may follow some junk (readers accept it in the first 1 KB), but a file
    # named .txt must start with it: a text that merely mentions %PDF- stays text.
    if head.startswith(PDF_MAGIC) or (suffix not in _TEXT_SUFFIXES and PDF_MAGIC in head):
        return "pdf"
    if head.startswith(OLE2_MAGIC):
        return "docx"  # the .docx reader explains what to do with a legacy .doc
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(source) as package:
                if "word/document.xml" in package.namelist():
                    return "docx"
        except (zipfile.BadZipFile, ValueError, EOFError):
            pass
        raise InputError(f"{name} is a ZIP archive, not a Word (.docx) document")
    what = looks_like(head)
    if what:
        raise InputError(
            f"{name} is {what}, not a text, PDF or Word document (.txt, .pdf or .docx)"
        )
    return "txt"


def _read_bytes(source: Path, name: str) -> bytes:
    with open(source, "rb") as handle:
        data = handle.read(MAX_INPUT_BYTES + 1)
    _check_size(len(data), name)  # the file may have changed since it was checked
    return data
