if True: import foo  # [SSOT001]
