"""Each construction of issue 3 on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tidings.extract.quotes.marks import marked_passages
from tidings.records import Quote

Quotes = Callable[[str], list[Quote]]


def _one(quotes: list[Quote], starting: str) -> Quote:
    found = [q for q in quotes if q.text.startswith(starting)]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def _check_offsets(text: str, quotes: list[Quote]) -> None:
    for q in quotes:
        assert text[q.start : q.end] == q.text
        if q.cue:
            assert text[q.cue.start : q.cue.end] == q.cue.text
        if q.speaker:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.mention


def test_direct_quote_with_inverted_attribution_and_appositive(quotes_of: Quotes) -> None:
    text = (
        "“The bridge will reopen in March,” said Maria Lopez, a spokeswoman for the Ohio "
        "Department of Transportation."
    )
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    q = _one(quotes, "The bridge will reopen")
    assert q.text == "The bridge will reopen in March"
    assert q.kind == "direct"
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker is not None and q.speaker.name == "Maria Lopez"
    assert q.speaker.title == "spokeswoman"
    assert q.speaker.affiliation == "Ohio Department of Transportation"


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("Peter Hansen said: «We are ready for the vote tomorrow.»", "We are ready"),
        ("„We will not give up on this town“, said Anna Berg.", "We will not give up"),
        ('"The numbers are final," said Anna Berg.', "The numbers are final"),
        ("‘The numbers are final,’ said Anna Berg.", "The numbers are final"),
        ("''The numbers are final,'' said Anna Berg.", "The numbers are final"),
    ],
)
def test_any_quote_marks(quotes_of: Quotes, text: str, passage: str) -> None:
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    q = _one(quotes, passage)
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.name in ("Peter Hansen", "Anna Berg")


@pytest.mark.parametrize(
    "text",
    [
        "He said “this never closes. And then",
        "” stray closing marks “ and ‘ everywhere ’ \" ' « „",
        "““Doubled,” he said.” “",
        "“Open\n\n“Still open\n\nand never closed",
        "’tis the season, the Smiths’ house said ”odd“ things",
        "",
        "“",
    ],
)
def test_unbalanced_and_mixed_marks_do_not_crash(quotes_of: Quotes, text: str) -> None:
    marked_passages(text)
    if text.strip():
        _check_offsets(text, quotes_of(text))


def test_quote_continued_across_paragraphs(quotes_of: Quotes) -> None:
    text = (
        "“The first part of the plan is simple: we repair the roads before winter.\n\n"
        "“The second part is harder, because the money runs out in spring,” said Tom Reed."
    )
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    q = _one(quotes, "The first part")
    assert q.text.endswith("money runs out in spring")
    assert q.speaker is not None and q.speaker.name == "Tom Reed"
    assert len(quotes) == 1


def test_quote_split_by_its_attribution(quotes_of: Quotes) -> None:
    text = "Tom Reed spoke last.\n\n“We tried everything,” Reed said, “but the money ran out.”"
    quotes = quotes_of(text)
    first, second = _one(quotes, "We tried"), _one(quotes, "but the money")
    assert first.cue == second.cue and first.cue is not None
    assert first.speaker is not None and second.speaker is not None
    assert first.speaker.name == second.speaker.name == "Tom Reed"


def test_mixed_quote(quotes_of: Quotes) -> None:
    text = "The mayor said the budget was “a disaster for the city” and would be rewritten."
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.kind == "mixed"
    assert "“a disaster for the city”" in q.text and q.text.startswith("the budget")
    assert q.speaker is not None and q.speaker.name == "The mayor"


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        ("Senator Jane Holt said that the bill would pass next week.", "said",
         "Jane Holt", "that the bill would pass next week"),
        ("Jane Holt said the bill would pass next week.", "said", "Jane Holt",
         "the bill would pass next week"),
        ("The finance minister warned that prices would rise sharply.", "warned",
         "The finance minister", "that prices would rise sharply"),
        ("Local farmers argued the new tariff would ruin them.", "argued", "Local farmers",
         "the new tariff would ruin them"),
        ("Hospital staff fear the clinic will close by summer.", "fear", "Hospital staff",
         "the clinic will close by summer"),
        ("Two analysts told HuffPost the deal was dead.", "told", "Two analysts",
         "the deal was dead"),
        ("North Korea announced it would close the test site.", "announced", "North Korea",
         "it would close the test site"),
        ("Jane Holt believes the party can win the state.", "believes", "Jane Holt",
         "the party can win the state"),
        ("Jane Holt wants to run for governor next year.", "wants", "Jane Holt",
         "to run for governor next year"),
    ],
)  # fmt: skip
def test_reported_speech(
    quotes_of: Quotes, text: str, cue: str, speaker: str, content: str
) -> None:
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    assert len(quotes) == 1, [q.text for q in quotes]
    q = quotes[0]
    assert q.kind == "indirect"
    assert q.text == content
    assert q.cue is not None and q.cue.text == cue
    assert q.speaker is not None and q.speaker.name == speaker


def test_according_to(quotes_of: Quotes) -> None:
    text = "According to the Interior Ministry, forty people were arrested in the capital."
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    q = _one(quotes, "forty people")
    assert q.cue is not None and q.cue.text == "According to"
    assert q.speaker is not None and "Interior Ministry" in q.speaker.name


def test_according_without_to(quotes_of: Quotes) -> None:
    # A slip seen in real news; it once stopped the article's extraction (StopIteration).
    text = (
        "And according a spokesman for the mayor, the city will “use every tool it has” to "
        "reopen the bridge."
    )
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    q = _one(quotes, "the city will")
    assert q.kind == "mixed"
    assert q.cue is not None and q.cue.text == "according"
    assert q.speaker is not None and q.speaker.name == "a spokesman for the mayor"


def test_attribution_after_a_quoted_exclamation(quotes_of: Quotes) -> None:
    # The parser ends the sentence at "!”", so the attribution opens the next one.
    text = (
        "Donald Trump praised the announcement on Twitter. “This is very good news for North "
        "Korea and the World - big progress!” he wrote, adding that he looked forward to his "
        "summit with Kim. “Why should we wait?” asked Senator Chris Murphy, a Democrat who sits "
        "on the Foreign Relations Committee."
    )
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    q = _one(quotes, "This is very good news")
    assert q.kind == "direct"
    assert q.cue is not None and q.cue.text == "wrote"
    assert q.speaker is not None and q.speaker.name == "Donald Trump"
    q = _one(quotes, "Why should we wait")
    assert q.cue is not None and q.cue.text == "asked"
    assert q.speaker is not None and q.speaker.name == "Chris Murphy"


def test_a_sentence_after_a_quoted_statement_is_not_its_attribution(quotes_of: Quotes) -> None:
    text = (
        "“It left our coalition partners confused and our fighting partners bewildered,” "
        "McGurk wrote in the paper. “We could not explain it.” Mattis resigned on Thursday, "
        "issuing a letter of resignation that was critical of the president."
    )
    quotes = quotes_of(text)
    q = _one(quotes, "We could not explain")
    assert q.cue is None or q.cue.text != "resigned"


def test_colon_lead_in(quotes_of: Quotes) -> None:
    text = (
        "The talks broke down on Friday.\n\nFrom the minister:\n\n"
        "“We will not negotiate under threat, and we never have.”"
    )
    quotes = quotes_of(text)
    q = _one(quotes, "We will not negotiate")
    assert q.speaker is not None and q.speaker.name == "the minister"
    assert q.cue is not None and q.cue.text == ":"


def test_speaker_said_colon(quotes_of: Quotes) -> None:
    text = "Karen Diaz said:\n\n“Nobody expected the vote to fail so badly.”"
    q = _one(quotes_of(text), "Nobody expected")
    assert q.speaker is not None and q.speaker.name == "Karen Diaz"


def test_dash_attribution(quotes_of: Quotes) -> None:
    text = (
        "“Nobody expected the vote to fail so badly.”\n\n"
        "— Karen Diaz, a political scientist at Rice University"
    )
    q = _one(quotes_of(text), "Nobody expected")
    assert q.speaker is not None and q.speaker.name == "Karen Diaz"
    assert q.speaker.title == "political scientist"
    assert q.speaker.affiliation == "Rice University"


def test_pull_quote_is_one_quote(quotes_of: Quotes) -> None:
    text = (
        "“We will rebuild the school before the next term starts,” said Tom Reed, the city "
        "treasurer.\n\nThe council votes next week.\n\n"
        "“We will rebuild the school before the next term starts.”\n\n- Tom Reed\n\n"
        "Reed said the money would come from the state."
    )
    quotes = quotes_of(text)
    same = [q for q in quotes if q.text.startswith("We will rebuild")]
    assert len(same) == 1
    assert same[0].cue is not None and same[0].speaker is not None
    assert same[0].speaker.name == "Tom Reed"


def test_shortened_pull_quote_is_one_quote(quotes_of: Quotes) -> None:
    text = (
        "“We will rebuild the school before the next term starts, whatever it costs,” said "
        "Tom Reed, the city treasurer.\n\nThe council votes next week.\n\n"
        "“We will rebuild the school before the next term starts.”\n\n"
        "Reed said the money would come from the state."
    )
    quotes = quotes_of(text)
    assert [q.text for q in quotes if "rebuild" in q.text] == [
        "We will rebuild the school before the next term starts, whatever it costs"
    ]


def test_floating_quote_belongs_to_previous_speaker(quotes_of: Quotes) -> None:
    text = (
        "“The plan is sound,” said Tom Reed, the city treasurer.\n\n"
        "“We checked every number twice and the auditors agreed with us.”"
    )
    q = _one(quotes_of(text), "We checked every number")
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.name == "Tom Reed"


def test_pronoun_and_surname_speakers_and_remembered_title(quotes_of: Quotes) -> None:
    text = (
        "Mayor Linda Marsh opened the session on Monday.\n\n"
        "“We will vote on the budget today,” she said.\n\n"
        "The council members disagreed.\n\n"
        "“Nothing changes until the money arrives,” Marsh said."
    )
    quotes = quotes_of(text)
    for start in ("We will vote", "Nothing changes"):
        q = _one(quotes, start)
        assert q.speaker is not None and q.speaker.name == "Linda Marsh"
        assert q.speaker.title == "Mayor"
    assert _one(quotes, "We will vote").speaker.mention == "she"  # type: ignore[union-attr]


def test_organisation_and_country_speakers(quotes_of: Quotes) -> None:
    text = (
        "The White House said the meeting was cancelled.\n\n"
        "North Korea announced it would close the test site."
    )
    quotes = quotes_of(text)
    wh = _one(quotes, "the meeting")
    assert wh.speaker is not None and wh.speaker.name == "White House"
    nk = _one(quotes, "it would close")
    assert nk.speaker is not None and nk.speaker.name == "North Korea"
    assert nk.speaker.actor is not None and nk.speaker.actor.country == "PRK"


def test_anonymous_speaker_kept_with_its_description(quotes_of: Quotes) -> None:
    text = "Jane Holt met the delegation.\n\nA senior official said the talks had stalled."
    q = _one(quotes_of(text), "the talks had stalled")
    assert q.speaker is not None
    assert q.speaker.name == "A senior official"
    assert q.speaker.actor is None


@pytest.mark.parametrize(
    ("text", "name", "title", "affiliation"),
    [
        ("“Rates will stay low,” said Ravi Menon, a professor of economics at the University "
         "of Toronto.", "Ravi Menon", "professor of economics", "University of Toronto"),
        ("Spokesman Mark Ellis said the company would appeal.", "Mark Ellis", "Spokesman", None),
    ],
)  # fmt: skip
def test_title_and_affiliation(
    quotes_of: Quotes, text: str, name: str, title: str, affiliation: str | None
) -> None:
    quotes = quotes_of(text)
    assert len(quotes) == 1
    sp = quotes[0].speaker
    assert sp is not None
    assert (sp.name, sp.title, sp.affiliation) == (name, title, affiliation)


def test_possessive_title_gives_the_country(quotes_of: Quotes) -> None:
    text = "Canada’s trade minister, Ellen Price, said talks would resume."
    (q,) = quotes_of(text)
    sp = q.speaker
    assert sp is not None and sp.name == "Ellen Price" and sp.title == "trade minister"
    assert sp.affiliation == "Canada" or (sp.actor is not None and sp.actor.country == "CAN")


def test_scare_quotes_and_titles_are_not_quotes(quotes_of: Quotes) -> None:
    text = "The so-called “peace dividend” was discussed on “Meet the Press” last week."
    assert quotes_of(text) == []


def test_furniture_is_skipped() -> None:
    from tidings.extract.actors import ArticleActors
    from tidings.extract.quotes import extract_quotes
    from tidings.nlp import parse
    from tidings.records import Article, Span

    text = "“Share this story with your friends today,” said the editor.\n\nView Comments"
    article = Article(id="f", text=text, furniture=[Span(text[:60], 0, 60)])
    assert extract_quotes(parse(text), article, ArticleActors([])) == []


@pytest.mark.parametrize(
    ("text", "cue", "mention", "content"),
    [
        # The model lemmatizes "hopes" as "hop".
        ("Senator Ann Cole hopes to pass the budget before June.", "hopes", "Senator Ann Cole",
         "to pass the budget before June"),
        ("Mayor Tom Reed is confident that the bridge will reopen.", "confident", "Mayor Tom Reed",
         "that the bridge will reopen"),
        ("Clinton leads Trump by four points in the latest Fox News poll.", "in",
         "the latest Fox News poll", "Clinton leads Trump by four points"),
        ("Ann Cole's claim that the tax will fall was wrong.", "claim", "Ann Cole's",
         "that the tax will fall"),
        ("As Ann Cole noted, the deficit has grown every year.", "noted", "Ann Cole",
         "the deficit has grown every year"),
    ],
)  # fmt: skip
def test_indirect_cue_forms(
    quotes_of: Quotes, text: str, cue: str, mention: str, content: str
) -> None:
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    q = _one(quotes, content)
    assert q.kind == "indirect"
    assert q.cue is not None and q.cue.text == cue
    assert q.speaker is not None and q.speaker.mention == mention


def test_an_attribution_may_report_another(quotes_of: Quotes) -> None:
    text = "Tom Reed told reporters he thought the plan was “dead on arrival.”"
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    cues = {q.cue.text for q in quotes if q.cue}
    assert {"told", "thought"} <= cues


def test_source_keeps_its_closing_dash_and_drops_a_reporting_relative_clause(
    quotes_of: Quotes,
) -> None:
    text = (
        "Democrats — and some Republicans — say the deal is weak. Tom Reed, who said last "
        "week that he would vote no, argued that the bill costs too much."
    )
    quotes = quotes_of(text)
    mentions = {q.cue.text: q.speaker.mention for q in quotes if q.cue and q.speaker}
    assert mentions["say"] == "Democrats — and some Republicans —"
    assert mentions["argued"] == "Tom Reed"


def test_a_condition_before_the_cue_is_not_what_is_said(quotes_of: Quotes) -> None:
    text = "If the talks fail, Tom Reed said he will have the votes to block the bill."
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    q = _one(quotes, "he will have the votes")
    assert q.cue is not None and q.cue.text == "said"


@pytest.mark.parametrize(
    "text",
    [
        "Ann Cole is expected to win the primary in March.",
        "Ohio, a state seen as critical for both parties, votes in March.",
        "The first Tuesday in March, known as Super Tuesday, decides many races.",
    ],
)
def test_a_passive_participle_without_agent_attributes_nothing(
    quotes_of: Quotes, text: str
) -> None:
    quotes = quotes_of(text)
    assert not [q for q in quotes if q.cue and q.cue.text in ("expected", "seen", "known")]


def test_speak_reports_only_what_it_is_about(quotes_of: Quotes) -> None:
    text = (
        "Tom Reed spoke to reporters on the condition of anonymity. Later, Ann Cole spoke "
        "about the new tax on imported steel."
    )
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    assert [q.speaker.mention for q in quotes if q.speaker] == ["Ann Cole"]


def test_a_single_name_may_be_what_is_endorsed(quotes_of: Quotes) -> None:
    text = "The steelworkers' union endorsed Clinton on Tuesday after a long debate."
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    q = _one(quotes, "Clinton")
    assert q.cue is not None and q.cue.text == "endorsed"


def test_a_passage_goes_to_the_cue_that_reports_it(quotes_of: Quotes) -> None:
    text = (
        "Ann Cole celebrated in Ohio, declaring it “another great night for our campaign” "
        "and said the race was over."
    )
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    q = _one(quotes, "another great night")
    assert q.cue is not None and q.cue.text == "declaring"


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Tom Reed and Ann Cole both argued that the tax was too high.", "Tom Reed and Ann Cole"),
        ("The state auditors on Wednesday said that the tax was too high.", "The state auditors"),
    ],
)
def test_a_source_ends_before_floating_quantifiers_and_times(
    quotes_of: Quotes, text: str, mention: str
) -> None:
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    q = _one(quotes, "that the tax")
    assert q.speaker is not None and q.speaker.mention == mention


def test_a_contrasting_clause_with_its_own_speaker_is_another_attribution(
    quotes_of: Quotes,
) -> None:
    text = (
        "Among union members, 60 percent said they would vote for the deal, while 30 percent "
        "said they would reject it."
    )
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    first = _one(quotes, "they would vote")
    assert first.text == "they would vote for the deal"
    second = _one(quotes, "they would reject")
    assert second.speaker is not None and second.speaker.mention == "30 percent"


def test_a_pronoun_may_own_a_noun_cue(quotes_of: Quotes) -> None:
    text = "Tom Reed spoke in Ohio. His claim that the tax would fall was disputed by economists."
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    q = _one(quotes, "that the tax would fall")
    assert q.cue is not None and q.cue.text == "claim"
    assert q.speaker is not None and q.speaker.mention == "His"


def test_interview_turns_are_not_colon_attributions(quotes_of: Quotes) -> None:
    text = "Q: Do you think the tax will pass this year?\n\nA: I believe it will pass in March."
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    assert not [q for q in quotes if q.cue and q.cue.text == ":"]
    q = _one(quotes, "it will pass")
    assert q.speaker is not None and q.speaker.mention == "I"


def test_a_speaking_participle_under_a_root_preposition_ends() -> None:
    # The parser sometimes makes a preposition the root, whose head is itself: climbing
    # from the noun to its verb must stop there ("About voters saying no").
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from tidings.extract.quotes import _subject

    doc = Doc(
        Vocab(),
        words=["About", "voters", "saying", "no"],
        heads=[0, 0, 1, 2],
        deps=["ROOT", "pobj", "acl", "dobj"],
        pos=["ADP", "NOUN", "VERB", "DET"],
    )
    speaker = _subject(doc[2])
    assert speaker is not None and speaker.i == 1


def test_a_reopened_quote_joins_only_the_paragraph_just_before() -> None:
    # The first paragraph's closing mark was lost: the quote that opens two paragraphs
    # later is a passage of its own, not the continuation of that one.
    text = '"We will win the state.\n\nThe mayor spoke later.\n\n"The vote is close," she said.'
    passages = [text[p.start : p.end] for p in marked_passages(text)]
    assert passages[-1] == '"The vote is close,"'
    joined = '"We will win.\n\n"And we will govern," she said.'
    (only,) = marked_passages(joined)
    assert joined[only.start : only.end].startswith('"We will win.')


def test_a_that_clause_is_reported_by_any_verb_but_not_a_raising_one(quotes_of: Quotes) -> None:
    text = "Tom Reed conceded that the tax was too high. It seems that the tax was too high."
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    q = _one(quotes, "that the tax")
    assert q.speaker is not None and q.speaker.mention == "Tom Reed"


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Among voters, 42% said that the tax was too high.", "42%"),
        (
            "Three economists -- Tom Reed and Ann Cole among them -- argued that the tax was "
            "too high.",
            "Three economists -- Tom Reed and Ann Cole among them --",
        ),
        (
            "The mayor of Dayton, who said he would vote no, argued that the tax was too high.",
            "The mayor of Dayton",
        ),
    ],
)
def test_source_boundaries(quotes_of: Quotes, text: str, mention: str) -> None:
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    q = _one(quotes, "that the tax")
    assert q.speaker is not None and q.speaker.mention == mention


def test_a_passage_inside_a_reported_wish_is_the_statement_of_the_one_who_says_it(
    quotes_of: Quotes,
) -> None:
    text = 'Tom Reed said he wants "a complete review of the tax" before the vote.'
    quotes = quotes_of(text)
    _check_offsets(text, quotes)
    q = _one(quotes, "he wants")
    assert q.kind == "mixed"
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker is not None and q.speaker.mention == "Tom Reed"
