"""Each reader on small files written here: text, Markdown, HTML, JSON Lines, JSON, CSV, TSV."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from tidings.config import FieldMap
from tidings.records import content_hash

STORY = (
    "Port cities fail to agree on fishing quotas\n"
    "\n"
    "Negotiators from the two port cities failed to agree on fishing quotas on Tuesday.\n"
    "\n"
    "“We came here in good faith,” the head of the delegation said.\n"
)

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Harbour talks stall | The Coastal Ledger</title>
<meta property="og:site_name" content="The Coastal Ledger">
<meta name="author" content="Mira Okafor">
<meta property="article:published_time" content="2021-03-09T14:05:00+01:00">
<link rel="canonical" href="https://ledger.example.org/2021/03/harbour-talks">
</head><body><nav>Home | World | Sport</nav>
<article><h1>Harbour talks stall</h1>
<p>Negotiators from the two port cities failed to agree on fishing quotas on Tuesday,
the third round of talks to end without a deal.</p>
<p>“We came here in good faith,” said the head of the delegation, adding that another
meeting was planned for April.</p>
<p>Share this article</p>
<p>Photo: Jane Roe/Getty Images</p>
<p>Officials said the dispute had cost local fleets millions in lost catches.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>
"""


def _jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_text_file_is_read_exactly_with_headline_title(tmp_path, read):
    path = tmp_path / "quotas.txt"
    path.write_bytes(STORY.encode("utf-8"))
    (article,), failures = read(path)
    assert failures == []
    assert article.text == STORY
    assert article.title == "Port cities fail to agree on fishing quotas"
    assert article.id == "quotas"
    assert article.origin == str(path)
    assert article.published is None
    assert article.warnings == []


def test_text_keeps_line_endings_and_first_sentence_is_no_title(tmp_path, read):
    text = "The council met on Monday.\r\nIt voted to close the bridge.\r\n"
    (tmp_path / "a.txt").write_bytes(text.encode())
    (article,), _ = read(tmp_path / "a.txt")
    assert article.text == text
    assert article.title is None


def test_markdown_heading_is_the_title_and_stays_in_the_text(tmp_path, read):
    text = "# Dockers strike in the north\n\nDock workers walked out on Friday.\n"
    (tmp_path / "strike.md").write_text(text, encoding="utf-8")
    (article,), _ = read(tmp_path / "strike.md")
    assert article.title == "Dockers strike in the north"
    assert article.text == text


def test_published_setting_fills_articles_without_a_date(tmp_path, read):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (article,), _ = read(tmp_path / "a.txt", published=dt.date(2021, 3, 9))
    assert article.published == dt.date(2021, 3, 9)


