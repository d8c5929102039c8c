"""Real voids through a real forward proxy on 127.0.0.1 (``proxy_support.ForwardProxy``):
plain HTTP forwarding, HTTPS through CONNECT to a TLS simulator trusted via ``ca_bundle``,
proxy credentials from the real keyring only, and the OS/environment proxy settings."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from proxy_support import ForwardProxy
from tls_support import make_cert

from posrev.app import App, AppOptions
from posrev.credentials import CredentialStore
from posrev.simulator import Simulator


def write_config(env, text: str) -> None:
    home = Path(env["POSREV_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text)


def void_once(app: App, sim: Simulator, pay_type: str) -> object:
    order = sim.create_order(pay_type=pay_type)
    found = app.lookup(order["syssn"], "syssn")
    op = app.void(found.transaction, cashier="C001")
    return order, op


@pytest.fixture
def tls_sim(tmp_path):
    certs = make_cert(tmp_path / "certs")
    sim = Simulator(seed=5)
    sim.start(tls=(certs.cert, certs.key))
    sim.certs = certs
    yield sim
    sim.stop()


@pytest.fixture
def proxy_profile():
    """A profile of its own in the real keyring, removed afterwards."""
    profile = f"proxytest-{uuid.uuid4().hex[:8]}"
    store = CredentialStore(profile, env={})
    yield profile, store
    store.save_proxy_auth("", "")


def test_voids_go_through_an_explicit_http_proxy(simulator, env, clock):
    with ForwardProxy() as proxy:
        write_config(env, f'[gateway]\nproxy = "{proxy.url}"\n')
        app = App.open(AppOptions(base_url=simulator.base_url), clock=clock, environ=env)
        try:
            for pay_type in ("800108", "800208"):  # a reversal and a close
                order, op = void_once(app, simulator, pay_type)
                assert op.outcome == "voided", op.message
                assert simulator.voids_applied(order["syssn"]) == 1
        finally:
            app.close()
        forwarded = [t for m, t, ok in proxy.seen if ok]
        assert any(t.endswith("/trade/v1/reversal") for t in forwarded)
        assert any("/trade/v1/close" in t for t in forwarded)
        # Every request the gateway got came through the proxy.
        assert len(forwarded) == len(simulator.requests)


def test_https_voids_through_connect_with_keyring_credentials_and_a_ca_bundle(
        tls_sim, env, clock, proxy_profile):
    profile, store = proxy_profile
    store.save_proxy_auth("till7", "proxy-pass-9731")
    with ForwardProxy("till7", "proxy-pass-9731") as proxy:
        write_config(env, f'[gateway]\nproxy = "{proxy.url}"\n'
                          f'ca_bundle = "{tls_sim.certs.ca.as_posix()}"\n')
        app = App.open(AppOptions(base_url=tls_sim.base_url, profile=profile), clock=clock,
                       environ=env)
        try:
            for pay_type in ("800108", "800208"):
                order, op = void_once(app, tls_sim, pay_type)
                assert op.outcome == "voided", op.message
                assert tls_sim.voids_applied(order["syssn"]) == 1
            result = app.check_connection()
            assert result.ok and f"Proxy: {proxy.url}." in result.shape
            assert "proxy-pass" not in result.text
        finally:
            app.close()
        assert proxy.methods() and set(proxy.methods()) == {"CONNECT"}
        assert all(ok for _, _, ok in proxy.seen)
    # The password lives in the keyring, never in the config file.
    assert "proxy-pass" not in (Path(env["POSREV_HOME"]) / "config.toml").read_text()


def test_a_proxy_without_its_credentials_means_nothing_was_sent(tls_sim, env, clock,
                                                                  proxy_profile):
    profile, _store = proxy_profile  # no proxy credentials stored
    with ForwardProxy("till7", "proxy-pass-9731") as proxy:
        write_config(env, f'[gateway]\nproxy = "{proxy.url}"\n'
                          f'ca_bundle = "{tls_sim.certs.ca.as_posix()}"\n')
        app = App.open(AppOptions(base_url=tls_sim.base_url, profile=profile), clock=clock,
                       environ=env)
        try:
            result = app.check_connection()
        finally:
            app.close()
        assert result.kind == "unreachable" and "HTTP 407" in result.message
        assert tls_sim.requests == []


def test_the_system_proxy_from_the_environment_is_used_when_asked(simulator, env):
    with ForwardProxy() as proxy:
        write_config(env, "[gateway]\nuse_system_proxy = true\n")
        proxied = {**{k: v for k, v in env.items() if k.lower() not in ("no_proxy",)},
                   "HTTP_PROXY": proxy.url, "http_proxy": proxy.url}
        order = simulator.create_order(pay_type="800108")
        proc = subprocess.run(
            [sys.executable, "-m", "posrev", "--base-url", simulator.base_url, "void",
             "--syssn", order["syssn"], "--cashier", "C1", "--json"],
            capture_output=True, text=True, env=proxied, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)["outcome"] == "voided"
        assert len([1 for _, _, ok in proxy.seen if ok]) == len(simulator.requests) >= 2
        check = subprocess.run(
            [sys.executable, "-m", "posrev", "--base-url", simulator.base_url, "credentials",
             "check"], capture_output=True, text=True, env=proxied, timeout=120)
        assert check.returncode == 0 and f"Proxy: {proxy.url}." in check.stdout
        # With use_system_proxy = false the same environment is ignored.
        write_config(env, "[gateway]\nuse_system_proxy = false\n")
        before = len(proxy.seen)
        plain = subprocess.run(
            [sys.executable, "-m", "posrev", "--base-url", simulator.base_url, "credentials",
             "check"], capture_output=True, text=True, env=proxied, timeout=120)
        assert plain.returncode == 0 and "Proxy: none" in plain.stdout
        assert len(proxy.seen) == before


def test_credentials_set_proxy_stores_them_in_the_keyring_only(env, proxy_profile):
    profile, store = proxy_profile
    proc = subprocess.run(
        [sys.executable, "-m", "posrev", "--profile", profile, "credentials", "set-proxy"],
        input="till7\nproxy-pass-5520\n", capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "proxy-pass" not in proc.stdout + proc.stderr
    assert store.load_proxy_auth() == ("till7", "proxy-pass-5520")
    home = Path(env["POSREV_HOME"])
    for path in home.rglob("*"):
        if path.is_file():
            assert b"proxy-pass-5520" not in path.read_bytes(), path
    removed = subprocess.run(
        [sys.executable, "-m", "posrev", "--profile", profile, "credentials", "set-proxy"],
        input="\n", capture_output=True, text=True, env=env, timeout=120)
    assert removed.returncode == 0 and store.load_proxy_auth() is None


def test_an_untrusted_certificate_behind_the_proxy_is_named_as_such(tls_sim, env, clock):
    with ForwardProxy() as proxy:
        write_config(env, f'[gateway]\nproxy = "{proxy.url}"\n')  # no ca_bundle
        app = App.open(AppOptions(base_url=tls_sim.base_url), clock=clock, environ=env)
        try:
            result = app.check_connection()
        finally:
            app.close()
        assert result.kind == "tls"
        assert "certificate is not trusted by this PC" in result.message
        assert [m for m, _, _ in proxy.seen] == ["CONNECT"]  # the tunnel was opened
        assert tls_sim.requests == []  # but nothing was sent through it


def test_the_system_proxy_gets_the_keyring_credentials_too(simulator, env, clock,
                                                            proxy_profile, monkeypatch):
    profile, store = proxy_profile
    store.save_proxy_auth("till7", "proxy-pass-7781")
    with ForwardProxy("till7", "proxy-pass-7781") as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        write_config(env, "")  # use_system_proxy = true is the default
        app = App.open(AppOptions(base_url=simulator.base_url, profile=profile), clock=clock,
                       environ=env)
        try:
            order, op = void_once(app, simulator, "800108")
            assert op.outcome == "voided", op.message
            assert app.check_connection().findings["proxy"] == proxy.url
        finally:
            app.close()
        assert proxy.seen and all(ok for _, _, ok in proxy.seen)
        assert len(proxy.seen) == len(simulator.requests)


def test_without_a_proxy_the_keyring_is_not_asked_for_proxy_credentials(simulator, env, clock,
                                                                         monkeypatch):
    from posrev.credentials import CredentialStore

    def broken(self):  # type: ignore[no-untyped-def]
        raise AssertionError("proxy credentials read although no proxy is used")

    monkeypatch.setattr(CredentialStore, "load_proxy_auth", broken)
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    write_config(env, "")
    app = App.open(AppOptions(base_url=simulator.base_url), clock=clock, environ=env)
    try:
        assert app.check_connection().ok
    finally:
        app.close()
