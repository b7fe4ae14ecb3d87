"""``python -m belscript`` runs the command line, quiet on Ctrl-C from the first moment."""

from belscript.cli.entry import main

raise SystemExit(main())
