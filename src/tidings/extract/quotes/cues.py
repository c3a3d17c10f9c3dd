"""Verbs that attribute speech, thought or intention to someone (by lemma)."""

from __future__ import annotations

from spacy.tokens import Token

# Verbs whose clausal complement is what the subject said, wrote, thinks or wants.
SPEECH = {
    "say", "tell", "add", "warn", "argue", "announce", "claim", "note", "write", "tweet",
    "explain", "insist", "state", "declare", "report", "suggest", "acknowledge", "admit",
    "deny", "confirm", "recall", "complain", "ask", "urge", "respond", "reply", "answer",
    "contend", "assert", "maintain", "allege", "charge", "conclude", "estimate", "reveal",
    "stress", "emphasize", "observe", "remark", "comment", "concede", "agree", "caution",
    "boast", "brag", "quip", "joke", "lament", "pledge", "promise", "vow", "threaten",
    "predict", "propose", "recommend", "demand", "mention", "signal", "hint", "post",
    "testify", "indicate", "show", "find", "point", "continue", "counter", "retort",
    "whisper", "shout", "yell", "scream", "muse", "speculate", "assure", "inform", "remind",
    "tout", "proclaim", "concur", "posit", "opine", "advise", "guarantee", "swear",
}  # fmt: skip
THOUGHT = {
    "believe", "think", "fear", "worry", "feel", "hope", "expect", "doubt", "suspect",
    "assume", "wonder", "know", "realize", "understand", "consider", "decide", "figure",
    "reckon", "imagine", "guess", "recognize", "acknowledge",
}  # fmt: skip
# Cues only with a clause: "maintained that …", but not "maintains a lead", "continues
# the tour", "advised the campaign".
CLAUSE_ONLY = {"continue", "maintain", "figure", "advise", "assume", "imagine"}
# Verbs whose infinitive complement ("wants to …") is the attributed intention.
INTENT_LEMMAS = {
    "want", "plan", "hope", "expect", "promise", "vow", "threaten", "refuse",
    "decline", "agree", "pledge", "seek", "aim", "wish", "urge", "ask",
}  # fmt: skip
# Verbs whose object says what the subject thinks or says of it ("called the deal
# “a disaster”", "endorsed Clinton", "described him as a liar").
OBJECT_LEMMAS = {
    "call", "describe", "endorse", "criticize", "support", "accuse", "praise", "defend",
    "oppose", "cite", "blame", "reject", "dismiss", "question", "propose", "back", "attack",
    "condemn", "refer", "slam", "blast", "mock", "welcome", "applaud", "label", "brand",
    "deride", "denounce", "decry", "hail", "laud", "chant", "dub", "characterize", "tout",
    "bemoan", "lament", "ridicule", "scold", "chastise", "rebuke", "fault", "credit",
    "thank", "congratulate", "compare", "predict", "recommend", "express", "acknowledge",
    "see", "view", "talk", "discuss", "reiterate", "name", "offer", "learn", "voice", "ask",
    "favor", "prefer", "portray", "liken", "deem", "assail", "invoke", "reference",
    "embrace", "dislike", "highlight", "echo", "repeat", "dispute", "reaffirm", "articulate",
    "envision", "disclose", "retweet", "publish", "release", "issue", "speak", "rail",
    "imply", "forecast", "disagree", "clarify", "rule", "lash", "balk", "vote", "encourage",
    "push", "focus", "sign", "order", "remember", "accept", "ignore", "challenge", "share",
    "list", "identify", "quote", "plead", "outline", "chide", "interject", "distance",
    "recount", "allude", "side", "email", "promote", "lay", "cast", "apologize",
    "underscore", "contrast", "resist", "paint", "detail",
}  # fmt: skip
CUE_LEMMAS = SPEECH | THOUGHT | INTENT_LEMMAS | OBJECT_LEMMAS
# Predicative adjectives that attribute a stance: "X is confident that …", "eager to …",
# "skeptical of …".
ADJ_CUES = {
    "confident", "aware", "skeptical", "worried", "eager", "concerned", "sure",
    "optimistic", "pessimistic", "critical", "supportive", "hopeful", "adamant", "doubtful",
    "reluctant", "wary", "convinced",
}  # fmt: skip
# Nouns that report what their possessor said, thinks or backs: "Trump's claim that …".
# Not "plan", "proposal", "comment" or "remark": "Obama's plan to admit refugees" and "his
# remarks about women" name an action or a topic far more often than a reported claim; nor
# "support", "attack", "criticism", "opposition", "position", "stance", "idea", "message",
# "hope", "argument", "accusation", "prediction", "description": "his support among women",
# "her attacks on Trump" (under a third of them marked a source on PolNeAR train).
NOUN_CUES = {
    "claim", "statement", "call", "belief", "view", "assertion", "warning", "promise",
    "pledge", "suggestion", "allegation", "announcement", "endorsement", "praise", "demand",
    "fear", "concern", "insistence", "denial", "admission", "threat", "vow", "request",
    "contention", "assessment", "characterization", "defense", "rejection", "dismissal",
    "complaint", "insinuation", "opinion",
}  # fmt: skip
# What reports what the people asked think: "Clinton leads in the latest poll".
POLLS = {"poll", "survey"}
# What someone issues that then "says" something: its issuer is the speaker.
MESSAGE_NOUNS = {
    "statement", "speech", "letter", "ad", "advertisement", "tweet", "release", "report",
    "memo", "interview", "email", "post", "video", "message", "note", "op-ed", "column",
    "editorial", "press", "remark", "comment", "filing", "brief", "lawsuit", "complaint",
}  # fmt: skip

# Forms en_core_web_md's lemmatizer gets wrong for a cue ("hopes" → "hop").
_LEMMA_FIXES = {"hopes": "hope", "hoped": "hope", "hoping": "hope", "retweeted": "retweet"}
MISLEMMATIZED = frozenset(_LEMMA_FIXES)


def lemma(tok: Token) -> str:
    """The lower-case lemma of ``tok``, corrected where the model's lemmatizer errs."""
    return _LEMMA_FIXES.get(tok.lower_) or tok.lemma_.lower()
