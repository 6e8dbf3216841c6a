import xml.etree.ElementTree as ET  # [SSOT001]
import contextlib, xml.etree.ElementTree as ET2  # [SSOT001]
print(ET, contextlib, ET2)
