import app.websocket_core.websocket_manager as wmf  # [SSOT001]
from app.websocket_core.websocket_manager import get_websocket_manager


def manager(context):
    return get_websocket_manager()(context)  # [SSOT004]
