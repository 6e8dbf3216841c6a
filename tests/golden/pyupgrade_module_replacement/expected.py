from queue import Queue  # [SSOT001]
print(Queue)
