"""The cycle collector is paused while a report is drawn and restored after, even on errors."""
import gc

import pytest

from stopform.reports.collector import collector_paused


@pytest.fixture()
def collector_state():
    was = gc.isenabled()
    yield
    gc.enable() if was else gc.disable()


def test_the_collector_is_off_inside_and_back_on_after_even_after_an_error(collector_state):
    gc.enable()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("drawing failed")
    assert gc.isenabled()


def test_a_collector_turned_off_elsewhere_stays_off(collector_state):
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()
