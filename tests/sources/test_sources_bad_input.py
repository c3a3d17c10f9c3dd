"""Bad input: every case is a clear Failure, and the other inputs of the same call still read."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings.config import Settings
from tidings.records import Article, Failure
from tidings.sources import count_records, read_sources

GOOD = "Negotiators met in the capital on Tuesday and agreed to talk again in April.\n"


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def _one_failure(read, bad: Path, good: Path, **settings) -> Failure:
    """Read a bad input between two good ones: both good ones come through, one Failure."""
    articles, failures = read(good, bad, good, **settings)
    assert [a.text for a in articles] == [GOOD, GOOD]
    (failure,) = failures
    assert failure.stage == "read"
    return failure


def test_binary_file(tmp_path, good, read):
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    failure = _one_failure(read, bad, good)
    assert failure.origin == str(bad)
    assert "binary" in failure.error


def test_control_bytes_without_nul_are_not_text(tmp_path, good, read):
    bad = tmp_path / "noise.txt"
    bad.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 50)
    assert "binary" in _one_failure(read, bad, good).error


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"], ids=["empty", "whitespace"])
def test_empty_files(tmp_path, good, read, content):
    bad = tmp_path / "blank.txt"
    bad.write_bytes(content)
    error = _one_failure(read, bad, good).error
    assert error in ("empty file", "no text (empty or only whitespace)")


def test_huge_text_file_is_refused_by_size(tmp_path, good, read):
    bad = tmp_path / "huge.txt"
    with bad.open("w", encoding="utf-8") as fh:
        for _ in range(1024):
            fh.write("All work and no play. " * 2340)  # 50 MiB in all
    assert bad.stat().st_size > Settings().max_record_bytes
    error = _one_failure(read, bad, good).error  # default limit
    assert "too large" in error and "max_record_bytes" in error


def test_oversized_gzip_member_is_refused_while_reading(tmp_path, good, read):
    bad = tmp_path / "big.txt.gz"
    bad.write_bytes(gzip.compress(b"Repeated words. " * 10_000))
    assert "too large" in _one_failure(read, bad, good, max_record_bytes=50_000).error


def test_wrong_encoding_is_decoded_with_a_warning(tmp_path, good, read):
    text = "The mayor’s office said the café would reopen — “soon”, in the région.\n"
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("cp1252"))
    articles, failures = read(path, good)
    assert failures == []
    assert articles[0].text == text
    assert articles[0].warnings == ["not valid UTF-8; decoded as cp1252 (detected)"]


def test_damaged_utf8_keeps_utf8(tmp_path, read):
    text = "Zoë Müller met the café owners in Köln. " * 5
    path = tmp_path / "damaged.txt"
    path.write_bytes(text.encode() + b"\xff" + text.encode())
    (article,), _ = read(path)
    assert article.text == text + "\ufffd" + text
    assert "replaced by U+FFFD" in article.warnings[0]


def test_utf16_with_bom(tmp_path, read):
    path = tmp_path / "wide.txt"
    path.write_bytes(GOOD.encode("utf-16"))
    (article,), _ = read(path)
    assert article.text == GOOD


def test_malformed_jsonl_lines_each_fail_and_good_lines_read(tmp_path, good, read):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": "First good record."}),
                "{not json",
                json.dumps(["a", "list"]),
                json.dumps({"id": "b", "body": "No text field."}),
                json.dumps({"id": "c", "text": 42}),
                json.dumps({"id": "d", "text": "   "}),
                "[" * 100_000,
                "",
                json.dumps({"id": "e", "text": "Second good record."}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    articles, failures = read(path, good)
    assert [a.id for a in articles] == ["a", "e", "good"]
    by_line = {f.origin.rsplit(":", 1)[1]: f for f in failures}
    assert set(by_line) == {"2", "3", "4", "5", "6", "7"}
    assert by_line["2"].error.startswith("invalid JSON")
    assert "list" in by_line["3"].error
    assert "no 'text' field" in by_line["4"].error and by_line["4"].article_id == "b"
    assert "not text" in by_line["5"].error
    assert by_line["6"].error == "no text (empty or only whitespace)"
    assert by_line["7"].error == "invalid JSON: nested too deeply"


def test_jsonl_line_over_the_limit_is_skipped(tmp_path, read):
    path = tmp_path / "long.jsonl"
    path.write_text(
        json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "Fits."}) + "\n",
        encoding="utf-8",
    )
    (article,), (failure,) = read(path, max_record_bytes=1000)
    assert article.text == "Fits." and article.origin.endswith(":2")
    assert failure.origin.endswith(":1") and "too large" in failure.error


def test_jsonl_line_in_another_encoding(tmp_path, read):
    path = tmp_path / "mixed-enc.jsonl"
    good_line = json.dumps({"text": "Plain ASCII."}, ensure_ascii=False) + "\n"
    bad_line = json.dumps({"text": "Le café “fermé”."}, ensure_ascii=False) + "\n"
    path.write_bytes(good_line.encode() * 6000 + bad_line.encode("cp1252"))  # past the sniffed head
    articles, failures = read(path)
    assert failures == []
    assert articles[-1].text == "Le café “fermé”."
    assert articles[-1].warnings == ["line 6001: not valid UTF-8; decoded as cp1252 (detected)"]


def test_malformed_csv_rows(tmp_path, good, read):
    path = tmp_path / "rows.csv"
    path.write_text(
        "id,text\n"
        "1,First row.\n"
        "2,Too,many,fields\n"
        "3\n"
        '4,"' + "y" * 3000 + "\ny" * 10 + '"\n'  # one field over the limit, over several lines
        "5,Last row.\n",
        encoding="utf-8",
    )
    articles, failures = read(path, good, max_record_bytes=2000)
    assert [a.id for a in articles] == ["1", "5", "good"]
    errors = {f.origin.rsplit(":", 1)[1]: f.error for f in failures}
    assert errors["3"] == "row has 4 fields but the header has 2"
    assert errors["4"] == "row has 1 fields but the header has 2"
    assert "larger than the limit" in errors["5"] or "too large" in errors["5"]


def test_csv_without_text_column(tmp_path, good, read):
    path = tmp_path / "cols.csv"
    path.write_text("id,headline,body\n1,A,Story.\n", encoding="utf-8")
    failure = _one_failure(read, path, good)
    assert failure.origin == str(path)
    assert "no 'text' column" in failure.error and "--field text=" in failure.error


def test_truncated_gzip_keeps_what_was_read(tmp_path, good, read):
    lines = "".join(
        json.dumps({"id": str(i), "text": f"Story {i} " * 200}) + "\n" for i in range(400)
    )
    data = gzip.compress(lines.encode(), compresslevel=1)
    bad = tmp_path / "cut.jsonl.gz"
    bad.write_bytes(data[: len(data) // 2])
    articles, failures = read(bad, good)
    assert 0 < len(articles) - 1 < 400 and articles[-1].id == "good"
    (failure,) = failures
    assert failure.origin == str(bad) and "truncated" in failure.error


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (gzip.compress(b"story")[:8], "truncated"),
        (b"\x1f\x8b" + os.urandom(200), "gzip"),
        (b"plain text with a .gz name", "not gzip"),
    ],
    ids=["header-only", "corrupt", "not-gzip"],
)
def test_broken_gzip(tmp_path, good, read, content, words):
    bad = tmp_path / "broken.txt.gz"
    bad.write_bytes(content)
    assert words in _one_failure(read, bad, good).error


@pytest.mark.parametrize(
    "html",
    [
        "<html><body>" + "<div>" * 20_000 + "<p>Deep.</p>" + "</div>" * 20_000 + "</body></html>",
        "<html><head><title>Nothing here</title></head><body></body></html>",
        "<html><body><script>var vote = 1;</script><style>p {}</style></body></html>",
    ],
    ids=["deeply-nested", "no-body", "scripts-only"],
)
def test_html_without_article_text(tmp_path, good, read, html):
    bad = tmp_path / "page.html"
    bad.write_text(html, encoding="utf-8")
    assert "no article text" in _one_failure(read, bad, good).error


def test_broken_html_still_gives_its_text(tmp_path, read):
    path = tmp_path / "unclosed.html"
    path.write_text(
        "<html><body><p>The assembly passed the <b>budget <i>on Friday", encoding="utf-8"
    )
    (article,), failures = read(path)
    assert failures == [] and article.text == "The assembly passed the budget on Friday"


def test_missing_path_and_empty_folder(tmp_path, good, read):
    (tmp_path / "empty").mkdir()
    articles, failures = read(tmp_path / "nope.txt", tmp_path / "empty", good)
    assert [a.text for a in articles] == [GOOD]
    assert [f.error for f in failures] == [
        "no such file or folder",
        "the folder holds no files in a readable format",
    ]


def test_count_records(tmp_path, good):
    (tmp_path / "c.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}', "utf-8")
    (tmp_path / "r.csv").write_text('id,text\n1,"two\nlines"\n2,b\n', encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01")
    assert count_records([str(tmp_path)]) == 1 + 3 + 2 + 1  # bin, c, good, r
    assert count_records([str(good), "-"]) is None


SUFFIXES = ["x.txt", "x.html", "x.jsonl", "x.json", "x.csv", "x.tsv", "x.jsonl.gz", "x"]


def _never_raises(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    items = list(read_sources([str(path)], Settings(max_record_bytes=4096)))
    assert all(isinstance(x, Article | Failure) for x in items)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.sampled_from(SUFFIXES), data=st.binary(max_size=3000))
def test_random_bytes_never_raise(tmp_path, name, data):
    _never_raises(tmp_path / name, data)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.sampled_from(SUFFIXES), text=st.text(max_size=2000), gz=st.booleans())
def test_random_text_never_raises(tmp_path, name, text, gz):
    data = text.encode("utf-8", "surrogatepass")
    _never_raises(tmp_path / name, gzip.compress(data) if gz else data)
