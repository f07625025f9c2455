"""`python -m rmp_desktop` is the same program as `rmp-desktop`."""

import sys

from rmp_desktop.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # the built application: a batch export's worker
        import multiprocessing       # processes start as this program, and must not open it

        multiprocessing.freeze_support()
    sys.exit(main())
