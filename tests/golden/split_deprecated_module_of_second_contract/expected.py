from app.events.core import Event, emit  # [SSOT001, SSOT001]
from app.websocket_core.websocket_manager import UserExecutionContext  # [SSOT001]

emit(Event())
CTX = UserExecutionContext
