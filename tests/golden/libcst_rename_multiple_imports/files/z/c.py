class d:
    pass
