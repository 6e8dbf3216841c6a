from .b.c.d import foo  # [SSOT001]
from .b.c import d  # [SSOT001]

print(foo, d)
