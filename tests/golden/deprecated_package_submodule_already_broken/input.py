from a.b.c.nothere import foo  # [SSOT001]

print(foo)
