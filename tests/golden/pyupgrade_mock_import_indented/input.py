if True:
    import mock  # [SSOT001]

mock.Mock()
