X = 1


class C:
    pass
