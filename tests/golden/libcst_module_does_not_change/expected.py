from g import c  # [SSOT001]


class Foo(c):
    pass
