from six.moves import urllib_request  # [SSOT001]
from os import getcwd
print(urllib_request, getcwd)
