"""The command line: the summary, JSON, output files and one-line errors for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest

from policyledger import cli
from policyledger.ingest import sources


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_summary_of_the_sample(capsys):
    code, out, err = run(capsys, "extract", "--sample")
    assert code == 0 and err == ""
    assert out.startswith("《重庆市人民政府公报》2022年第18期（总第924期）")
    assert "文件 3 份 · 方案 4 个 · 任务 121 项 · 量化目标 91 个" in out
    assert "渝府办发〔2022〕107号" in out
    assert "下降 14%" in out and "≥ 4.32万吨" in out


def test_json_follows_the_spec_format(capsys):
    code, out, _ = run(capsys, "extract", "--sample", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["format"] == "policyledger.extraction/1"
    assert data["source"] == "cq-gazette-2022-18.txt"
    assert {
        "doc_number",
        "title",
        "issuer",
        "date",
        "recipients",
        "plans",
        "tasks",
        "targets",
    } <= set(data["documents"][0])
    target = data["documents"][0]["targets"][0]
    assert {
        "plan",
        "path",
        "metric",
        "scope",
        "value",
        "unit",
        "change",
        "relation",
        "baseline",
        "year",
        "per_year",
        "text",
        "span",
    } <= set(target)


def test_spans_trace_numbers_back_to_the_text(capsys):
    _, text, _ = run(capsys, "extract", "--sample", "--text")
    _, out, _ = run(capsys, "extract", "--sample", "--json")
    for doc in json.loads(out)["documents"]:
        for target in doc["targets"]:
            start, end = target["span"]
            assert text[start:end] == target["text"]
        for task in doc["tasks"]:
            start, end = task["span"]
            assert task["heading"] in text[start:end]


def test_output_file_is_written_whole(tmp_path, capsys):
    out_file = tmp_path / "out.json"
    code, out, _ = run(capsys, "extract", "--sample", "--json", "-o", str(out_file))
    assert code == 0 and out == ""
    assert json.loads(out_file.read_text(encoding="utf-8"))["documents"]
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


def test_unwritable_output_is_one_line(tmp_path, capsys):
    code, _, err = run(capsys, "extract", "--sample", "-o", str(tmp_path / "missing" / "x.json"))
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("policyledger: error: cannot write")


def _bad_inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(256)) * 8)
    png = tmp_path / "picture.pdf"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip")
    wrong_zip = tmp_path / "other.docx"
    with zipfile.ZipFile(wrong_zip, "w") as archive:
        archive.writestr("hello.txt", "hi")
    folder = tmp_path / "folder"
    folder.mkdir()
    return {
        "empty file": empty,
        "random bytes": noise,
        "PNG renamed .pdf": png,
        "corrupt docx": corrupt,
        "zip that is no docx": wrong_zip,
        "directory": folder,
        "missing path": tmp_path / "nowhere.txt",
    }


@pytest.mark.parametrize(
    "case",
    [
        "empty file",
        "random bytes",
        "PNG renamed .pdf",
        "corrupt docx",
        "zip that is no docx",
        "directory",
        "missing path",
    ],
)
def test_bad_input_gives_one_clear_line(tmp_path, capsys, case):
    path = _bad_inputs(tmp_path)[case]
    code, out, err = run(capsys, "extract", str(path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1, err
    assert err.startswith("policyledger: error: ") and path.name in err
    assert "Traceback" not in err


def test_file_over_the_size_limit(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sources, "MAX_INPUT_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("到2025年，达到100%。" * 200, encoding="utf-8")
    code, _, err = run(capsys, "extract", str(big))
    assert code == 1 and "limit" in err and err.count("\n") == 1


def test_gb18030_text_extracts_like_utf8(tmp_path, capsys, sample_text):
    gbk = tmp_path / "gazette-gbk.txt"
    gbk.write_bytes(sample_text.encode("gb18030"))
    utf = tmp_path / "gazette-gbk.txt.utf8"
    _, from_gbk, _ = run(capsys, "extract", str(gbk), "--json")
    utf.write_text(sample_text, encoding="utf-8")
    _, from_utf8, _ = run(capsys, "extract", str(utf), "--json")
    a, b = json.loads(from_gbk), json.loads(from_utf8)
    assert a["documents"] == b["documents"]


def test_end_to_end_without_traceback(tmp_path):
    """The installed entry point, in a fresh interpreter, on a missing file."""
    result = subprocess.run(
        [sys.executable, "-m", "policyledger", "extract", str(tmp_path / "absent.pdf")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
