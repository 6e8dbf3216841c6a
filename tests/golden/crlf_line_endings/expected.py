import os
from app.websocket_core.websocket_manager import (
    UnifiedWebSocketManager,  # [SSOT001]
)

PAIR = (os, UnifiedWebSocketManager)
