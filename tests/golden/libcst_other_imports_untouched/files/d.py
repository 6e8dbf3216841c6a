z = 1
obj = 2
