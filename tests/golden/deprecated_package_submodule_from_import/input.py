from a.b.c.d import foo  # [SSOT001]
from a.b.c import d  # [SSOT001]
from a.b.c.d import foo as bar  # [SSOT001]

print(foo(), d.foo(), bar())
