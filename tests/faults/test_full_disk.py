"""A full disk at every step of a void (issue 9, point 2).

The rule: once a request may have left, no path says "nothing was sent" or exits 4; it is
exit 3 and "the outcome will be checked when the disk has room". A journaled intent that was
never sent and that the cashier was told failed ends ``failed``; it is never sent later. And
once the disk has room, ``posrev pending --resume`` ends every operation final, with the
gateway having applied at most one void.
"""

from __future__ import annotations

import json
import shutil

import pytest
from faultkit import (
    VOID_ENDPOINTS,
    DiskModel,
    Run,
    cli,
    install_disk_model,
    said_nothing_sent,
    small_disk,
)

from posrev.journal import RESERVE_BYTES, Journal


def void_requests(simulator, syssn: str) -> int:  # type: ignore[no-untyped-def]
    return sum(1 for r in simulator.requests
               if r["endpoint"] in VOID_ENDPOINTS and r["params"].get("syssn") == syssn)


def check_truth(simulator, syssn: str, run: Run) -> str:  # type: ignore[no-untyped-def]
    """What the cashier was told matches what the gateway saw. Returns a short label."""
    sent = void_requests(simulator, syssn)
    assert simulator.voids_applied(syssn) <= 1
    assert "Traceback" not in run.text and "internal error" not in run.text, run.text
    if sent:
        assert run.code != 4, run.text  # a request left: never "environment, nothing sent"
        assert not said_nothing_sent(run.text), run.text
    if run.code == 4:
        assert sent == 0, run.text
    if run.code == 3 and sent and "journal could not" in run.text:
        assert "when the disk has room" in run.text, run.text
    if run.code == 0:
        assert sent and simulator.voids_applied(syssn) == 1
        assert json.loads(run.out)["outcome"] == "voided"
    assert run.code in (0, 3, 4), run.text
    return {0: "voided", 3: "pending", 4: "not sent"}[run.code]


def resume_ends_final(simulator, syssn: str, told: str) -> None:  # type: ignore[no-untyped-def]
    sent_before = void_requests(simulator, syssn)
    resumed = cli("--base-url", simulator.base_url, "pending", "--resume", "--json")
    assert resumed.code == 0, resumed.text
    assert json.loads(cli("--base-url", simulator.base_url, "pending", "--json").out) == []
    assert simulator.voids_applied(syssn) <= 1
    if told == "not sent":  # the cashier was told it failed: nothing is sent behind them
        assert void_requests(simulator, syssn) == sent_before == 0
        assert simulator.voids_applied(syssn) == 0
    elif void_requests(simulator, syssn):
        assert simulator.voids_applied(syssn) == 1
    journal = cli("--base-url", simulator.base_url, "journal", "--json")
    ops = [o for o in json.loads(journal.out) if o["orig_syssn"] == syssn]
    assert len(ops) <= 1 and all(o["outcome"] in ("voided", "failed") for o in ops), ops


def void(simulator, syssn: str) -> Run:  # type: ignore[no-untyped-def]
    return cli("--base-url", simulator.base_url, "void", "--syssn", syssn, "--cashier", "C001",
               "--json")


# -- the disk model at the SQLite layer (always runs) --------------------------------------------
@pytest.mark.parametrize("pay_type", ["800108", "800208"], ids=["reversal", "close"])
@pytest.mark.parametrize("reserve_commits", [3, 0], ids=["reserve", "no-reserve-left"])
def test_disk_full_from_every_journal_write_of_a_void(simulator, use_home, tmp_path,
                                                      monkeypatch, reserve_commits, pay_type):
    """The disk fills before the k-th journal commit of a void, for every k (the intent, the
    send, the exchange records, the gateway notes, the answer, the enquiry, the outcome);
    with the reserve, and with no reserve left to release."""
    model = DiskModel(reserve_commits=reserve_commits)
    install_disk_model(monkeypatch, model)
    use_home(tmp_path / "warm")
    order = simulator.create_order(respcd="1143", pay_type=pay_type)
    model.commits = 0
    assert void(simulator, order["syssn"]).code == 0
    steps = model.commits  # the commits of a whole void, nothing failing
    assert steps >= 5
    seen: dict[str, list[int]] = {}
    for k in range(steps + 1):
        use_home(tmp_path / f"k{k}")
        assert cli("--base-url", simulator.base_url, "pending").code == 0  # journal, udid
        order = simulator.create_order(respcd="1143", pay_type=pay_type)
        model.fill_after(k)
        run = void(simulator, order["syssn"])
        told = check_truth(simulator, order["syssn"], run)
        seen.setdefault(told, []).append(k)
        model.empty()
        resume_ends_final(simulator, order["syssn"], told)
    assert "not sent" in seen, seen  # steps before the send were hit
    if reserve_commits:  # the reserve records every outcome: each void ends voided at once
        assert set(seen) == {"not sent", "voided"}, seen
    else:  # no room at all after the send: exit 3, checked once the disk has room
        assert "pending" in seen, seen
    print(f"\n{steps} journal commits per void; disk full from commit k gave {seen}")


