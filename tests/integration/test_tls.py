"""TLS failures are named plainly, nothing is sent, and nothing crashes: a real TLS server
(the simulator with a certificate made in the test) on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from tls_support import make_cert

from posrev.gateway.client import Gateway, TlsFailure
from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY, Simulator


@pytest.fixture
def tls_sim(tmp_path):
    """A simulator over TLS with a certificate for 127.0.0.1 signed by a test CA."""
    certs = make_cert(tmp_path / "certs")
    sim = Simulator(seed=3)
    sim.start(tls=(certs.cert, certs.key))
    sim.certs = certs
    yield sim
    sim.stop()


def client(url: str, **kw) -> Gateway:
    return Gateway(url, DEMO_APP_CODE, DEMO_CLIENT_KEY, connect_timeout=2, read_timeout=2, **kw)


def test_a_trusted_ca_bundle_makes_tls_work(tls_sim):
    assert tls_sim.base_url.startswith("https://127.0.0.1:")
    order = tls_sim.create_order()
    rows = client(tls_sim.base_url, ca_bundle=str(tls_sim.certs.ca)).query(syssn=order["syssn"])
    assert [r["syssn"] for r in rows] == [order["syssn"]]


def test_an_untrusted_certificate_is_named_and_nothing_is_sent(tls_sim):
    with pytest.raises(TlsFailure) as err:
        client(tls_sim.base_url).query(syssn="1" * 20)
    assert err.value.kind == "untrusted"
    assert "certificate is not trusted by this PC" in str(err.value)
    assert "nothing was sent" in str(err.value)
    assert tls_sim.requests == []


def test_a_self_signed_certificate_is_untrusted(tmp_path):
    certs = make_cert(tmp_path, with_ca=False)
    with Simulator() as sim_plain:
        sim_plain.stop()
        sim_plain.start(tls=(certs.cert, certs.key))
        with pytest.raises(TlsFailure) as err:
            client(sim_plain.base_url).query(syssn="1" * 20)
        assert err.value.kind == "untrusted"
        # Trusting that very certificate works: ca_bundle names what to trust; checks stay on.
        assert client(sim_plain.base_url, ca_bundle=str(certs.ca)).query(syssn="1" * 20) == []


def test_https_to_a_plain_http_port_is_named(simulator):
    url = simulator.base_url.replace("http://", "https://")
    with pytest.raises(TlsFailure) as err:
        client(url).query(syssn="1" * 20)
    assert err.value.kind == "not_tls"
    assert "did not speak TLS" in str(err.value)
    assert simulator.requests == []


def test_an_expired_certificate_is_named(tmp_path):
    certs = make_cert(tmp_path, expired=True)
    sim = Simulator()
    sim.start(tls=(certs.cert, certs.key))
    try:
        with pytest.raises(TlsFailure) as err:
            client(sim.base_url, ca_bundle=str(certs.ca)).query(syssn="1" * 20)
        assert err.value.kind == "expired" and "expired" in str(err.value)
        assert sim.requests == []
    finally:
        sim.stop()


def test_a_certificate_for_another_host_is_named(tmp_path):
    certs = make_cert(tmp_path, host="gateway.example")
    sim = Simulator()
    sim.start(tls=(certs.cert, certs.key))
    try:
        with pytest.raises(TlsFailure) as err:
            client(sim.base_url, ca_bundle=str(certs.ca)).query(syssn="1" * 20)
        assert err.value.kind == "hostname" and "another host name" in str(err.value)
        assert sim.requests == []
    finally:
        sim.stop()


def test_a_void_meeting_tls_failure_fails_saying_so(make_app, tls_sim, env, clock):
    from posrev.app import App, AppOptions

    home = env["POSREV_HOME"]
    import pathlib

    pathlib.Path(home).mkdir(parents=True, exist_ok=True)
    config = pathlib.Path(home) / "config.toml"
    config.write_text(f'[gateway]\nca_bundle = "{tls_sim.certs.ca.as_posix()}"\n')
    app = App.open(AppOptions(base_url=tls_sim.base_url), clock=clock, environ=env)
    order = tls_sim.create_order()
    found = app.lookup(order["syssn"], "syssn")
    app.close()
    config.write_text("")  # the CA is no longer trusted: every handshake fails
    app = App.open(AppOptions(base_url=tls_sim.base_url), clock=clock, environ=env)
    try:
        op = app.void(found.transaction, cashier="C001")
        assert op.outcome == "failed" and op.sends == 0
        assert "certificate is not trusted by this PC" in op.message
        assert "nothing was sent" in op.message
        assert tls_sim.void_requests(order["syssn"]) == 0
    finally:
        app.close()


# -- the command line -------------------------------------------------------------------------
def run(env, *args, timeout=120):
    proc = subprocess.run([sys.executable, "-m", "posrev", *args], capture_output=True,
                          text=True, env=env, timeout=timeout)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    return proc


def write_config(env, text):
    import pathlib

    home = pathlib.Path(env["POSREV_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text)


def test_cli_lookup_and_credentials_check_name_the_untrusted_certificate(tls_sim, env):
    lookup = run(env, "--base-url", tls_sim.base_url, "lookup", "--syssn", "1" * 20)
    assert lookup.returncode == 4
    assert "certificate is not trusted by this PC" in lookup.stderr and lookup.stdout == ""
    check = run(env, "--base-url", tls_sim.base_url, "credentials", "check")
    assert check.returncode == 4
    assert "the gateway's certificate is not trusted" in check.stderr
    assert "credentials were not tested" in check.stderr
    plain = run(env, "--base-url", tls_sim.base_url.replace("https://", "http://"),
                "credentials", "check")
    assert plain.returncode == 4  # http to a TLS port: an answer that is not HTTP
    assert tls_sim.requests == []


def test_pending_resume_meeting_tls_failures_exits_3_and_resumes_every_operation(tls_sim, env):
    write_config(env, f'[gateway]\nca_bundle = "{tls_sim.certs.ca.as_posix()}"\n')
    orders = [tls_sim.create_order() for _ in range(2)]
    for order in orders:
        tls_sim.set_scenario(order["syssn"], in_progress_polls=1)
        first = run(env, "--base-url", tls_sim.base_url, "void", "--syssn", order["syssn"],
                    "--cashier", "C1", "--no-wait", "--json")
        assert first.returncode == 3, first.stderr
    sent = len(tls_sim.requests)
    write_config(env, "")  # the gateway's CA is no longer trusted
    resumed = run(env, "--base-url", tls_sim.base_url, "pending", "--resume", "--json")
    assert resumed.returncode == 3, resumed.stderr
    assert sorted(o["orig_syssn"] for o in json.loads(resumed.stdout)) == \
        sorted(o["syssn"] for o in orders)  # both were resumed; neither stopped the other
    assert len(tls_sim.requests) == sent  # nothing left this PC
    pending = run(env, "--base-url", tls_sim.base_url, "pending", "--json")
    messages = [o["message"] for o in json.loads(pending.stdout)]
    assert len(messages) == 2 and all("certificate is not trusted" in m for m in messages)
    # Trusted again: the resume finishes both.
    write_config(env, f'[gateway]\nca_bundle = "{tls_sim.certs.ca.as_posix()}"\n')
    done = run(env, "--base-url", tls_sim.base_url, "pending", "--resume", "--json")
    assert done.returncode == 0, done.stderr
    assert [o["outcome"] for o in json.loads(done.stdout)] == ["voided", "voided"]


def test_trust_comes_from_ca_bundle_only_not_from_the_environment(tls_sim, monkeypatch):
    # With the system proxy settings on (the default), requests would read these variables
    # and silently trust whatever they name.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tls_sim.certs.ca))
    monkeypatch.setenv("CURL_CA_BUNDLE", str(tls_sim.certs.ca))
    with pytest.raises(TlsFailure) as err:
        client(tls_sim.base_url).query(syssn="1" * 20)
    assert err.value.kind == "untrusted"
    assert client(tls_sim.base_url, ca_bundle=str(tls_sim.certs.ca)).query(syssn="1" * 20) == []


def test_one_operation_failing_unexpectedly_never_stops_the_resume_of_the_others(
        simulator, env, monkeypatch, capsys):
    from posrev import cli

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    orders = [simulator.create_order() for _ in range(2)]
    for order in orders:
        simulator.set_scenario(order["syssn"], in_progress_polls=1)
        assert cli.main(["--base-url", simulator.base_url, "void", "--syssn", order["syssn"],
                         "--cashier", "C1", "--no-wait", "--json"]) == 3
    capsys.readouterr()
    from posrev.app import App

    real_drive = App.drive
    calls = []

    def drive(app, op_id, **kw):
        calls.append(op_id)
        if len(calls) == 1:
            raise RuntimeError("a bug met by one operation")
        return real_drive(app, op_id, **kw)

    monkeypatch.setattr(App, "drive", drive)  # the CLI drives through the App
    code = cli.main(["--base-url", simulator.base_url, "pending", "--resume", "--json"])
    out, err = capsys.readouterr()
    assert code == 3
    assert len(calls) == 2  # the second operation was still resumed
    assert "internal error (RuntimeError)" in err and "stays journaled" in err
    assert [o["outcome"] for o in json.loads(out)] == ["voided"]
