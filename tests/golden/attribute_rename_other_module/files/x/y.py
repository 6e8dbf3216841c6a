def z():
    pass
