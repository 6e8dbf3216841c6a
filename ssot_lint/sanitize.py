"""Text that came from the project (file names, source lines, messages quoting them) made safe to print.

A file name or a source line can hold terminal escape sequences (`\\x1b[2J`, `\\x1b]0;title\\x07`,
OSC 8 links), a newline that starts a fake `::error` line in a CI log, bidirectional overrides
that reorder what a reviewer reads, or bytes that are not UTF-8 (Python keeps them as lone
surrogates, which a strict UTF-8 stream refuses). Each such character is shown as a visible
Python-style escape instead; everything else, non-ASCII text included, passes unchanged.
"""

from __future__ import annotations

import re

__all__ = ["json_safe", "printable"]

#: C0 and C1 controls, DEL, bidi marks and overrides, line/paragraph separators, surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
#: what `json.dumps(ensure_ascii=False)` leaves raw of those (it escapes C0 itself): all inside strings.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def _escape(character: str) -> str:
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, keep: str = "") -> str:
    """`text` with every unsafe character (except those in `keep`, e.g. "\\n") escaped."""
    if text.isprintable():
        return text
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _escape(m.group()), text)


def json_safe(encoded: str) -> str:
    """JSON text with lone surrogates written as `\\udcXX` escapes (valid UTF-8 on any stream,
    and Python's `json` reads the original file name back: `os.fsencode` gives its bytes), and
    DEL, C1 controls (`\\x9b` is CSI to a terminal), bidi overrides and line separators escaped
    too: the same strings to a JSON reader, nothing a terminal or a log viewer acts on."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
