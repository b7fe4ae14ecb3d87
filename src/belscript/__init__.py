"""belscript: a calm on-screen guide for phoning a customer about an overdue invoice."""

#: The one place the version is written; pyproject.toml reads it from here.
__version__ = "0.1.0"

from belscript.errors import BelscriptError  # noqa: E402

__all__ = ["BelscriptError", "__version__"]
