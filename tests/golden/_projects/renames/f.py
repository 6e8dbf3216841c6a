class b:
    pass
