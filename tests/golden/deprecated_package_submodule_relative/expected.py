from x.y.c.d import foo  # [SSOT001]
from x.y.c import d  # [SSOT001]

print(foo, d)
