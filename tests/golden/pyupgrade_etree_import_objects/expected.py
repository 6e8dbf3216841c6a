from xml.etree.ElementTree import XML  # [SSOT001]
from xml.etree.ElementTree import Element  # [SSOT001, SSOT001]
print(XML, Element)
