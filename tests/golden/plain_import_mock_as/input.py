import mock as m  # [SSOT001]

m.patch('func')
