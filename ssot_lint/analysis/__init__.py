"""Bytes -> findings, pure: prefilter, sparse parse, scope, positions, suppression, notebooks."""
