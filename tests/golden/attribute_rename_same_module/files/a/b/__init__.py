def c():
    pass


def d():
    pass
