"""The command line: one module per command group, shared options and error rendering; no logic."""
