from baz import qux as bar
from qux import qux as foo
