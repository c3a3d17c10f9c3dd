"""Extraction over dask.distributed workers: a LocalCluster, or any scheduler by address.

Batches of articles go to the workers; results come back to this process, which is the
only writer, so storing stays idempotent (content-hash keys) whatever the cluster does.
Workers load the parser and knowledge once each (:func:`tidings.resources.load_resources`
caches per process) and need tidings importable.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator

from dask.distributed import Client, LocalCluster, as_completed

from tidings.config import Settings
from tidings.records import Article, Extraction, Failure

Result = Extraction | Failure


@contextlib.contextmanager
def connect(settings: Settings) -> Iterator[Client]:
    """A client for ``settings.scheduler``, or for a LocalCluster of ``settings.workers``."""
    if settings.scheduler:
        with Client(settings.scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=settings.workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def dask_stream(
    batches: Iterable[tuple[list[Failure], list[Article]]], settings: Settings
) -> Iterator[Result]:
    """Extract each batch on a Dask worker, keeping two batches per worker in flight."""
    from tidings.pipeline import extract_batch

    with connect(settings) as client:
        limit = 2 * max(len(client.scheduler_info().get("workers", {})), 1)
        pending = as_completed()
        in_flight = 0
        for failures, articles in batches:
            yield from failures
            if articles:
                pending.add(client.submit(extract_batch, articles, settings, pure=False))
                in_flight += 1
            while in_flight >= limit:
                yield from next(pending).result()
                in_flight -= 1
        for future in pending:
            yield from future.result()
