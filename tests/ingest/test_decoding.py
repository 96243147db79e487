"""Tests for decoding text documents: encodings, BOMs, line ends and binary rejection."""

from __future__ import annotations

import codecs
import random
import time
from pathlib import Path

import pytest

from policyledger.errors import InputError
from policyledger.ingest.decoding import decode_text

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "cq-gazette-2022-18.txt"


@pytest.fixture(scope="module")
def sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda text: text.encode("utf-8"), "utf-8"),
        (lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), "utf-8-sig"),
        (lambda text: text.encode("utf-16"), "utf-16"),
        (lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "utf-16"),
        (lambda text: text.encode("gb18030"), "gb18030"),
        (lambda text: text.encode("gbk"), "gb18030"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "gb18030", "gbk"],
)
def test_every_encoding_of_the_sample_decodes_to_the_same_text(sample, encode, encoding):
    text, found = decode_text(encode(sample), "sample.txt")
    assert text == sample
    assert found == encoding


def test_line_ends_are_normalised():
    text, _ = decode_text("一、总体要求\r\n\r\n到2025年\r完成\n".encode(), "a.txt")
    assert text == "一、总体要求\n\n到2025年\n完成\n"


def test_gbk_line_ends_are_normalised_too():
    text, encoding = decode_text("第一条\r\n第二条".encode("gbk"), "a.txt")
    assert (text, encoding) == ("第一条\n第二条", "gb18030")


@pytest.mark.parametrize("data", [b"", codecs.BOM_UTF8, b" \r\n\t "])
def test_empty_input_is_rejected(data):
    with pytest.raises(InputError, match=r"^a\.txt is empty"):
        decode_text(data, "a.txt")


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("size", [16, 300, 4096, 100_000])
def test_random_bytes_are_rejected_as_binary(seed, size):
    data = random.Random(seed).randbytes(size)
    with pytest.raises(InputError) as caught:
        decode_text(data, "noise.txt")
    assert str(caught.value) == "noise.txt is not a text document (looks like binary data)"


def test_binary_with_utf16_bom_is_rejected():
    data = codecs.BOM_UTF16_LE + random.Random(7).randbytes(4000)
    with pytest.raises(InputError, match="looks like binary data"):
        decode_text(data, "x.txt")


def test_png_is_rejected():
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(InputError, match="looks like binary data"):
        decode_text(data, "x.txt")


def test_a_few_bad_bytes_are_tolerated(sample):
    data = sample.encode("utf-8")[:-1] + b"\xff"
    text, encoding = decode_text(data, "a.txt")
    assert encoding in {"utf-8", "gb18030"}
    assert text.startswith(sample[:1000])


def test_decoding_the_sample_is_fast(sample):
    data = sample.encode("utf-8")
    timings = []
    for _ in range(7):
        start = time.perf_counter()
        decode_text(data, "sample.txt")
        timings.append(time.perf_counter() - start)
    assert sorted(timings)[3] < 0.005  # typically ~0.1 ms; generous for slow CI machines
