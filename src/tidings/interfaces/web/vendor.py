"""JavaScript libraries the dashboard uses, vendored at build time: no CDN, no network.

Charts use plotly.js. ``make vendor`` (part of ``make setup``) unpacks the npm package
``plotly.js-basic-dist-min`` (bar and scatter traces, 1.2 MB) into ``static/vendor/``; it
is not committed. Without it the app serves the full bundle (4.8 MB) that ships inside the
``plotly`` wheel, which draws the same charts but takes browsers longer to parse. Either is
read once per process and served with a long cache lifetime under a URL naming the bundle.
"""

from __future__ import annotations

import functools
from pathlib import Path

from fastapi import APIRouter, Response
from plotly.offline import get_plotlyjs, get_plotlyjs_version

router = APIRouter(include_in_schema=False)

BASIC_BUNDLE = Path(__file__).parent / "static" / "vendor" / "plotly-basic.min.js"
PLOTLY_URL = (
    f"/vendor/plotly-{'basic' if BASIC_BUNDLE.is_file() else 'full'}-"
    f"{get_plotlyjs_version()}.min.js"
)


@functools.cache
def plotly_js() -> bytes:
    """The plotly.js bundle: the vendored basic one, else the full one from the wheel."""
    if BASIC_BUNDLE.is_file():
        return BASIC_BUNDLE.read_bytes()
    return get_plotlyjs().encode("utf-8")


@router.get(PLOTLY_URL)
def plotly_bundle() -> Response:
    return Response(
        plotly_js(),
        media_type="text/javascript",
        # The URL names bundle and version, so the file at it never changes.
        headers={"Cache-Control": "public, max-age=31536000, immutable"},
    )
