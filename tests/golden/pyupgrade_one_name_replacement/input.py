from collections import Mapping  # [SSOT001]
print(Mapping)
