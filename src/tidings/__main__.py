"""``python -m tidings`` runs the CLI."""

from tidings.interfaces.cli import main

main()
