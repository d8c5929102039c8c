"""``posrev diagnose --out FILE.zip``: what support needs, and never a secret."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

from posrev.simulator import Simulator

APP_CODE = "A7Q2APPCODEX93KLMZ00PQRS7TUV5WX1"
CLIENT_KEY = "K3Y9CLIENTKEYQ7Z5SECRET00MNB2VC8"


def run(env, *args):
    proc = subprocess.run([sys.executable, "-m", "posrev", *args], capture_output=True,
                          text=True, env=env, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_the_bundle_has_exchanges_and_findings_and_no_secret(tmp_path, env):
    sim = Simulator(seed=11, app_code=APP_CODE, client_key=CLIENT_KEY, close_method="post",
                    response_signature="fields")
    sim.start()
    try:
        env = {**env, "POSREV_APP_CODE": APP_CODE, "POSREV_CLIENT_KEY": CLIENT_KEY}
        base = ["--base-url", sim.base_url]
        orders = [sim.create_order(pay_type=p) for p in ("800108", "800208")]
        for order in orders:
            proc = run(env, *base, "void", "--syssn", order["syssn"], "--cashier", "C1")
            assert proc.returncode == 0, proc.stderr
        out = tmp_path / "support" / "bundle.zip"
        proc = run(env, *base, "diagnose", "--out", str(out), "--last", "20")
        assert proc.returncode == 0, proc.stderr
        assert str(out) in proc.stdout and "sorted answer fields" in proc.stdout
        raw = out.read_bytes()
        with zipfile.ZipFile(out) as bundle:
            names = set(bundle.namelist())
            texts = {name: bundle.read(name).decode("utf-8") for name in names}
    finally:
        sim.stop()
    assert {"README.txt", "settings.json", "credentials.json", "versions.json",
            "exchanges.json", "operations.json", "connection.json"} <= names
    for secret in (APP_CODE, CLIENT_KEY):
        assert secret.encode() not in raw
        for name, text in texts.items():
            assert secret not in text, name
            assert secret.lower() not in text.lower(), name
    exchanges = json.loads(texts["exchanges.json"])
    endpoints = [e["endpoint"] for e in exchanges]
    assert "gateway.reversal" in endpoints and "gateway.close" in endpoints
    close = [e for e in exchanges if e["endpoint"] == "gateway.close"]
    # The close went GET (refused: 405) then POST, and both are in the bundle.
    assert [e["method"] for e in close] == ["GET", "POST"]
    assert close[-1]["params"]["syssn"] == orders[1]["syssn"]
    assert close[-1]["answer"]["respcd"] == "0000"
    assert len(exchanges) <= 20
    connection = json.loads(texts["connection.json"])
    assert connection["ok"] is True
    assert connection["findings"]["signature_remembered"] == "fields/md5"
    assert connection["findings"]["close_learned"] == "POST"
    versions = json.loads(texts["versions.json"])
    assert versions["posrev"] and versions["requests"]
    credentials = json.loads(texts["credentials.json"])
    assert credentials["source"] == "environment" and credentials["client_key"].endswith("****")
    assert [o["outcome"] for o in json.loads(texts["operations.json"])] == ["voided", "voided"]


def test_diagnose_without_the_connection_test_sends_nothing(tmp_path, env, simulator):
    before = len(simulator.requests)
    out = tmp_path / "b.zip"
    proc = run(env, "--base-url", simulator.base_url, "diagnose", "--out", str(out),
               "--no-check")
    assert proc.returncode == 0, proc.stderr
    assert len(simulator.requests) == before
    with zipfile.ZipFile(out) as bundle:
        assert json.loads(bundle.read("connection.json"))["kind"] == "not_run"
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".posrev-diagnose-")]
