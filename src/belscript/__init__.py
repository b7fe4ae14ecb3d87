"""belscript: a calm on-screen guide for phoning a customer about an overdue invoice."""

#: The one place the version is written; pyproject.toml reads it from here.
__version__ = "0.1.0"

__all__ = ["BelscriptError", "__version__"]


def __getattr__(name: str):
    # Importing the package stays instant (the command's Ctrl-C guard is installed in
    # the very next import), while ``belscript.BelscriptError`` still works.
    if name == "BelscriptError":
        from belscript.errors import BelscriptError

        return BelscriptError
    raise AttributeError(f"module 'belscript' has no attribute {name!r}")
