"""``python -m infopass_rules``: see :mod:`infopass_rules.cli`."""

import sys

from .cli import main

sys.exit(main())
