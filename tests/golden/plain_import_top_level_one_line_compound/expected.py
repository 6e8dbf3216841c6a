if True: from quux import foo  # [SSOT001]
