import oldpkg  # [SSOT001]

print(oldpkg.sub)
