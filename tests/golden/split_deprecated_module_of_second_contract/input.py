from app.events.legacy import Event, emit  # [SSOT001, SSOT001]
from app.websocket_core.unified_manager import UserExecutionContext  # [SSOT001]

emit(Event())
CTX = UserExecutionContext
