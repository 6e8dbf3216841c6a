from a.b import Class_1, Class_2  # [SSOT001]


class Foo(Class_1):
    pass
