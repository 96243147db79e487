"""Read the text of a Word .docx document with python-docx, paragraphs and tables in body order.

Each body paragraph becomes one paragraph of the result; each table cell becomes one paragraph
too (its own paragraphs joined by line breaks), at the place where the table stands. Text in
tracked insertions, hyperlinks, fields and content controls is kept; deleted text, headers,
footers, footnotes and text boxes are not read.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from policyledger.errors import InputError
from policyledger.ingest._messages import (
    OLE2_MAGIC,
    ZIP_MAGIC,
    looks_like,
    one_line,
    read_head,
    shown_path,
)
from policyledger.limits import zip_problem

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_WRAPPERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"}
_TEXT = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
_TEXT[f"{_W}noBreakHyphen"] = "-"
# Subtrees of a paragraph whose text is not part of it: run and paragraph properties, the
# fallback copy of alternate content, text boxes, deleted runs and field instructions.
_SKIP = {
    f"{_W}rPr",
    f"{_W}pPr",
    f"{_MC}Fallback",
    f"{_W}txbxContent",
    f"{_W}del",
    f"{_W}instrText",
    f"{_W}sdtPr",
}
_NOT_DOCX = "is not a valid Word (.docx) document"


def read_docx(path: Path) -> str:
    """Return the text of the .docx at ``path``: paragraphs separated by blank lines.

    Raises :class:`InputError` for legacy .doc files, password-protected, damaged or non-Word
    files, and packages over a zip limit of :mod:`policyledger.limits` (too many parts, too
    much unpacked, a part compressed too well), checked before anything is inflated.
    """
    name = shown_path(path)
    _check_package(path, name)
    import docx  # imported here so that reading a text file does not pay for it

    try:
        document = docx.Document(str(path))
        paragraphs = list(_blocks(document.element.body))
    except Exception as exc:  # python-docx, lxml and zipfile raise many types
        raise InputError(f"{name} {_NOT_DOCX}: {one_line(exc)}") from exc
    return "\n\n".join(text for text in paragraphs if text)


def _check_package(path: Path, name: str) -> None:
    """Reject what python-docx would fail on with an unhelpful message."""
    try:
        head = read_head(path)
        if head.startswith(OLE2_MAGIC):
            with open(path, "rb") as handle:
                encrypted = "EncryptedPackage".encode("utf-16-le") in handle.read()
            raise _legacy_or_encrypted(name, encrypted)
        if not head.startswith(ZIP_MAGIC):
            what = looks_like(head)
            detail = f"it is {what}" if what else "it is not a ZIP package"
            raise InputError(f"{name} {_NOT_DOCX}: {detail}")
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except zipfile.BadZipFile as exc:
        raise InputError(f"{name} {_NOT_DOCX}: the ZIP container is damaged") from exc
    except OSError as exc:
        raise InputError(f"{name} cannot be read: {one_line(exc.strerror or exc)}") from exc
    except (ValueError, EOFError) as exc:
        raise InputError(f"{name} {_NOT_DOCX}: the ZIP container is damaged") from exc

    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
        raise InputError(f"{name} {_NOT_DOCX}: it is a ZIP archive without Word content")
    problem = zip_problem(members)  # a "zip bomb", judged before anything is inflated
    if problem is not None:
        raise InputError(f"{name} is refused: {problem}")


def _legacy_or_encrypted(name: str, encrypted: bool) -> InputError:
    if encrypted:  # Office stores a password-protected .docx inside an OLE2 container
        return InputError(
            f"{name} is password-protected: remove the password in Word and save it again"
        )
    return InputError(
        f"{name} is a legacy Word .doc (Word 97-2003) file, which is not supported:"
        " open it in Word, WPS or LibreOffice and save it as .docx"
    )


def _blocks(container: Any) -> Iterator[str]:
    """Yield the text of each paragraph and table cell in a block container, in order."""
    for child in _unwrapped(container):
        if child.tag == _P:
            yield _paragraph_text(child).strip()
        elif child.tag == _TBL:
            for row in _unwrapped(child):
                if row.tag != _TR:
                    continue
                for cell in _unwrapped(row):
                    if cell.tag == _TC:
                        yield "\n".join(text for text in _blocks(cell) if text)


def _unwrapped(element: Any) -> Iterator[Any]:
    """The children of an element, looking through content controls and custom XML."""
    for child in element:
        if child.tag in _WRAPPERS:
            yield from _unwrapped(child)
        else:
            yield child


def _paragraph_text(element: Any) -> str:
    parts: list[str] = []
    _collect(element, parts)
    return "".join(parts)


def _collect(element: Any, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _TEXT:
            replacement = _TEXT[tag]
            parts.append((child.text or "") if replacement is None else replacement)
        elif tag not in _SKIP and isinstance(tag, str):
            _collect(child, parts)
