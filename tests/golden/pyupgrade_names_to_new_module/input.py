from collections import Counter, Mapping, Sequence  # [SSOT001, SSOT001]
print(Counter, Mapping, Sequence)
