"""A real editing process for the crash torture test: it types into a conversation the way the
application saves it (the real Autosaver and ConversationRepository.save_section) until killed.

    editor_process.py run STORE CONVERSATION_ID SEED
        one editing session; it never ends by itself before 60 s.
    editor_process.py serve
        a fork server: imports Qt, SQLAlchemy and the application once, then for each
        "run STORE CONVERSATION_ID SEED" line on stdin forks a session (a separate process that
        creates its own QCoreApplication and opens the store itself) and, when that process
        dies, reports "exited PID CODE". Forking saves ~0.7 s of imports per kill.

Every line is written with one unbuffered os.write, so all that a process reported before it
was killed is in the pipe:
    start L        the field's length as read back from the store at start
    typed N T      the field now holds N characters, at time.monotonic() T
    saving N       a save of N characters is about to be written
    saved N        the Autosaver reported a save holding N characters
    failed N       the Autosaver reported a failed save

The text is deterministic (character i is CHARACTERS[i % len]), so the test can tell exactly
which characters must be in the store. No real person's words are involved.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

SECTION = "reflection"
FIELD = "went_well"
CHARACTERS = ("Rūta Žukauskas led the rota review; Nguyễn Văn Bình mentored two apprentices. "
              "Søren's ideas: ß, ñ, 日本語, ✓ — done. ")


def expected_text(length: int) -> str:
    whole, part = divmod(length, len(CHARACTERS))
    return CHARACTERS * whole + CHARACTERS[:part]


def emit(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


def session(store_path: str, conversation_id: int, seed: int) -> None:
    from PySide6.QtCore import QCoreApplication, Qt, QTimer

    from rmp_desktop.storage import bootstrap
    from rmp_desktop.storage.store import Store
    from rmp_desktop.ui.autosave import Autosaver

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    path = Path(store_path)
    bootstrap.prepare(path, path.parent / "backups")  # the start-up check the application does
    store = Store(path)
    body = dict(store.conversations.document(conversation_id)[SECTION])
    state = {"text": body.get(FIELD, "")}
    emit(f"start {len(state['text'])}")

    def save(section: str, section_body: dict) -> None:
        emit(f"saving {len(section_body[FIELD])}")
        store.conversations.save_section(conversation_id, section, section_body)

    saver = Autosaver(save)
    # Typing happens only in the timer below, so at `saved` the text is what was written.
    saver.saved.connect(lambda _section: emit(f"saved {len(state['text'])}"))
    saver.failed.connect(lambda _section, _message: emit(f"failed {len(state['text'])}"))
    rng = random.Random(seed)
    keys = QTimer(singleShot=True)
    keys.setTimerType(Qt.TimerType.PreciseTimer)

    def type_one() -> None:
        text = state["text"]
        text += expected_text(len(text) + 1)[-1]
        state["text"] = text
        saver.changed(SECTION, {**body, FIELD: text})
        emit(f"typed {len(text)} {time.monotonic():.6f}")
        # A keystroke every 10-20 ms; now and then a pause long enough for the idle save.
        keys.start(rng.randint(350, 700) if rng.random() < 0.01 else rng.randint(10, 20))

    keys.timeout.connect(type_one)
    QTimer.singleShot(0, type_one)
    QTimer.singleShot(60_000, app.quit)  # never outlive a test that went away
    app.exec()
    saver.flush()
    store.close()


def serve() -> None:
    import PySide6.QtCore  # noqa: F401 - preloaded once for every forked session

    import rmp_desktop.storage.bootstrap  # noqa: F401
    import rmp_desktop.storage.migrate  # noqa: F401
    import rmp_desktop.storage.store  # noqa: F401
    import rmp_desktop.ui.autosave  # noqa: F401

    emit("ready")
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] != "run":
            continue
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                session(parts[1], int(parts[2]), int(parts[3]))
            except BaseException:  # noqa: BLE001 - the parent reads the exit code
                import traceback

                traceback.print_exc()
                code = 3
            os._exit(code)
        emit(f"child {pid}")
        _, status = os.waitpid(pid, 0)
        emit(f"exited {pid} {os.waitstatus_to_exitcode(status)}")


def main(argv: list[str]) -> int:
    if argv[:1] == ["serve"]:
        serve()
        return 0
    if argv[:1] == ["run"] and len(argv) == 4:
        session(argv[1], int(argv[2]), int(argv[3]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
