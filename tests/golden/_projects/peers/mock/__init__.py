from unittest.mock import *
from . import mock
