"""The gateway in every shape it has had (response signatures, close method, routing,
legacy answers), client-level, against the simulator switched to each shape."""

from __future__ import annotations

import json

import pytest
import requests

from posrev.gateway.client import (
    MEMORY_CLOSE,
    MEMORY_SIGNS,
    BadResponseSignature,
    Gateway,
    MethodRefused,
    UnknownOutcome,
    UnsignedAnswer,
)
from posrev.gateway.signing import response_method, sign_body, sign_fields
from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY, Simulator

KEY = DEMO_CLIENT_KEY


class Memory:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get_meta(self, key):
        return self.values.get(key)

    def set_meta(self, key, value):
        self.values[key] = value


def client(sim: Simulator, memory: Memory | None = None, **kw) -> Gateway:
    kw.setdefault("read_timeout", 3.0)
    return Gateway(sim.base_url, DEMO_APP_CODE, KEY, memory=memory, **kw)


def void_params(order: dict) -> dict:
    return {"syssn": order["syssn"], "txamt": order["txamt"], "txdtm": order["txdtm"],
            "udid": "T-1"}


# -- response signatures --------------------------------------------------------------------
def test_every_documented_method_and_hash_is_recognised_in_either_case():
    answer = {"respcd": "0000", "resperr": "success", "data": [{"syssn": "1", "txamt": 5}]}
    body = json.dumps(answer).encode()
    for sign_type in ("md5", "sha256"):
        raw = sign_body(body, KEY, sign_type)
        fields = sign_fields(answer, KEY, sign_type)
        data_fields = sign_fields({"a": "1", "b": ""}, KEY, sign_type)
        assert response_method(body, answer, KEY, raw, sign_type) == "raw"
        assert response_method(body, answer, KEY, raw.lower(), sign_type) == "raw"
        assert response_method(body, answer, KEY, fields.lower(), sign_type) == "fields"
        assert response_method(body, {"data": {"a": "1", "b": ""}}, KEY, data_fields,
                               sign_type) == "fields"
        assert response_method(body, answer, KEY + "x", raw, sign_type) is None
        assert response_method(body + b" ", answer, KEY, raw, sign_type) is None
        assert response_method(body, answer, KEY, "", sign_type) is None


@pytest.mark.parametrize("shape, sign_type, seen", [
    ("raw", "md5", "raw"), ("raw", "sha256", "raw"), ("fields", "md5", "fields"),
    ("fields", "sha256", "fields"), ("none", "md5", "unsigned")])
def test_if_present_accepts_each_signing_shape(make_sim, shape, sign_type, seen):
    sim = make_sim(response_signature=shape)
    memory = Memory()
    gw = client(sim, memory, sign_type=sign_type)
    assert gw.query(syssn="1" * 20) == []
    assert gw.last_signature == seen
    assert memory.get_meta(MEMORY_SIGNS) == (f"{seen}/{sign_type}" if seen != "unsigned"
                                             else None)


def test_a_signature_matching_no_method_is_an_unknown_outcome_unless_ignored(make_sim):
    sim = make_sim(response_signature="wrong")
    with pytest.raises(BadResponseSignature):
        client(sim).query(syssn="1" * 20)
    with pytest.raises(BadResponseSignature):
        client(sim, response_signature="verify").query(syssn="1" * 20)
    assert client(sim, response_signature="ignore").query(syssn="1" * 20) == []


def test_verify_requires_a_signature(make_sim):
    sim = make_sim(response_signature="none")
    with pytest.raises(UnsignedAnswer):
        client(sim, response_signature="verify").query(syssn="1" * 20)


def test_once_seen_signing_an_unsigned_answer_is_an_unknown_outcome(make_sim):
    # An on-path attacker who strips the signature to forge a success gets nowhere.
    sim = make_sim(response_signature="raw")
    memory = Memory()
    order = sim.create_order(pay_type="800108")
    assert client(sim, memory).query(syssn=order["syssn"])
    assert memory.get_meta(MEMORY_SIGNS) == "raw/md5"
    sim.set_shape(response_signature="none")
    with pytest.raises(UnsignedAnswer) as err:
        client(sim, memory).reversal(void_params(order))  # a fresh client, the same profile
    assert "unsigned" in str(err.value)
    with pytest.raises(UnsignedAnswer):
        client(sim, memory).query(syssn=order["syssn"])
    # "ignore" is the explicit way out (docs/IT-GUIDE.md says when).
    assert client(sim, memory, response_signature="ignore").query(syssn=order["syssn"])


def test_an_unsigned_1108_to_an_enquiry_still_says_wrong_credentials(make_sim):
    from posrev.gateway.client import WrongCredentials

    sim = make_sim(response_signature="raw")
    memory = Memory()
    client(sim, memory).query(syssn="1" * 20)
    with pytest.raises(WrongCredentials):
        Gateway(sim.base_url, DEMO_APP_CODE, "0" * 32, memory=memory).query(syssn="1" * 20)


# -- close method ---------------------------------------------------------------------------
@pytest.mark.parametrize("refusal", ["405", "404", "501", "json"])
def test_auto_close_against_a_post_only_gateway_learns_post(make_sim, refusal):
    sim = make_sim(close_method="post", close_refusal=refusal)
    memory = Memory()
    first = sim.create_order(pay_type="800208")
    assert client(sim, memory).close(void_params(first)).respcd == "0000"
    assert [r["method"] for r in sim.requests] == ["GET", "POST"]
    assert memory.get_meta(MEMORY_CLOSE) == "POST"
    assert sim.voids_applied(first["syssn"]) == 1
    second = sim.create_order(pay_type="800208")
    before = len(sim.requests)
    assert client(sim, memory).close(void_params(second)).respcd == "0000"
    assert [r["method"] for r in sim.requests[before:]] == ["POST"]  # straight there


