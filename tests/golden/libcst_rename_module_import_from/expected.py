from c import b  # [SSOT001]


class Foo(b.C):
    pass
