def make():
    import a.b  # [SSOT001]

    return a.b.X
