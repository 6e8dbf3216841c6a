def c():
    pass


def other():
    pass
