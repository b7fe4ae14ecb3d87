"""Refuse an unsupported Python with a message, before anything else is imported.

Written so that every Python from 2.7 on can read it: the scripts import it first,
and only then the helpers that need Python 3.11.
"""

import sys

MINIMUM = (3, 11)


def require_supported_python(script):
    """Exit with status 2 and a clear message when this Python is too old."""
    if sys.version_info[:2] >= MINIMUM:
        return
    found = sys.version.split()[0]
    wanted = "%d.%d" % MINIMUM
    sys.stderr.write(
        "belscript needs Python %s or newer; this is Python %s (%s).\n"
        "Install a newer Python and run it with that one, for example: python%s %s\n"
        % (wanted, found, sys.executable or "python", wanted, script)
    )
    sys.exit(2)
