"""`python -m rmp_desktop` is the same program as `rmp-desktop`."""

import sys

from rmp_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
