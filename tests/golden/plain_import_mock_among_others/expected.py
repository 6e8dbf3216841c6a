import os  # [SSOT001]
from unittest import mock
import sys

print(os, mock.patch, sys)
