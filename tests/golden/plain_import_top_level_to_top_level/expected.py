import newpkg  # [SSOT001]

print(newpkg.sub)
