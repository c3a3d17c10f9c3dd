"""Run every benchmark once at its default size, one after another (``make bench``).

    python -m bench.run_all            # the figures recorded in docs/benchmarks.md
    python -m bench.run_all --quick    # smaller inputs, for a look

Each script prints its own table; copy the figures with the date and commit into
docs/benchmarks.md. Benchmarks run one at a time: ratios are only meaningful when nothing
else competes for the two cores.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# script, arguments for the full run, arguments for --quick
BENCHES = [
    ("throughput.py", [], ["--limit", "100"]),
    ("times.py", [], ["--limit", "50"]),
    ("actors.py", [], ["--limit", "50"]),
    ("quotes.py", [], ["--limit", "20"]),
    ("events.py", [], ["--limit", "50"]),
    ("store.py", [], ["--events", "100000"]),
    ("web.py", [], ["--articles", "1000"]),
    ("load.py", [], ["--seconds", "10"]),
    ("fuzz.py", [], ["-n", "300", "--no-big"]),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("names", nargs="*", help="only these scripts (e.g. store.py)")
    args = ap.parse_args()
    failed = []
    for script, full, quick in BENCHES:
        if args.names and script not in args.names:
            continue
        print(f"\n== bench/{script}", flush=True)
        module = f"bench.{script.removesuffix('.py')}"
        done = subprocess.run(
            [sys.executable, "-m", module, *(quick if args.quick else full)], cwd=HERE.parent
        )
        if done.returncode:
            failed.append(script)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
