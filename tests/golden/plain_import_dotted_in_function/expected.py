def make():
    import c.b  # [SSOT001]

    return c.b.X
