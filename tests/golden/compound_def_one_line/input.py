def load(): from collections import Mapping; return Mapping  # [SSOT001]
class Holder: from collections import Sequence  # [SSOT001]
while False: import xml.etree.cElementTree as ET  # [SSOT001]
