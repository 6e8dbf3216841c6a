from unittest import mock  # [SSOT001]

mock.patch('func')