def test_an_intent_that_could_not_be_marked_sent_ends_failed(simulator, use_home, tmp_path,
                                                             monkeypatch):
    """Issue 9: the intent was journaled, the disk then filled, nothing was sent (true), but
    the operation stayed live and a later resume sent it. Now it ends ``failed``."""
    model = DiskModel(reserve_commits=3)
    install_disk_model(monkeypatch, model)
    use_home(tmp_path / "home")
    assert cli("--base-url", simulator.base_url, "pending").code == 0
    order = simulator.create_order(respcd="1143")
    real_create = Journal.create

    def create_then_fill(self, **kwargs):  # type: ignore[no-untyped-def]
        op = real_create(self, **kwargs)
        model.fill_after(0)  # the intent is journaled; then the disk is full
        return op

    monkeypatch.setattr(Journal, "create", create_then_fill)
    run = void(simulator, order["syssn"])
    monkeypatch.setattr(Journal, "create", real_create)
    assert run.code == 4 and "disk is full" in run.err and said_nothing_sent(run.err)
    assert void_requests(simulator, order["syssn"]) == 0
    model.empty()
    listed = cli("--base-url", simulator.base_url, "pending", "--json")
    assert json.loads(listed.out) == []  # nothing live: nothing to send behind the cashier
    ops = json.loads(cli("--base-url", simulator.base_url, "journal", "--json").out)
    assert [(o["orig_syssn"], o["outcome"]) for o in ops] == [(order["syssn"], "failed")]
    assert "nothing was sent" in ops[0]["message"]
    assert cli("--base-url", simulator.base_url, "pending", "--resume").code == 0
    assert void_requests(simulator, order["syssn"]) == 0


def test_the_answer_is_never_replaced_by_a_journal_error(simulator, use_home, tmp_path,
                                                         monkeypatch):
    """Issue 9: the exchange-recording hook ran in a ``finally`` and its disk-full error
    replaced the gateway's answer ("nothing was sent", exit 4, the void applied)."""
    model = DiskModel(reserve_commits=0)  # no reserve: the outcome cannot be recorded
    install_disk_model(monkeypatch, model)
    use_home(tmp_path / "home")
    assert cli("--base-url", simulator.base_url, "pending").code == 0
    order = simulator.create_order(respcd="1143")

    def fill_on_arrival(info):  # type: ignore[no-untyped-def]
        if info["endpoint"] in VOID_ENDPOINTS:
            model.fill_after(0)

    simulator.on_request = fill_on_arrival
    try:
        run = void(simulator, order["syssn"])
    finally:
        simulator.on_request = None
    assert simulator.voids_applied(order["syssn"]) == 1
    assert run.code == 3, run.text
    data = json.loads(run.out)
    assert data["outcome"] == "unknown"
    assert "The gateway answered the void" in data["message"]
    assert "the outcome will be checked when the disk has room" in data["message"]
    assert not said_nothing_sent(run.text)
    model.empty()
    resume_ends_final(simulator, order["syssn"], "pending")


# -- a real small disk ---------------------------------------------------------------------------
def test_the_disk_fills_while_the_void_is_at_the_gateway(simulator, use_home, tmp_path):
    """A real 1 MiB tmpfs filled to the last byte as the void reaches the gateway: the reserve
    lets the journal record the outcome; what cannot be recorded is said to be pending."""
    with small_disk(tmp_path / "disk") as disk:
        use_home(disk.path / "home")
        assert cli("--base-url", simulator.base_url, "pending").code == 0
        reserve = disk.path / "home" / "data" / "journal.sqlite3.reserve"
        assert reserve.stat().st_size == RESERVE_BYTES
        order = simulator.create_order(respcd="1143")

        def fill_on_arrival(info):  # type: ignore[no-untyped-def]
            if info["endpoint"] in VOID_ENDPOINTS:
                disk.fill()

        simulator.on_request = fill_on_arrival
        try:
            run = void(simulator, order["syssn"])
        finally:
            simulator.on_request = None
        told = check_truth(simulator, order["syssn"], run)
        assert told in ("voided", "pending") and simulator.voids_applied(order["syssn"]) == 1
        assert not reserve.exists()  # released to record the outcome
        disk.empty()
        resume_ends_final(simulator, order["syssn"], told)
        assert cli("--base-url", simulator.base_url, "pending").code == 0
        assert reserve.stat().st_size == RESERVE_BYTES  # made again once there is room


