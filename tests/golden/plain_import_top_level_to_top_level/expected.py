import newpkg as oldpkg  # [SSOT001]

print(oldpkg.sub)
