if True:
    if True:
        pass
    from collections import Mapping, Counter  # [SSOT001]
print(Mapping, Counter)
