"""The customer file (*dossier*): its model, its Dutch keys and reading it from disk.

Public API:

- :class:`Dossier` and its parts (:class:`Customer`, :class:`Person`, :class:`Caller`,
  :class:`Invoice`, :class:`Reminder`, :class:`Contact`), in :mod:`.model`;
- :func:`template_values` and :func:`fill`: a script's ``{field}`` lines filled from it;
- :mod:`.keys`: the Dutch keys a customer file may use (one alias table), renamed
  before validation so every diagnostic still points at the user's own line;
- :mod:`.loader`: :func:`~belscript.dossier.loader.load_dossier` and
  :func:`~belscript.dossier.loader.check_dossier`, reading and checking a file.

The package sits just above the generic document reading (``belscript.document``) and
below the script format, so scripts, the engine, the store and the imports all share
one customer model.
"""

from belscript.dossier.model import (
    TEMPLATE_FIELDS,
    Caller,
    Contact,
    Customer,
    Dossier,
    Invoice,
    Person,
    Reminder,
    fill,
    template_values,
)

__all__ = ["TEMPLATE_FIELDS", "Caller", "Contact", "Customer", "Dossier", "Invoice", "Person", "Reminder",
           "fill", "template_values"]
