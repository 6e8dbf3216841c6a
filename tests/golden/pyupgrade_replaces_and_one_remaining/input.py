from six.moves import urllib_request, getcwd  # [SSOT001]
print(urllib_request, getcwd)
