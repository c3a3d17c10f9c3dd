"""Publication dates from metadata, and page furniture marked (never cut) in the text."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tidings.sources.dates import parse_date
from tidings.sources.furniture import find_furniture, is_furniture

D = dt.date(2018, 5, 24)


@pytest.mark.parametrize(
    "value",
    [
        "2018-05-24",
        "2018-05-24T23:30:00-04:00",  # the date as written, not shifted to UTC
        "2018-05-24 08:00:00",
        "2018/05/24",
        "20180524",
        "May 24, 2018",
        "24 May 2018",
        "Thursday, May 24, 2018",
        "May 24, 2018 10:12 AM ET",
        "Thu, 24 May 2018 10:00:00 GMT",
        "Published: 24 May 2018",
        "Updated 24 May 2018, 09:30",
        "24.05.2018",
        20180524,
        1527163200,  # Unix seconds
        1527163200000,  # Unix milliseconds
        dt.datetime(2018, 5, 24, 12, 0),
        D,
    ],
)
def test_publication_date_formats(value):
    assert parse_date(value) == D


@pytest.mark.parametrize(
    "value",
    ["", "yesterday", "last week", "May 2018", "banana", "2018-13-45", 2018, 0, None, [], True],
)
def test_no_definite_date(value):
    assert parse_date(value) is None


def test_unreadable_record_date_warns_and_falls_back(tmp_path, read):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": "A story.", "published": "soon"}) + "\n", encoding="utf-8")
    (article,), _ = read(path, published=D)
    assert article.published == D
    assert article.warnings == ["unrecognised publication date 'soon'"]


def test_seed_article_furniture_is_marked_and_text_kept_exactly(shared, seed_text, tmp_path, read):
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_text.encode("utf-8"))
    (article,), failures = read(path)
    assert failures == []
    assert article.text == seed_text
    for line in ("Open Image Modal", "Before You Go", "View Comments"):
        start = seed_text.rindex(line)
        assert article.in_furniture(start, start + len(line)), line
        assert any(f.start <= start and start + len(line) <= f.end for f in article.furniture)
    for span in article.furniture:
        assert article.text[span.start : span.end] == span.text
    # Only those closing lines: the story (its repeated pull quote too) is not furniture.
    assert all(f.start >= seed_text.rindex("Open Image Modal") for f in article.furniture)


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "ADVERTISEMENT - CONTINUE READING BELOW",
        "Open Image Modal",
        "View Comments (12)",
        "Before You Go",
        "Share this article",
        "Share on Facebook",
        "Subscribe to the Morning Digest newsletter",
        "Sign up for daily alerts",
        "Follow us on Instagram",
        "Follow Dana Reyes on Twitter @dreyes",
        "Read more: Port workers vote to strike",
        "READ MORE:",
        "Related: What the quota deal means",
        "Click here to get our app",
        "Photo: Sam Lee/Getty Images",
        "Photograph: Ann Ng/AFP via Getty Images",
        "The harbour at dawn on Tuesday. (AP Photo/Kim Doe)",
        "Fishing boats at the quay (Reuters/Lea Park)",
        "We use cookies to improve your experience. By continuing to use this site you agree.",
        "Accept all cookies",
        "Copyright © 2021 The Coastal Ledger. All rights reserved.",
        "Additional reporting by Omar Haddad",
        "This article was originally published on the Ledger.",
    ],
)
def test_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "“Subscribe to our values or leave,” the minister said.",
        "Sign up for the draft was low, officials said.",
        "Follow the money, the prosecutor told the court.",
        "However, most voters back the plan, according to a Reuters/Ipsos poll.",
        "The minister said the talks would resume on Monday.",
        "“Dangerous times ahead.”",
        "Share prices fell sharply after the announcement on Tuesday.",
    ],
)
def test_article_lines_are_not_furniture(line):
    assert not is_furniture(line)


def test_spans_cover_the_line_without_its_indentation():
    text = "The vote was close.\n   Advertisement  \r\nIt passed.\n"
    (span,) = find_furniture(text)
    assert (span.text, text[span.start : span.end]) == ("Advertisement", "Advertisement")
