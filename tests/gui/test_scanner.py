"""The scanner debounce (a GUI concern, Qt-free)."""

from posrev.gui.scanner import ScanFilter


def test_scan_filter_ignores_empty_and_a_repeat_within_a_second():
    now = [0.0]
    scans = ScanFilter(lambda: now[0])
    assert not scans.accept("  \r\n")
    assert scans.accept("ORDER-1\r")
    now[0] += 0.5
    assert not scans.accept("ORDER-1")
    assert scans.accept("ORDER-2")
    now[0] += 1.5
    assert scans.accept("ORDER-2")


def test_the_window_words_every_reason_the_core_gives():
    from posrev.domain.numbers import PROBLEMS, problem_text
    from posrev.gui import texts
    from posrev.messages import english

    for code in PROBLEMS:  # English: the core's own sentences
        assert texts.number_problem(code) == english(problem_text(code))
