from newpkg import sub  # [SSOT001]

print(sub.V)
