"""tidings: news in, political event data out — quotes, PLOVER events, actors and dates.

The Python API::

    import tidings
    result = tidings.analyse(text, published="2018-05-24")
    for quote in result.quotes: ...
"""

from tidings.config import Settings, load_settings
from tidings.pipeline import analyse, extract_stream, run
from tidings.records import (
    Actor,
    Article,
    Entity,
    Event,
    Extraction,
    Failure,
    Place,
    Quote,
    Span,
    Speaker,
    TimeExpression,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "Entity",
    "Event",
    "Extraction",
    "Failure",
    "Place",
    "Quote",
    "Settings",
    "Span",
    "Speaker",
    "TimeExpression",
    "__version__",
    "analyse",
    "extract_stream",
    "load_settings",
    "run",
]
