"""Signing an exported record as a PDF (PAdES) against producing the unsigned PDF.

The full record of tests/fixtures (every step filled, drawn signatures, several pages) is
rendered; then, interleaved in the same process, the render alone against the render plus
what export now adds after it (the audit log's head and the PAdES signature with this
installation's P-256 key, in one incremental update). Target: at most 1.5 times.

    python benchmarks/bench_signing.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rmp_desktop.export.pdf import render_record  # noqa: E402
from rmp_desktop.export.pdf_seal import Anchor, seal  # noqa: E402
from rmp_desktop.export.signing_key import installation_identity  # noqa: E402
from tests.fixtures.full_record import full_record, packs, signatures_for  # noqa: E402

TARGET = 1.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    record, pk = full_record(), packs()
    signatures = signatures_for(record)
    with tempfile.TemporaryDirectory(prefix="rmp-bench-sign-") as folder:
        identity = installation_identity(Path(folder))
        anchor = Anchor(1234, "ab" * 32)

        def unsigned() -> bytes:
            return render_record(record, pk, signatures, final=True)

        def signed() -> bytes:
            return seal(render_record(record, pk, signatures, final=True), anchor, identity)

        for _ in range(3):  # warm both: fonts, pyHanko's first use
            unsigned(), signed()
        times: dict[str, list[float]] = {"unsigned": [], "signed": []}
        for _ in range(args.runs):
            for name, fn in (("unsigned", unsigned), ("signed", signed)):
                start = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - start)
    base, total = statistics.median(times["unsigned"]), statistics.median(times["signed"])
    size = len(unsigned())
    print(f"full record PDF ({size / 1000:.0f} KB), median of {args.runs}, interleaved:")
    print(f"  render only:                 {base * 1000:7.1f} ms")
    print(f"  render + anchor + signature: {total * 1000:7.1f} ms")
    print(f"  ratio: {total / base:.2f} (target at most {TARGET})")
    if os.path.exists("/proc/loadavg"):
        print(f"  load: {open('/proc/loadavg').read().strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