def test_a_scan_of_free_space_before_a_void(simulator, use_home, tmp_path):
    """The disk is filled to leave ``free`` bytes before ``posrev void``, for free = 0 to
    400 KiB by 4 KiB, tmpfs's page (the issue saw the wrong sentence at 118–217 KB free)."""
    outcomes: dict[str, list[int]] = {}
    with small_disk(tmp_path / "disk") as disk:
        for free_kib in range(0, 401, 4):
            home = use_home(disk.path / "home")
            assert cli("--base-url", simulator.base_url, "pending").code == 0
            order = simulator.create_order(respcd="1143")
            disk.fill(leave=free_kib * 1024)
            run = void(simulator, order["syssn"])
            told = check_truth(simulator, order["syssn"], run)
            outcomes.setdefault(told, []).append(free_kib)
            disk.empty()
            resume_ends_final(simulator, order["syssn"], told)
            shutil.rmtree(home)
    print(f"\nfree KiB -> what the cashier was told: {outcomes}")
    assert "voided" in outcomes and "not sent" in outcomes, outcomes


def test_a_journal_folder_on_a_full_disk_without_room_for_the_reserve(simulator, use_home,
                                                                     tmp_path):
    """No reserve could be made (the disk was already full at the first start): a void that
    cannot journal its intent sends nothing and says so."""
    with small_disk(tmp_path / "disk") as disk:
        use_home(disk.path / "home")
        (disk.path / "home" / "data").mkdir(parents=True)
        disk.fill()
        order = simulator.create_order(respcd="1143")
        run = void(simulator, order["syssn"])
        assert run.code == 4 and void_requests(simulator, order["syssn"]) == 0, run.text
        assert "the disk is full" in run.err
        disk.empty()
        assert void(simulator, order["syssn"]).code == 0
        assert simulator.voids_applied(order["syssn"]) == 1


def test_a_scan_of_free_space_left_when_the_void_reaches_the_gateway(simulator, use_home,
                                                                    tmp_path):
    """The disk fills as the request reaches the gateway, leaving 0 to 192 KiB (every step
    after a send: the answer, the exchange records, the enquiry, the outcome)."""
    outcomes: dict[str, list[int]] = {}
    with small_disk(tmp_path / "disk") as disk:
        for free_kib in range(0, 193, 8):
            home = use_home(disk.path / "home")
            assert cli("--base-url", simulator.base_url, "pending").code == 0
            order = simulator.create_order(respcd="1143")

            def fill_on_arrival(info, leave=free_kib * 1024):  # type: ignore[no-untyped-def]
                if info["endpoint"] in VOID_ENDPOINTS:
                    disk.fill(leave=leave)

            simulator.on_request = fill_on_arrival
            try:
                run = void(simulator, order["syssn"])
            finally:
                simulator.on_request = None
            told = check_truth(simulator, order["syssn"], run)
            assert told != "not sent" and simulator.voids_applied(order["syssn"]) == 1
            outcomes.setdefault(told, []).append(free_kib)
            disk.empty()
            resume_ends_final(simulator, order["syssn"], told)
            shutil.rmtree(home)
    print(f"\nfree KiB at the gateway -> what the cashier was told: {outcomes}")


def test_the_issue_case_in_a_real_process(simulator, env, tmp_path):
    """Issue 9, point 2, as reported: a separate ``posrev void`` process, the disk filled to
    the last byte while its void is at the gateway (no reserve left to release: it was
    taken before). Exit 3 and the true sentence; never exit 4 "nothing was sent"."""
    from faultkit import cli_process

    with small_disk(tmp_path / "disk") as disk:
        home = disk.path / "home"
        home.mkdir()
        # short timeouts: the resume takes over the unrecorded send once its request could
        # no longer be in flight (connect + read + 5 s)
        (home / "config.toml").write_text("[gateway]\nconnect_timeout = 0.2\n"
                                          "read_timeout = 0.5\n")
        run_env = {**env, "POSREV_HOME": str(home)}
        assert cli_process(run_env, "--base-url", simulator.base_url, "pending").code == 0
        order = simulator.create_order(respcd="1143")

        def fill_on_arrival(info):  # type: ignore[no-untyped-def]
            if info["endpoint"] in VOID_ENDPOINTS:
                # the worst case: the reserve is already spent, then the disk fills
                (home / "data" / "journal.sqlite3.reserve").unlink()
                disk.fill()

        simulator.on_request = fill_on_arrival
        try:
            run = cli_process(run_env, "--base-url", simulator.base_url, "void", "--syssn",
                              order["syssn"], "--cashier", "C001")
        finally:
            simulator.on_request = None
        assert simulator.voids_applied(order["syssn"]) == 1
        assert run.code == 3, run.text
        assert "the outcome will be checked when the disk has room" in run.out, run.text
        assert not said_nothing_sent(run.text) and "Traceback" not in run.text
        disk.empty()
        resumed = cli_process(run_env, "--base-url", simulator.base_url, "pending",
                              "--resume", "--json", timeout=120)
        assert resumed.code == 0, resumed.text
        assert [(o["orig_syssn"], o["outcome"]) for o in json.loads(resumed.out)] == [
            (order["syssn"], "voided")]
        assert simulator.voids_applied(order["syssn"]) == 1
