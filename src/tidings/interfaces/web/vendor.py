"""JavaScript libraries the dashboard uses, served from their installed Python packages.

Plotly's browser bundle ships inside the ``plotly`` wheel, so the dashboard needs no CDN and
the repository does not carry a 4 MB copy: the bundle is read from the package once per
process and served with a long cache lifetime under a versioned URL.
"""

from __future__ import annotations

import functools

import plotly
from fastapi import APIRouter, Response

router = APIRouter(include_in_schema=False)

PLOTLY_URL = f"/vendor/plotly-{plotly.__version__}.min.js"


@functools.cache
def plotly_js() -> bytes:
    """The minified plotly.js bundle shipped in the plotly wheel."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs().encode("utf-8")


@router.get(PLOTLY_URL)
def plotly_bundle() -> Response:
    return Response(
        plotly_js(),
        media_type="text/javascript",
        # The URL carries the version, so the file at it never changes.
        headers={"Cache-Control": "public, max-age=31536000, immutable"},
    )
