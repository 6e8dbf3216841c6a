from collections.abc import Mapping  # [SSOT001]
print(Mapping)
