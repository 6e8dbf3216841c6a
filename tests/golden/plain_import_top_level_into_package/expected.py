from quux import foo  # [SSOT001]

foo.bar()
