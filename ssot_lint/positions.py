"""Line/column ranges of CST nodes, by generating code once with position tracking.

LibCST's `MetadataWrapper.resolve(PositionProvider)` first walks the whole tree for batchable
providers (there are none here) and only then generates code: the walk alone cost 60% of the
time. We run the provider's own code generation directly; if a LibCST release moves these
internals, we fall back to the public API.
"""

from __future__ import annotations

import libcst as cst
from libcst._position import CodeRange
from libcst.metadata import MetadataWrapper, PositionProvider

__all__ = ["code_ranges"]


def code_ranges(module: cst.Module) -> dict[cst.CSTNode, CodeRange]:
    """Every node of `module` -> its CodeRange (1-based lines, 0-based columns)."""
    try:
        from libcst.metadata.position_provider import PositionProvidingCodegenState

        provider = PositionProvider()
        state = PositionProvidingCodegenState(
            default_indent=module.default_indent,
            default_newline=module.default_newline,
            provider=provider,
        )
        module._codegen(state)
        return dict(provider._computed)
    except (ImportError, AttributeError, TypeError):
        return dict(MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider))
