"""Page furniture: whole lines of a scraped page that are not article text.

Buttons and labels ("View Comments", "Advertisement"), calls to share, subscribe or
follow, "Read more:" links, photo credits and captions ending in one, cookie notices and
sign-offs. They are marked as spans, never cut, so offsets keep indexing the text as read.
Repeated pull quotes are article text and are left alone.
"""

from __future__ import annotations

import re

from tidings.records import Span

_LINE = re.compile(r"[^\r\n]+")
_SOCIAL = r"(?:facebook|twitter|x|instagram|whatsapp|linkedin|reddit|pinterest|tiktok|youtube|telegram|messenger|flipboard|threads|bluesky|mastodon|snapchat|e-?mail)"  # noqa: E501
_AGENCY = r"(?:getty images|afp|ap|reuters|associated press|epa|epa-efe|shutterstock|alamy|bloomberg|anadolu agency|sipa|xinhua|nurphoto|pool|corbis|rex features|press association|pa|dpa|tass|sputnik)"  # noqa: E501

# A whole line that is a button or label (a count and trailing punctuation allowed).
_LABEL = re.compile(
    r"(?:"
    r"advertisements?(?:\s*[-–—·|:]\s*(?:continue reading below|scroll to continue(?: with content)?|story continues below))?"  # noqa: E501
    r"|ad|sponsored(?: content| post| links?)?|paid (?:content|post|partner content)|promoted(?: content)?"  # noqa: E501
    r"|skip (?:to )?(?:main )?(?:content|navigation)|skip ad(?:vert(?:isement)?)?"
    r"|(?:open|close) image modal|(?:expand|enlarge|view) (?:this )?(?:image|photo|gallery|slideshow)"  # noqa: E501
    r"|(?:view|show|hide|load|read|see|post|add|leave|join)(?: all| a| the)?(?: \d+)? comments?"
    r"|\d* ?comments?|conversation|before you go"
    r"|(?:continue|keep) reading(?: the main story| below)?"
    r"|(?:story|article) continues (?:below|after)(?: (?:this )?advertisement)?"
    r"|scroll (?:down )?to continue(?: (?:with content|reading))?"
    r"|(?:share|tweet|e-?mail|print|save|copy link|pin it|send)(?: this)?(?: (?:article|story|post|page|link|video))?"  # noqa: E501
    rf"|(?:share|post) (?:on|via|to|with) {_SOCIAL}|{_SOCIAL}(?: share)?|copy(?: the)? link(?: to clipboard)?"  # noqa: E501
    r"|related(?: (?:articles?|stories|content|coverage|topics|links|reading|posts|videos))?"
    r"|more (?:on this (?:story|topic)|stories|news|videos|articles|from (?:us|this author|our partners))"  # noqa: E501
    r"|(?:most )?(?:popular|read|viewed|shared|watched)(?: (?:now|today|stories|articles))?"
    r"|trending(?: now| stories| topics)?|recommended(?: for you| stories| videos)?|top stories"
    r"|latest(?: news| stories| videos)?|you (?:may|might) also (?:like|be interested in)"
    r"|(?:listen|watch)(?: to)?(?: this)?(?: (?:article|story|video|audio|now|live))?"
    r"|back to top|(?:sign|log) (?:in|out|up)|register|subscribe(?: now| today)?|newsletters?|menu|search|home"  # noqa: E501
    r"|(?:image|photo|picture|video)(?: \d+ of \d+)?|\d+ of \d+|image source|image caption|media caption"  # noqa: E501
    r"|media playback is (?:not supported|unsupported) on your device"
    r"|suggest a correction|report an? (?:error|issue|typo|correction)|all rights reserved"
    r"|privacy policy|terms of (?:use|service)|cookie (?:policy|settings|preferences)|close|×"
    rf"|{_AGENCY}(?: via getty images)?"
    r")(?:\s*\(\d[\d,]*\))?[\s.:!?›»>|–—-]*",
    re.I,
)

