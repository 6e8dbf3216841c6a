"""ssot-lint: enforce a single-source-of-truth import contract, and migrate a codebase onto it.

The public API (see docs/api.md) is loaded on first use, so `ssot-lint --version` stays fast.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from .version import __version__

__all__ = [
    "ConfigError", "ExitCode", "FileError", "Finding", "FixReport", "Location", "Report", "__version__",
    "check", "check_source", "fix", "fix_source", "load_contract",
]

_LAZY = {
    "check": "api", "check_source": "api", "fix_source": "api", "load_contract": "api",
    "ConfigError": "project.config", "ExitCode": "findings", "FileError": "findings", "Finding": "findings",
    "FixReport": "findings", "Location": "findings", "Report": "findings",
}


class _Package(types.ModuleType):
    """`ssot_lint.fix` stays the API function once the `ssot_lint.fix` subpackage is imported
    (the import system binds a subpackage on its parent: that binding is kept aside)."""

    @property
    def fix(self) -> Any:
        from .api import fix

        return fix

    @fix.setter
    def fix(self, value: Any) -> None:
        self.__dict__["_fix_package"] = value


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'ssot_lint' has no attribute {name!r}")
    import importlib

    module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
    value = getattr(module, "CheckReport" if name == "Report" else name)
    globals()[name] = value
    return value
