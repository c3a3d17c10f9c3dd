"""Readers: files, directories, gzip and stdin turned into :class:`~tidings.records.Article`.

:func:`read_sources` yields an Article for every readable record and a
:class:`~tidings.records.Failure` for every unreadable one; it never raises on bad input.

Formats, by name and content: plain text and Markdown (``.txt``, ``.md``), HTML (``.html``,
``.htm``; main text by trafilatura), JSON Lines (``.jsonl``), JSON (``.json``), CSV and TSV
(``.csv``, ``.tsv``), each also gzipped (``.gz`` or gzip magic bytes). JSON and CSV fields
are named by ``Settings.fields``. A ``<stem>.meta.json`` file beside a text or HTML file
gives its title, date, source, url, author and id.

Every article read here has its page furniture marked; an Article built elsewhere (from
a pasted or posted text) is built by :func:`text_article`, which marks it the same way.
"""

from tidings.sources.dispatch import count_records, read_sources
from tidings.sources.furniture import find_furniture
from tidings.sources.text import text_article

__all__ = ["count_records", "find_furniture", "read_sources", "text_article"]
