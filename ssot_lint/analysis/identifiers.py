"""Identifiers as Python reads them: NFKC-normalised (PEP 3131).

`from pkg.ｏｌｄ import Thing` (fullwidth letters) imports `pkg.old`: the parser normalises every
identifier before the import system or a namespace sees it. LibCST keeps the spelling, so the
parsed tree's names are normalised here, once, before any check reads them; strings are not
(`importlib.import_module("pkg.ｏｌｄ")` does not normalise). ASCII files, and files whose text is
already in NFKC form, are never touched; `fix` writes the file's own spelling back wherever it
does not rewrite (see `fix.keep`).
"""

from __future__ import annotations

import unicodedata

import libcst as cst

from ..lines import declared_encoding

__all__ = ["as_read", "normalize"]


def as_read(source: bytes) -> bytes | None:
    """`source` as UTF-8 in NFKC form (identifiers spelled as Python reads them; strings and
    comments too, which can only add needle matches), or None when the raw bytes already are
    that text, or it cannot be decoded (the parser reports it)."""
    if source.isascii():
        return None
    try:
        encoding = declared_encoding(source)
        text = source.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return None
    if encoding in ("utf-8", "utf-8-sig") and unicodedata.is_normalized("NFKC", text):
        return None
    return unicodedata.normalize("NFKC", text).encode("utf-8", "surrogatepass")


class _Normalize(cst.CSTTransformer):
    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        value = unicodedata.normalize("NFKC", updated_node.value)
        return updated_node if value == updated_node.value else updated_node.with_changes(value=value)


def normalize(module: cst.Module, source: bytes) -> cst.Module:
    """`module` (parsed from `source`) with every name in NFKC form; itself when none changes."""
    if source.isascii() or unicodedata.is_normalized("NFKC", source.decode(module.encoding, "replace")):
        return module
    return module.visit(_Normalize())
