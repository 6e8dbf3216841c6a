"""`python -m ssot_lint`."""

from .cli.main import main

main()
