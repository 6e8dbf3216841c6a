if True: import queue; print(queue)  # [SSOT001]