def test_auto_close_follows_a_gateway_that_changed_back_to_get(make_sim):
    sim = make_sim(close_method="get")
    memory = Memory()
    memory.set_meta(MEMORY_CLOSE, "POST")
    order = sim.create_order(pay_type="800208")
    assert client(sim, memory).close(void_params(order)).respcd == "0000"
    assert [r["method"] for r in sim.requests] == ["POST", "GET"]
    assert memory.get_meta(MEMORY_CLOSE) == "GET"
    assert sim.voids_applied(order["syssn"]) == 1


@pytest.mark.parametrize("gateway_takes, setting", [("post", "get"), ("get", "post")])
def test_a_fixed_close_method_the_gateway_refuses_applies_nothing(make_sim, gateway_takes,
                                                                  setting):
    sim = make_sim(close_method=gateway_takes)
    order = sim.create_order(pay_type="800208")
    with pytest.raises(MethodRefused) as err:
        client(sim, close_method=setting).close(void_params(order))
    assert "nothing was voided" in str(err.value)
    assert [r["method"] for r in sim.requests] == [setting.upper()]
    assert sim.voids_applied(order["syssn"]) == 0


def test_a_gateway_taking_both_methods_gets_one_get(make_sim):
    sim = make_sim(close_method="both")
    order = sim.create_order(pay_type="800208")
    assert client(sim, close_method="post").close(void_params(order)).respcd == "0000"
    order2 = sim.create_order(pay_type="800208")
    assert client(sim).close(void_params(order2)).respcd == "0000"
    assert [r["method"] for r in sim.requests] == ["POST", "GET"]


def test_a_lost_get_answer_never_leads_to_a_post(make_sim):
    # The GET may have been applied: a POST now could double the void.
    sim = make_sim(close_method="both")
    order = sim.create_order(pay_type="800208")
    sim.fault("drop", endpoint="close", applied=True)
    with pytest.raises(UnknownOutcome):
        client(sim).close(void_params(order))
    assert [r["method"] for r in sim.requests] == ["GET"]


def test_a_json_answer_that_is_not_a_method_refusal_is_never_retried(make_sim):
    sim = make_sim(close_method="get")
    order = sim.create_order(pay_type="800108")  # a reversal type: close answers 1297
    answer = client(sim).close(void_params(order))
    assert answer.respcd == "1297"
    assert [r["method"] for r in sim.requests] == ["GET"]


# -- the simulator's switches ---------------------------------------------------------------
def test_the_shape_is_switched_through_the_control_api(make_sim):
    sim = make_sim()
    url = f"{sim.base_url}/_sim/shape"
    assert requests.get(url, timeout=5).json()["close_method"] == "get"
    reply = requests.post(url, json={"response_signature": "fields", "close_method": "both",
                                     "close_refusal": "json", "routing": "2025",
                                     "legacy": True}, timeout=5)
    assert reply.status_code == 200
    assert reply.json() == {"response_signature": "fields", "close_method": "both",
                            "close_refusal": "json", "routing": "2025", "legacy": True}
    assert requests.get(f"{sim.base_url}/_sim/state", timeout=5).json()["shape"]["routing"] \
        == "2025"
    bad = requests.post(url, json={"close_method": "put"}, timeout=5)
    assert bad.status_code == 400 and "close_method" in bad.json()["error"]
    assert requests.post(url, json={"colour": "red"}, timeout=5).status_code == 400
    assert requests.post(url, data={"legacy": "maybe"}, timeout=5).status_code == 400


def test_legacy_answers_say_2999_for_in_progress(make_sim):
    sim = make_sim(legacy=True)
    order = sim.create_order(pay_type="800108")
    sim.set_scenario(order["syssn"], in_progress_polls=1)
    gw = client(sim)
    assert gw.query(syssn=order["syssn"])[0]["respcd"] == "2999"
    assert gw.reversal(void_params(order)).respcd == "2999"


def test_routing_2025_moves_wechat_cpm_to_reversal(make_sim):
    sim = make_sim(routing="2025")
    order = sim.create_order(pay_type="800208")
    assert client(sim).close(void_params(order)).respcd == "1297"
    assert client(sim).reversal(void_params(order)).respcd == "0000"


def test_the_simulator_cli_takes_the_shape_flags(env):
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "posrev", "simulator", "--port", "0", "--response-signature",
         "fields", "--close-method", "post", "--close-refusal", "json", "--routing", "2025",
         "--legacy"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        first = json.loads(proc.stdout.readline())
        shape = requests.get(first["base_url"] + "/_sim/shape", timeout=5).json()
        assert shape == {"response_signature": "fields", "close_method": "post",
                         "close_refusal": "json", "routing": "2025", "legacy": True}
    finally:
        proc.terminate()
        proc.communicate(timeout=30)  # waits and closes both pipes
    bad = subprocess.run([sys.executable, "-m", "posrev", "simulator", "--routing", "2019"],
                         capture_output=True, text=True, env=env, timeout=60)
    assert bad.returncode == 2 and "routing" in bad.stderr


def test_the_simulator_page_shows_the_shape_and_its_routing(make_sim):
    sim = make_sim(routing="2025", close_method="post")
    html = requests.get(sim.base_url + "/", timeout=5).text
    assert "reversal: 800108, 800208, 800708" in html
    assert "close_method post" in html and "routing 2025" in html
