if True: from os import getcwd; from io import StringIO  # [SSOT001, SSOT001]
if True:from os import getcwd; from io import StringIO  # [SSOT001, SSOT001]
print(getcwd, StringIO)
