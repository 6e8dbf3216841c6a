"""The package's version, in the bottom layer so every layer (reporters, the cache key) can read it."""

__version__ = "0.1.0"
