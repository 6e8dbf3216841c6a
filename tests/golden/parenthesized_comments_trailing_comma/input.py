from app.websocket_core.manager import (  # the old shim
    # the manager
    WebSocketManager,  # renamed  # [SSOT001]
    UserExecutionContext,  # moves as is  # [SSOT001]
)

PAIR = (WebSocketManager, UserExecutionContext)
