if True: from six.moves import queue; print(queue)  # [SSOT001]

