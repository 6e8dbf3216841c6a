from app.websocket_core.websocket_manager import get_websocket_manager  # [SSOT001]


def manager(context):
    return get_websocket_manager(context)
