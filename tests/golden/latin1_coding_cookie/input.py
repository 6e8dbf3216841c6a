# -*- coding: latin-1 -*-
from app.websocket_core.unified_manager import UnifiedWebSocketManager  # [SSOT001]

NAME = "café"
