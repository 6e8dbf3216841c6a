def baz():
    return 1
