from g import b  # [SSOT001]


class Foo(b):
    pass
