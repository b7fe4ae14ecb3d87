"""``python -m belscript`` runs the command line."""

from belscript.cli.main import main

raise SystemExit(main())
