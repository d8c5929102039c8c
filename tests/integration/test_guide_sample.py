# ruff: noqa: E501  (the guide's sample is kept as published, long lines included)
"""The Reversal API guide's own Python sample must work against the simulator (DESIGN.md §11).

``GUIDE_SAMPLE`` is the guide's code block as published (trailing spaces trimmed). The test
changes only the URL and the credentials, then runs it; its order values (amount, order
number, time, mchid) are used as they are, by creating that very order in a simulator that
was issued that mchid. ``hashids`` is imported by the sample but never used; a stand-in
module takes its place when the real one is not installed.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from typing import Any

import pytest

from posrev.simulator import Simulator

GUIDE_SAMPLE = r"""
import urllib.request, urllib.parse, urllib.error, urllib.request, urllib.error, urllib.parse, hashlib
import requests
from hashids import Hashids
import datetime
import string
import random

# Enter Client Credentials
environment = 'https://test-openapi-hk.qfapi.com'
app_code = '3F504C39125E4886AB4741**********'
client_key = '5744993FBC034DBBB995FA**********'


# Create parameter values for data payload
current_time = datetime.datetime.now().replace(microsecond=0)
random_string = ''.join(random.choices(string.ascii_uppercase + string.digits, k=32))

print(current_time)

# Create signature
def make_req_sign(data, key):
    keys = list(data.keys())
    keys.sort()
    p = []
    for k in keys:
        v = data[k]
        p.append('%s=%s'%(k,v))
    unsign_str = ('&'.join(p) + key).encode("utf-8")
    print(unsign_str)
    s = hashlib.md5(unsign_str).hexdigest()
    return s.upper()



# Body payload
txamt = '2500' #In USD,EUR,etc. Cent. Suggest value > 200 to avoid risk control
out_trade_no = '4MDGEJ7L496LAAU1V1HBY9HMOGWZWLXQ'
syssn = '20200305066100020000977812'
txdtm = '2020-03-05 16:50:30'
mchid = 'MNxMp11FV35qQN'
key = client_key

#data ={'txamt': txamt, 'out_trade_no': out_trade_no, 'syssn': syssn, 'txdtm': txdtm, 'udid': udid, 'mchid': mchid}
data ={'txamt': txamt, 'out_trade_no': out_trade_no, 'txdtm': txdtm, 'mchid': mchid}

r = requests.post(environment+"/trade/v1/reversal",data=data,headers={'X-QF-APPCODE':app_code,'X-QF-SIGN':make_req_sign(data, key)})

print(r.json())
"""

APP_CODE = "3F504C39125E4886AB4741TESTAPP01"
CLIENT_KEY = "5744993FBC034DBBB995FATESTKEY01"
GUIDE_MCHID = "MNxMp11FV35qQN"


def _run_sample(sim: Simulator, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Run the sample against ``sim``; its globals (``r`` is the response)."""
    code = (GUIDE_SAMPLE
            .replace("'https://test-openapi-hk.qfapi.com'", repr(sim.base_url))
            .replace("'3F504C39125E4886AB4741**********'", repr(APP_CODE))
            .replace("'5744993FBC034DBBB995FA**********'", repr(CLIENT_KEY)))
    assert code.count(str(sim.base_url)) == 1 and "**********" not in code
    try:
        import hashids  # noqa: F401
    except ImportError:
        fake = types.ModuleType("hashids")
        fake.Hashids = type("Hashids", (), {})  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "hashids", fake)
    namespace: dict[str, Any] = {"__name__": "guide_sample"}
    exec(compile(code, "reversal-api-guide.md", "exec"), namespace)
    return namespace


def test_the_guide_sample_voids_a_pending_order(
        make_sim: Callable[..., Simulator], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    sim = make_sim(app_code=APP_CODE, client_key=CLIENT_KEY, mchid=GUIDE_MCHID)
    order = sim.create_order(pay_type="800108", txamt=2500, respcd="1143",
                             out_trade_no="4MDGEJ7L496LAAU1V1HBY9HMOGWZWLXQ",
                             syssn="20200305066100020000977812",
                             sysdtm="2020-03-05 16:50:30", txdtm="2020-03-05 16:50:30")
    namespace = _run_sample(sim, monkeypatch)
    answer = namespace["r"].json()
    assert answer["respcd"] == "0000", answer
    assert answer["orig_syssn"] == order["syssn"]
    assert answer["syssn"] != order["syssn"]
    assert (answer["txamt"], answer["txdtm"]) == ("2500", "2020-03-05 16:50:30")
    assert sim.get(str(order["syssn"]))["cancel"] == "1"
    assert sim.voids_applied(str(order["syssn"])) == 1
    # the sample signed the uppercase MD5 of its sorted raw parameters, mchid included
    [request] = sim.requests
    assert request["params"] == {"txamt": "2500", "out_trade_no": order["out_trade_no"],
                                 "txdtm": "2020-03-05 16:50:30", "mchid": GUIDE_MCHID}
    assert "'respcd': '0000'" in capsys.readouterr().out


def test_the_guide_sample_without_an_issued_mchid_is_refused(
        make_sim: Callable[..., Simulator], monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample sends mchid; a direct merchant (no mchid issued) must not (DESIGN.md §15.2)."""
    sim = make_sim(app_code=APP_CODE, client_key=CLIENT_KEY)
    order = sim.create_order(out_trade_no="4MDGEJ7L496LAAU1V1HBY9HMOGWZWLXQ",
                             txdtm="2020-03-05 16:50:30")
    answer = _run_sample(sim, monkeypatch)["r"].json()
    assert answer["respcd"] == "1104"
    assert sim.voids_applied(str(order["syssn"])) == 0
