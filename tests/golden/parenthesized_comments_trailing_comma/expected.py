from app.websocket_core.websocket_manager import (  # the old shim
    # the manager
    UnifiedWebSocketManager,  # renamed  # [SSOT001]
    UserExecutionContext,  # moves as is  # [SSOT001]
)

PAIR = (UnifiedWebSocketManager, UserExecutionContext)