# Short calls to action at the start of a line.
_CALL = re.compile(
    r"(?:share|tweet|e-?mail|send) (?:this|the) (?:article|story|post|page|link|video)\b"
    r"|(?:subscribe|sign up|signup|register) (?:to|for|here|now|today)\b"
    r"|(?:subscribe|sign up|signup)\s*[:›»>|–—-]"
    rf"|follow (?:us|@\w+)\b|follow\b.{{1,60}}\bon {_SOCIAL}\b|(?:like|find|join) us on {_SOCIAL}\b"
    r"|(?:read|see|watch|listen)(?: (?:more|also|next|the full (?:story|article|report|interview)))?\s*[:›»>|–—]"  # noqa: E501
    r"|read more\b|related(?: (?:coverage|content|stories|articles?|reading|links?))?\s*[:›»>|–—]"
    r"|click (?:here|to|on|the)\b|(?:tap|swipe) (?:here|to)\b"
    r"|(?:download|get) (?:the|our) (?:free )?(?:\w+ )?app\b"
    r"|(?:this|the) (?:article|story|piece) (?:was|has been|is) (?:originally |first )?(?:published|posted|updated|corrected|amended)\b"  # noqa: E501
    r"|originally published\b|have a (?:news )?tip\b"
    r"|(?:additional |contributing )?(?:reporting|writing|editing) by\b"
    r"|(?:©|\(c\)|copyright\b)",
    re.I,
)
_CALL_MAX_WORDS = 25

# Photo credits: a whole credit line, or a caption that ends with one.
_CREDIT_LINE = re.compile(
    r"(?:photo(?:graph)?s?|pictures?|images?|video|graphic|(?:photo )?illustration|credits?)"
    r"(?: credit| copyright| source)?\s*[:|]\s*\S.*"
    r"|(?:image|photo) (?:copyright|source)\b.*",
    re.I,
)
_CREDIT_END = re.compile(
    r"(?:\((?:ap |afp |reuters |epa )?photo(?:graph)?(?: by|:)?\s*[^()]{1,120}\)"
    rf"|/\s*{_AGENCY}\)?|\bvia getty images\)?|\({_AGENCY}/[^()]{{1,60}}\)"
    r"|(?-i:\b(?:REUTERS|AFP|EPA|AP)/[\w .'-]{1,60}))"
    r"\s*\.?$",
    re.I,
)
_CAPTION_MAX_WORDS = 80
_CREDIT_TAIL = 200  # credits are short: searching a line's end is enough, and much faster

_COOKIE = re.compile(
    r"\b(?:we|this (?:web)?site|our (?:web)?site|this page)(?: and our partners)? (?:use|uses|are using) cookies\b"  # noqa: E501
    r"|\baccept (?:all )?cookies\b|\bcookie (?:policy|settings|preferences|consent|notice)\b"
    r"|\bby (?:continuing to (?:use|browse)|using) (?:this|our) (?:site|website)\b"
    r"|\bmanage (?:your )?(?:cookie|privacy) (?:settings|preferences|choices)\b",
    re.I,
)
_NOTICE_MAX_WORDS = 80
_NOTICE_WORDS = ("cookie", "continuing to", "by using")
# Quoted or reported speech is article text, whatever words it starts with.
_SPEECH = re.compile(r"[\"“”„«»]|\b(?:said|says|told|according to)\b", re.I)
_MAX_LINE_CHARS = 600


def is_furniture(line: str) -> bool:
    """Whether one stripped line of text is page furniture."""
    if len(line) > _MAX_LINE_CHARS:
        return False
    words = len(line.split())
    if _LABEL.fullmatch(line) or (_CREDIT_LINE.fullmatch(line) and words <= _CALL_MAX_WORDS):
        return True
    if words <= _CALL_MAX_WORDS and _CALL.match(line) and not _SPEECH.search(line):
        return True
    if words <= _CAPTION_MAX_WORDS and _credit_at_end(line[-_CREDIT_TAIL:]):
        return True
    if words > _NOTICE_MAX_WORDS:
        return False
    lower = line.lower()
    return any(w in lower for w in _NOTICE_WORDS) and bool(_COOKIE.search(line))


def _credit_at_end(tail: str) -> bool:
    # Every credit form ends in ")" or holds a "/" or "Getty": a cheap test spares the regex.
    if not (tail.rstrip(" .").endswith(")") or "/" in tail or "getty" in tail.lower()):
        return False
    return bool(_CREDIT_END.search(tail))


def find_furniture(text: str) -> list[Span]:
    """Spans of the furniture lines in ``text`` (each without its surrounding whitespace)."""
    spans: list[Span] = []
    for m in _LINE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if stripped and is_furniture(stripped):
            start = m.start() + len(line) - len(line.lstrip())
            spans.append(Span(stripped, start, start + len(stripped)))
    return spans
