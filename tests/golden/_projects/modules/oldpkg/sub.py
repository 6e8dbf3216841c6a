from newpkg.sub import *
