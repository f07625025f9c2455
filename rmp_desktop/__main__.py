"""`python -m rmp_desktop` is the same program as `rmp-desktop`."""

import sys

from rmp_desktop.cli import main

if __name__ == "__main__":
    # In the built application a batch export's worker processes start as this program,
    # which must then run the worker rather than open the window.
    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
