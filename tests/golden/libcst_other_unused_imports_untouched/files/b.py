bar = 1
