def load(): from collections.abc import Mapping; return Mapping  # [SSOT001]
class Holder: from collections.abc import Sequence  # [SSOT001]
while False: import xml.etree.ElementTree as ET  # [SSOT001]