def test_sidecar_metadata_file_gives_title_date_and_source(tmp_path, read):
    (tmp_path / "quotas.txt").write_text(STORY, encoding="utf-8")
    meta = {"title": "Quota talks", "published": "2021-03-10", "source": "Ledger", "id": "q-1"}
    (tmp_path / "quotas.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    (article,), failures = read(tmp_path, published=dt.date(2000, 1, 1))
    assert failures == []  # the sidecar is not read as an article of its own
    assert (article.title, article.published, article.source, article.id) == (
        "Quota talks",
        dt.date(2021, 3, 10),
        "Ledger",
        "q-1",
    )


def test_html_page_main_text_and_metadata(tmp_path, read):
    path = tmp_path / "harbour.html"
    path.write_text(PAGE, encoding="utf-8")
    (article,), failures = read(path)
    assert failures == []
    assert "failed to agree on fishing quotas" in article.text
    assert "Home | World" not in article.text  # navigation is not article text
    assert article.title == "Harbour talks stall"
    assert article.published == dt.date(2021, 3, 9)
    assert article.author == "Mira Okafor"
    assert article.source == "The Coastal Ledger"
    assert article.url == "https://ledger.example.org/2021/03/harbour-talks"
    marked = {f.text for f in article.furniture}
    assert {"Share this article", "Photo: Jane Roe/Getty Images"} <= marked
    for span in article.furniture:
        assert article.text[span.start : span.end] == span.text


def test_html_declared_charset_is_honoured(tmp_path, read):
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"')
    (tmp_path / "cp.htm").write_bytes(page.encode("cp1252"))
    (article,), _ = read(tmp_path / "cp.htm")
    assert "“We came here in good faith,”" in article.text
    assert article.warnings == []


def test_html_saved_with_txt_suffix_is_read_as_html(tmp_path, read):
    (tmp_path / "saved.txt").write_text(PAGE, encoding="utf-8")
    (article,), _ = read(tmp_path / "saved.txt")
    assert article.title == "Harbour talks stall"
    assert "<p>" not in article.text


def test_jsonl_records_with_ids_dates_and_line_origins(tmp_path, read):
    path = _jsonl(
        tmp_path / "c.jsonl",
        [
            {"id": "r1", "text": "The council met.", "published": "2019-05-03", "title": "Met"},
            {"text": "Ministers agreed a deal.", "url": "https://x.example/2", "author": "A. B."},
        ],
    )
    (first, second), failures = read(path)
    assert failures == []
    assert (first.id, first.title, first.published, first.origin) == (
        "r1",
        "Met",
        dt.date(2019, 5, 3),
        f"{path}:1",
    )
    assert second.id == content_hash("Ministers agreed a deal.")[:16]
    assert (second.url, second.author, second.origin) == (
        "https://x.example/2",
        "A. B.",
        f"{path}:2",
    )


def test_field_map_names_keys_also_nested_and_in_other_case(tmp_path, read):
    path = _jsonl(
        tmp_path / "mapped.jsonl",
        [{"uid": 7, "Body": "Troops withdrew.", "meta": {"date": "24 May 2018"}, "outlet": "Wire"}],
    )
    fields = FieldMap(id="uid", text="body", published="meta.date", source="outlet")
    (article,), failures = read(path, fields=fields)
    assert failures == []
    assert (article.id, article.text, article.published, article.source) == (
        "7",
        "Troops withdrew.",
        dt.date(2018, 5, 24),
        "Wire",
    )


def test_json_file_with_one_object_or_a_list(tmp_path, read):
    (tmp_path / "one.json").write_text(json.dumps({"text": "One story."}), encoding="utf-8")
    records = [{"text": "First story."}, {"text": "Second story."}]
    (tmp_path / "many.json").write_text(json.dumps(records, indent=2), encoding="utf-8")
    articles, failures = read(tmp_path / "one.json", tmp_path / "many.json")
    assert failures == []
    assert [a.text for a in articles] == ["One story.", "First story.", "Second story."]
    assert articles[2].origin == f"{tmp_path / 'many.json'}[1]"


def test_csv_with_quoted_multiline_field(tmp_path, read):
    path = tmp_path / "wire.csv"
    path.write_text(
        "id,title,text,published\n"
        'w1,Talks,"Talks resumed.\nBoth sides, officials said, were hopeful.",2019-02-03\n'
        "w2,Vote,The assembly voted.,03/04/2019\n",
        encoding="utf-8",
    )
    (first, second), failures = read(path)
    assert failures == []
    assert first.text == "Talks resumed.\nBoth sides, officials said, were hopeful."
    assert (first.id, first.title, first.published, first.origin) == (
        "w1",
        "Talks",
        dt.date(2019, 2, 3),
        f"{path}:2",
    )
    assert second.origin == f"{path}:4"  # the first record spans lines 2 and 3
    assert second.published == dt.date(2019, 3, 4)


def test_semicolon_csv_and_tsv(tmp_path, read):
    (tmp_path / "semi.csv").write_text("headline;body\nA;First, with a comma.\n", encoding="utf-8")
    (tmp_path / "tab.tsv").write_text("title\ttext\nB\tSecond text.\n", encoding="utf-8")
    fields = FieldMap(text="body", title="headline")
    (semi,), failures = read(tmp_path / "semi.csv", fields=fields)
    assert failures == [] and (semi.title, semi.text) == ("A", "First, with a comma.")
    (tab,), failures = read(tmp_path / "tab.tsv")
    assert failures == [] and (tab.title, tab.text) == ("B", "Second text.")


def test_gzip_by_suffix_and_by_magic_bytes(tmp_path, read):
    records = [{"text": "Packed story one."}, {"text": "Packed story two."}]
    data = gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode())
    (tmp_path / "a.jsonl.gz").write_bytes(data)
    (tmp_path / "unnamed").write_bytes(data)  # no suffix: gzip and JSON Lines are sniffed
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    articles, failures = read(
        tmp_path / "a.jsonl.gz", tmp_path / "unnamed", tmp_path / "story.txt.gz"
    )
    assert failures == []
    texts = [r["text"] for r in records]
    assert [a.text for a in articles] == [*texts, *texts, STORY]
    assert articles[-1].id == "story"


