from . import unified_manager  # [SSOT001]

CTX = unified_manager.UserExecutionContext
