baz = 3
