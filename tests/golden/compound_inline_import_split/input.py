if True: from six.moves import getcwd, StringIO  # [SSOT001, SSOT001]
if True:from six.moves import getcwd, StringIO  # [SSOT001, SSOT001]
print(getcwd, StringIO)
