def qux(value):
    return value
