if True:
    from collections import Mapping, Counter  # [SSOT001]
print(Mapping, Counter)
