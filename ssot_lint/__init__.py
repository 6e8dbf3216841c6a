"""ssot-lint: enforce a single-source-of-truth import contract, and migrate a codebase onto it."""

__version__ = "0.1.0"

__all__ = ["__version__"]
