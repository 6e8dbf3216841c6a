from oldpkg import sub  # [SSOT001]

print(sub.V)
