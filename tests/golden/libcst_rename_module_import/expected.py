import c.b  # [SSOT001]


class Foo(c.b.C):
    pass
