import app.websocket_core.manager as mod  # [SSOT001]
USE = mod.WebSocketManager
import app.websocket_core.unified_manager as mod  # [SSOT001]
USE = mod.UnifiedWebSocketManager

