import os, mock, sys  # [SSOT001]

print(os, mock.patch, sys)
