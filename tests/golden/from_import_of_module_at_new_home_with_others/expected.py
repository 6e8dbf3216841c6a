from six.moves import urllib_request  # [SSOT001, SSOT001]
import queue
from os import getcwd
import queue as q  # [SSOT001]
print(queue, getcwd, urllib_request, q)
