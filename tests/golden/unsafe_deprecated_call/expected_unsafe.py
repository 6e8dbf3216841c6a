from app.websocket_core.websocket_manager import get_websocket_manager
import app.websocket_core.websocket_manager as factory  # [SSOT001]


def manager(context):
    make = get_websocket_manager()  # [SSOT004]
    return make(context)
