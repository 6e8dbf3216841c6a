"""The rules, in one explicit registry ordered by code."""

from __future__ import annotations

from .base import Check, FileContext, Invalid, Report, node_types, run_checks
from .deprecated_call import DeprecatedCall
from .deprecated_import import DeprecatedImport
from .deprecated_string import DeprecatedStringReference
from .duplicate_definition import DuplicateDefinition
from .factory_only import FactoryOnlyInstantiation

__all__ = ["ALL_CHECKS", "Check", "FileContext", "Invalid", "Report", "node_types", "run_checks"]

ALL_CHECKS: tuple[type[Check], ...] = (
    DeprecatedImport,
    DeprecatedStringReference,
    FactoryOnlyInstantiation,
    DeprecatedCall,
    DuplicateDefinition,
)
