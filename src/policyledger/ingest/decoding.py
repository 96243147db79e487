"""Decode the bytes of a plain-text document into a string (UTF-8, UTF-16 or GB18030).

Chinese government documents arrive as UTF-8 (with or without a BOM), as UTF-16 from Windows
tools, or in the legacy GBK/GB2312 encodings, which GB18030 is a superset of. Anything that looks
like binary data is rejected with an :class:`~policyledger.errors.InputError`.
"""

from __future__ import annotations

import codecs
import re

from policyledger.errors import InputError

# Bytes 0x00-0x1F and 0x7F, except tab, line feed, form feed and carriage return.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
# Every other byte: deleting these with bytes.translate leaves only the control bytes.
_NON_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_CONTROL_CHARS_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")

# Share of control characters or undecodable bytes above which data is taken to be binary.
_MAX_JUNK_SHARE = 0.01
_BINARY = "is not a text document (looks like binary data)"


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a text document called ``name``.

    ``text`` has its BOM removed and ``\\r\\n`` / ``\\r`` line ends turned into ``\\n``.
    Raises :class:`InputError` for empty input and for data that is not text.
    """
    if not data:
        raise InputError(f"{name} is empty")

    if data.startswith(codecs.BOM_UTF8):
        _check_bytes(data[3:], name)
        text, encoding = _decode_lenient(data[3:], "utf-8", name), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _decode_lenient(data, "utf-16", name), "utf-16"
        if "\x00" in text or len(_CONTROL_CHARS_RE.findall(text)) > _MAX_JUNK_SHARE * len(text):
            raise InputError(f"{name} {_BINARY}")
    else:
        _check_bytes(data, name)
        text, encoding = _decode_unmarked(data, name)

    if not text.strip():
        raise InputError(f"{name} is empty (it contains only whitespace)")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding


def _check_bytes(data: bytes, name: str) -> None:
    """Reject NUL bytes and more than a few control bytes (valid for UTF-8 and GB18030 alike)."""
    control = len(data.translate(None, _NON_CONTROL_BYTES))  # C speed, no Python loop
    if b"\x00" in data or control > _MAX_JUNK_SHARE * len(data):
        raise InputError(f"{name} {_BINARY}")


def _decode_unmarked(data: bytes, name: str) -> tuple[str, str]:
    """Decode data without a BOM: strict UTF-8, then strict GB18030, then the better of the two."""
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    # Neither decodes cleanly: accept a few bad bytes (a truncated or slightly damaged file),
    # taking whichever encoding loses fewer characters.
    best = min(
        ((data.decode(enc, errors="replace"), enc) for enc in ("utf-8", "gb18030")),
        key=lambda pair: pair[0].count("\ufffd"),
    )
    if best[0].count("\ufffd") > _MAX_JUNK_SHARE * len(best[0]):
        raise InputError(f"{name} {_BINARY}")
    return best


def _decode_lenient(data: bytes, encoding: str, name: str) -> str:
    """Decode data whose encoding a BOM declared, tolerating a few bad bytes but not binary."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
    if text.count("\ufffd") > _MAX_JUNK_SHARE * max(len(text), 1):
        raise InputError(f"{name} {_BINARY}")
    return text
