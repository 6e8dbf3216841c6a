from io import StringIO
from os import getcwd

urllib_request = None
