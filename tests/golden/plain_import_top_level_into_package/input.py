import foo  # [SSOT001]

foo.bar()
