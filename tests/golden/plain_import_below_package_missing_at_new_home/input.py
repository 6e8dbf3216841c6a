import p.q.c.e  # [SSOT001]

p.q.c.e.baz()
