"""Running the analysis over files: the per-file worker and the executor (serial | pool)."""
