import queue  # [SSOT001]
print(queue.Queue)
