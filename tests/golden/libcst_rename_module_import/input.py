import a.b  # [SSOT001]


class Foo(a.b.C):
    pass
