"""The store's errors, all under :class:`belscript.errors.BelscriptError`.

Messages are Dutch and never contain a connection string or password: they name the
server as ``host:port/database`` at most (see :func:`belscript.store.settings.redact`).
"""

from __future__ import annotations

from belscript.errors import BelscriptError


class StoreError(BelscriptError):
    """The store could not be opened, migrated, read or written."""

    exit_code = 2


class StoreUnavailable(StoreError):
    """The shared database cannot be reached right now (network, server down)."""


class StoreRefused(StoreError):
    """A request the store refuses on purpose: a negative payment, an unknown invoice."""

    exit_code = 1
