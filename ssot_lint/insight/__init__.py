"""What the code says about the migration: the import graph, reach, `init` proposals, stats."""
