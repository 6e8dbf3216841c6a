"""`python -m ssot_lint`."""

from .cli import main

main()
