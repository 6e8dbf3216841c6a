from app.websocket_core.unified_manager import Missing  # [SSOT001]
