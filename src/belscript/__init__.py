"""belscript: a calm on-screen guide for phoning a customer about an overdue invoice."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("belscript")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

from belscript.errors import BelscriptError  # noqa: E402

__all__ = ["BelscriptError", "__version__"]
