baz = 1
