"""A fake clock for a whole Python process and its Python children, to build "on another day": put this
folder first on PYTHONPATH and set FAKE_CLOCK_SHIFT to the seconds to add to the real time. time-machine
moves every clock Python reads (time.time, datetime.now, date.today …) at the C level, so C extensions
such as pandas keep working (replacing the datetime classes broke them). Used by tests/test_reproducible.py."""
import os

_SHIFT = float(os.environ.get("FAKE_CLOCK_SHIFT", "0") or 0)

if _SHIFT:
    import time

    import time_machine

    time_machine.travel(time.time() + _SHIFT, tick=True).start()
