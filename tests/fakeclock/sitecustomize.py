"""A fake clock for a whole Python process and its Python children (libfaketime is not available here):
put this folder first on PYTHONPATH and set FAKE_CLOCK_SHIFT to the seconds to add to the real time.
Used by tests/test_reproducible.py to build "on another day"."""
import datetime as _dt
import os
import time as _time

_SHIFT = float(os.environ.get("FAKE_CLOCK_SHIFT", "0") or 0)

if _SHIFT:
    _real_time, _real_time_ns = _time.time, _time.time_ns
    _real_localtime, _real_gmtime = _time.localtime, _time.gmtime
    _real_date, _real_datetime = _dt.date, _dt.datetime

    _time.time = lambda: _real_time() + _SHIFT
    _time.time_ns = lambda: _real_time_ns() + int(_SHIFT * 1e9)
    _time.localtime = lambda secs=None: _real_localtime(_time.time() if secs is None else secs)
    _time.gmtime = lambda secs=None: _real_gmtime(_time.time() if secs is None else secs)
    _real_strftime, _real_ctime = _time.strftime, _time.ctime
    _time.strftime = lambda fmt, t=None: _real_strftime(fmt, _time.localtime() if t is None else t)
    _time.ctime = lambda secs=None: _real_ctime(_time.time() if secs is None else secs)

    class _Meta(type):
        """isinstance(real_date, date) stays true once date is the fake class."""
        def __instancecheck__(cls, obj):
            return isinstance(obj, cls.__real__)

        def __subclasscheck__(cls, sub):
            return issubclass(sub, cls.__real__)

    class _FakeDate(_real_date, metaclass=_Meta):
        __real__ = _real_date

        @classmethod
        def today(cls):
            return _real_date.fromtimestamp(_time.time())

    class _FakeDatetime(_real_datetime, metaclass=_Meta):
        __real__ = _real_datetime

        @classmethod
        def now(cls, tz=None):
            return _real_datetime.fromtimestamp(_time.time(), tz)

        @classmethod
        def utcnow(cls):
            return _real_datetime.utcfromtimestamp(_time.time())

        @classmethod
        def today(cls):
            return _real_datetime.fromtimestamp(_time.time())

    _dt.date, _dt.datetime = _FakeDate, _FakeDatetime
