import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from app.websocket_core.websocket_manager import UnifiedWebSocketManager  # [SSOT001]
