if True:
    from unittest import mock  # [SSOT001]

mock.Mock()
