from collections import Mapping as mapping, Counter  # [SSOT001]
print(mapping, Counter)
