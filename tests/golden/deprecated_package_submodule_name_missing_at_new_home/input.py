from a.b.c.d import foo, bar  # [SSOT001, SSOT001]

print(foo, bar)