def test_folder_is_read_recursively_sorted_by_known_suffixes(tmp_path, read):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second story.", encoding="utf-8")
    (tmp_path / "a.md").write_text("First story.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "Third story."}\n', encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not read")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("Hidden.", encoding="utf-8")
    articles, failures = read(tmp_path)
    assert failures == []
    assert [a.text for a in articles] == ["First story.", "Second story.", "Third story."]


@pytest.mark.parametrize(
    ("data", "texts"),
    [
        (PAGE.encode(), ["Harbour talks stall"]),
        (b'{"text": "From a pipe."}\n{"text": "Another."}\n', ["From a pipe.", "Another."]),
        (STORY.encode(), [STORY]),
        (gzip.compress(b'{"text": "Zipped pipe."}\n'), ["Zipped pipe."]),
    ],
    ids=["html", "jsonl", "text", "gzip"],
)
def test_stdin_is_sniffed(monkeypatch, read, data, texts):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    articles, failures = read("-")
    assert failures == []
    assert [a.text if a.text in texts else a.title for a in articles] == texts
    assert all(a.origin.startswith("<stdin>") for a in articles)


def test_text_only_stdin(monkeypatch, read):
    monkeypatch.setattr(sys, "stdin", io.StringIO(STORY))
    (article,), _ = read("-")
    assert article.text == STORY
    assert article.id == content_hash(STORY)[:16]


def test_markdown_front_matter_gives_metadata_and_is_furniture(tmp_path, read):
    text = (
        "---\n"
        'title: "Dockers strike: day two"\n'
        "date: 2022-06-14\n"
        "author: Sam Ortiz\n"
        "---\n"
        "Dock workers stayed out for a second day on Wednesday.\n"
    )
    (tmp_path / "post.md").write_text(text, encoding="utf-8")
    (article,), failures = read(tmp_path / "post.md")
    assert failures == []
    assert article.text == text
    assert (article.title, article.published, article.author) == (
        "Dockers strike: day two",
        dt.date(2022, 6, 14),
        "Sam Ortiz",
    )
    (span,) = article.furniture
    assert (span.start, span.text) == (0, text[: text.index("Dock workers")].rstrip("\n"))
    assert not article.in_furniture(text.index("Dock workers"), len(text))


def test_field_map_from_the_config_file(tmp_path):
    from tidings.config import load_settings
    from tidings.sources import read_sources

    config = tmp_path / "tidings.toml"
    config.write_text('[tidings.fields]\ntext = "body"\npublished = "date"\n', encoding="utf-8")
    path = _jsonl(tmp_path / "c.jsonl", [{"body": "Envoys met.", "date": "2020-02-02"}])
    (article,) = read_sources([path], load_settings(config))
    assert (article.text, article.published) == ("Envoys met.", dt.date(2020, 2, 2))
