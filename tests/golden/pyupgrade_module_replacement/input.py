from six.moves.queue import Queue  # [SSOT001]
print(Queue)
