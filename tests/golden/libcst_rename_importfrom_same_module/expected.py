from a.b import Class_3, Class_2  # [SSOT001]


class Foo(Class_3):
    pass
