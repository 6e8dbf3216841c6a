"""Report -> report, after analysis: cache, baseline, self-check, merging CI shards."""
