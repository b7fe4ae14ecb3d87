"""Reading any YAML or JSON document safely, with positions: the safe YAML reader
(``yamlsafe``), where each key and value sits (``source``), compiler-style diagnostics
(``diagnostics``), pydantic errors as diagnostics (``pydantic_errors``) and which kind
of document a file is (``kind``). Below everything that loads files; knows no format.
"""
