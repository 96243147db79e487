"""Helpers that keep input-error messages to one readable line and say what a file really is."""

from __future__ import annotations

import os
import re

_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_SPACE_RE = re.compile(r"\s+")

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office files (.doc, .xls, .wps …)
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"

_KNOWN_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (ZIP_MAGIC, "a ZIP archive"),
    (OLE2_MAGIC, "a legacy Office (.doc/.xls/.wps) file"),
    (b"{\\rtf", "an RTF document"),
    (PDF_MAGIC, "a PDF document"),
)


def shown_path(path: str | os.PathLike[str]) -> str:
    """The path as the user gave it, with control characters (newlines …) escaped."""
    text = os.fspath(path)
    return _CONTROL_RE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def one_line(detail: object, limit: int = 160) -> str:
    """An exception or other detail squeezed onto one line of at most ``limit`` characters."""
    if isinstance(detail, BaseException):
        text = str(detail) or type(detail).__name__
    else:
        text = str(detail)
    text = _SPACE_RE.sub(" ", _CONTROL_RE.sub(" ", text)).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def looks_like(head: bytes) -> str | None:
    """What the first bytes of a file say it is ("a PNG image" …), or None if unrecognised."""
    for magic, what in _KNOWN_MAGIC:
        if head.startswith(magic):
            return what
    return None


def read_head(path: str | os.PathLike[str], size: int = 1024) -> bytes:
    """The first ``size`` bytes of a file (the caller turns OSError into an InputError)."""
    with open(path, "rb") as handle:
        return handle.read(size)
