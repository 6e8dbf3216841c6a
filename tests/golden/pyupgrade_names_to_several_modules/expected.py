from os import getcwd  # [SSOT001, SSOT001]
from io import StringIO
print(getcwd, StringIO)
