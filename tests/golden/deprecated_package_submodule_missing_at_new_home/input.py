from a.b.c.e import baz  # [SSOT001]

print(baz)
