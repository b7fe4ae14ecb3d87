"""Reading any YAML or JSON document safely, with positions: the one size-limited UTF-8
reader (``textfile``), the safe YAML reader and the load-then-check shape every loader
shares (``yamlsafe``), where each key and value sits (``source``), compiler-style
diagnostics (``diagnostics``), pydantic errors as diagnostics (``pydantic_errors``) and
which kind of document a file is (``kind``). Below everything that loads files; knows no
format.
"""
