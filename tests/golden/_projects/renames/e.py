from f import b
c = 1
d = 2
