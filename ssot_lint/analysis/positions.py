"""Line/column ranges of CST nodes, by generating code once with position tracking.

LibCST's `MetadataWrapper.resolve(PositionProvider)` first walks the whole tree for batchable
providers (there are none here) and only then generates code: the walk alone cost 60% of the
time. We run the provider's own code generation directly; if a LibCST release moves these
internals, we fall back to the public API.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import cast

import libcst as cst
from libcst._position import CodeRange
from libcst.metadata import MetadataWrapper, PositionProvider

__all__ = ["code_ranges"]


class _Enough(Exception):
    """Raised by the codegen once every wanted node has its final range."""


@functools.lru_cache(maxsize=1)
def _stopping_state(base: type) -> type:
    class StoppingState(base):  # type: ignore[misc]  # a base known only at run time
        """Stops code generation after the last wanted node: a report in the first lines of a
        500-line function needs only those lines generated."""

        remaining: set[int]

        def after_codegen(self, node: cst.CSTNode) -> None:
            super().after_codegen(node)
            if id(node) in self.remaining:
                self.remaining.discard(id(node))
                if not self.remaining:
                    self.stopped = True
                    raise _Enough

    return StoppingState


def code_ranges(module: cst.Module, wanted: Iterable[cst.CSTNode] = ()) -> dict[cst.CSTNode, CodeRange]:
    """Nodes of `module` -> their CodeRange (1-based lines, 0-based columns): every node, or
    when `wanted` is given, at least those (generation stops once they are all known; a node's
    range is final when its own generation ends)."""
    try:
        from libcst.metadata.position_provider import PositionProvidingCodegenState

        remaining = {id(node) for node in wanted}
        state_type = _stopping_state(PositionProvidingCodegenState) if remaining else PositionProvidingCodegenState
        provider = PositionProvider()
        state = state_type(
            default_indent=module.default_indent,
            default_newline=module.default_newline,
            provider=provider,
        )
        if remaining:
            state.remaining = remaining
        try:
            module._codegen(state)
        except (_Enough, KeyError):
            # unwinding, an enclosing node may look up the range of a child it never finished
            # (a KeyError replacing ours): only ever after the stop
            if not getattr(state, "stopped", False):
                raise
        # what the provider computed is final ranges here (no lazy values: codegen ran)
        return cast("dict[cst.CSTNode, CodeRange]", dict(provider._computed))
    except (ImportError, AttributeError, TypeError):
        resolved: dict[cst.CSTNode, CodeRange] = dict(MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider))
        return resolved
