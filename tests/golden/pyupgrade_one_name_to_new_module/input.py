from collections import Counter, Mapping  # [SSOT001]
print(Counter, Mapping)
