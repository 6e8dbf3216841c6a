c = 1
b = c
