import os
from app.websocket_core.manager import (
    WebSocketManager,  # [SSOT001]
)

PAIR = (os, WebSocketManager)
