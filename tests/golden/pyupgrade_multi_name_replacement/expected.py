from collections.abc import Mapping, Sequence  # [SSOT001, SSOT001]
print(Mapping, Sequence)
