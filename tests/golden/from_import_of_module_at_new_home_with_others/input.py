from six.moves import queue, getcwd, urllib_request  # [SSOT001, SSOT001]
from six.moves import queue as q  # [SSOT001]
print(queue, getcwd, urllib_request, q)
