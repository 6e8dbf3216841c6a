from xml.etree.cElementTree import XML  # [SSOT001]
from xml.etree.cElementTree import XML, Element  # [SSOT001, SSOT001]
print(XML, Element)
