"""``python -m infopass_rules``: see :mod:`infopass_rules.cli`."""

import sys

from infopass_rules.edges.cli import main

sys.exit(main())
