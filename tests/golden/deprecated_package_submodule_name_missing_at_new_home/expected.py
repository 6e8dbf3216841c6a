from a.b.c.d import bar  # [SSOT001, SSOT001]
from x.y.c.d import foo

print(foo, bar)
