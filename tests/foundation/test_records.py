import datetime as dt

from tidings.records import (
    Actor,
    Article,
    Event,
    Extraction,
    Quote,
    SentenceSpan,
    Span,
    Speaker,
    TimeExpression,
)


def test_extraction_round_trips_through_json() -> None:
    text = 'Trump said: "We will meet." Kim agreed.'
    kim = Actor("Kim Jong Un", "PRK", "GOV", "Kim", 28, 31)
    ex = Extraction(
        article=Article(id="a1", text=text, published=dt.date(2018, 5, 24)),
        quotes=[
            Quote(
                "We will meet.",
                13,
                26,
                "direct",
                Span("said", 6, 10),
                Speaker("Donald Trump", "Trump", 0, 5, "president", None, None),
            )
        ],
        events=[
            Event(
                type="AGREE",
                mode=None,
                context=[],
                actor=[kim],
                recipient=[],
                date="2018-05-24",
                date_text=None,
                place=None,
                negated=False,
                modality="asserted",
                trigger=Span("agreed", 32, 38),
                sentence=SentenceSpan(28, 39),
                cameo="030",
                goldstein=4.0,
                quad=1,
                confidence=0.9,
            )
        ],
        times=[TimeExpression("Thursday", 0, 8, "DATE", "2018-05-24")],
    )
    data = ex.to_json()
    assert data["published"] == "2018-05-24"
    assert data["quotes"][0]["speaker"]["name"] == "Donald Trump"
    back = Extraction.from_json(data)
    assert back.article.published == dt.date(2018, 5, 24)
    assert back.events[0].actor[0] == kim
    assert back.quotes[0].cue == Span("said", 6, 10)
    assert back.to_json() == data


def test_content_hash_depends_only_on_text() -> None:
    a = Article(id="x", text="Same text.", title="one")
    b = Article(id="y", text="Same text.", title="two")
    assert a.content_hash == b.content_hash
    assert a.content_hash != Article(id="x", text="Other text.").content_hash


def test_furniture_overlap() -> None:
    a = Article(id="x", text="Body.\nView Comments", furniture=[Span("View Comments", 6, 19)])
    assert a.in_furniture(8, 10)
    assert not a.in_furniture(0, 5)
