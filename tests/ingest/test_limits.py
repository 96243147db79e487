"""Word documents that would unpack to too much ("zip bombs") are refused from the ZIP central
directory alone, before python-docx inflates anything, with one line naming the file and
the limit (policyledger.limits)."""

from __future__ import annotations

import zipfile

import pytest

from policyledger.errors import InputError
from policyledger.ingest.sources import read_source
from tests.ingest.document_builders import build_docx

MB = 1024 * 1024


def docx_with(path, extra: dict[str, int]) -> None:
    """A real one-paragraph .docx, plus parts of zero bytes ({name: size})."""
    build_docx("重庆市人民政府办公厅关于印发方案的通知", path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        for name, size in extra.items():
            with archive.open(name, "w") as part:
                for _ in range(size // MB):
                    part.write(bytes(MB))
                part.write(bytes(size % MB))


def refused(path, monkeypatch) -> str:
    def inflating(*args, **kwargs):
        raise AssertionError("a part was inflated")

    monkeypatch.setattr(zipfile.ZipFile, "open", inflating)
    with pytest.raises(InputError) as caught:
        read_source(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_part_compressed_too_well(tmp_path, monkeypatch):
    path = tmp_path / "bomb.docx"
    docx_with(path, {"word/media/image1.png": 5 * MB})
    info = zipfile.ZipFile(path).getinfo("word/media/image1.png")
    ratio = f"{info.file_size / info.compress_size:,.0f}"
    assert refused(path, monkeypatch) == (
        f"{path} is refused: its part word/media/image1.png is compressed {ratio}:1, "
        "over the 100:1 compression ratio limit"
    )


def test_a_document_unpacking_to_too_much(tmp_path, monkeypatch):
    path = tmp_path / "big.docx"
    docx_with(path, {f"word/media/image{n}.png": MB for n in range(101)})
    total = sum(i.file_size for i in zipfile.ZipFile(path).infolist())
    assert refused(path, monkeypatch) == (
        f"{path} is refused: it unpacks to {total / MB:,.1f} MB, "
        "over the 100 MB unpacked size limit"
    )


def test_a_document_of_too_many_parts(tmp_path, monkeypatch):
    path = tmp_path / "parts.docx"
    docx_with(path, {f"word/media/p{n}.bin": 1 for n in range(1000)})
    parts = len(zipfile.ZipFile(path).infolist())
    assert refused(path, monkeypatch) == (
        f"{path} is refused: it has {parts:,} parts, over the 1,000-part limit for Office files"
    )


def test_a_lower_limit_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "doc.docx"
    docx_with(path, {"word/media/image1.png": 2 * MB})
    monkeypatch.setenv("POLICYLEDGER_MAX_ZIP_RATIO", "100000")
    assert "重庆市人民政府办公厅" in read_source(path).text
    monkeypatch.setenv("POLICYLEDGER_MAX_UNPACKED_MB", "1")
    assert "over the 1 MB unpacked size limit" in refused(path, monkeypatch)


def test_an_ordinary_document_is_read(sample_docx):
    assert "重庆市" in read_source(sample_docx).text
