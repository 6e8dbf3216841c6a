import a, b, c  # [SSOT001]


class Foo(a.z):
    bar: b.bar
    baz: c.baz
