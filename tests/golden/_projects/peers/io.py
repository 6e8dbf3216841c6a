class StringIO:
    pass
