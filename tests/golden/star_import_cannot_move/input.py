from app.websocket_core.websocket_manager_factory import *  # [SSOT001]

FACTORY = get_websocket_manager_factory
