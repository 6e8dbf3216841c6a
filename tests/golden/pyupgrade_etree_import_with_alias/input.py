import xml.etree.cElementTree as ET  # [SSOT001]
import contextlib, xml.etree.cElementTree as ET2  # [SSOT001]
print(ET, contextlib, ET2)
