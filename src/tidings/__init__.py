"""tidings: news in, political event data out — quotes, PLOVER events, actors and dates.

The Python API::

    import tidings
    result = tidings.analyse(text, published="2018-05-24")
    for quote in result.quotes: ...

Names are imported on first use, so ``import tidings`` (and ``tidings --help``) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Where each public name lives; the record types not listed here are in tidings.records.
_MODULES = {
    "Settings": "tidings.config",
    "load_settings": "tidings.config",
    "analyse": "tidings.pipeline",
    "extract_stream": "tidings.pipeline",
    "run": "tidings.pipeline",
}

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

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module(_MODULES.get(name, "tidings.records")), name)
    raise AttributeError(f"module 'tidings' has no attribute {name!r}")
