"""Uploaded files: copied to a temporary folder under a safe version of the name the person
gave (so that messages name their file, not a temporary path), never more than a limit."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from policyledger.errors import PolicyLedgerError

CHUNK = 1024 * 1024
PREFIX = "policyledger-upload-"
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


class UploadError(PolicyLedgerError):
    """An upload that cannot be taken (no file, too big)."""


def safe_name(name: str | None, fallback: str = "upload") -> str:
    """The last part of ``name`` without characters a file name cannot hold, at most 120
    characters (the suffix kept)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip(" .")
    if not base:
        return fallback
    suffix = Path(base).suffix[:10]
    stem = base[: len(base) - len(suffix)] if suffix else base
    return stem[: 120 - len(suffix)] + suffix


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:g} MB"


@contextmanager
def saved_upload(source: BinaryIO, name: str | None, limit: int) -> Iterator[Path]:
    """The uploaded ``source`` as a file in a temporary folder (removed afterwards); raise
    ``UploadError`` if it holds more than ``limit`` bytes."""
    shown = safe_name(name)
    with tempfile.TemporaryDirectory(prefix=PREFIX) as folder:
        path = Path(folder) / shown
        written = 0
        with path.open("wb") as out:
            while chunk := source.read(CHUNK):
                written += len(chunk)
                if written > limit:
                    raise UploadError(f"{shown} is over the {size_text(limit)} limit")
                out.write(chunk)
        yield path


def without_folder(message: str) -> str:
    """A message about an uploaded file naming the file only, not its temporary folder."""
    folder = re.escape(os.path.join(tempfile.gettempdir(), PREFIX))
    return re.sub(folder + r"[^/\\\s]+[/\\]", "", message)
