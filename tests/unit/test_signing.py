"""Request/response signatures (DESIGN.md §15.3)."""

import hashlib

from posrev.gateway.signing import clean_params, sign, sign_body, signing_string, verify_request

VECTOR_2017 = {
    "address": "XX区XX路XX号", "bankaccount": "1234567890", "bankaddr": "银行详细地址",
    "bankcity": "成都", "bankcode": "123", "bankcountry": "中国", "bankname": "中国建设银行",
    "bankswiftcode": "001", "bankuser": "王", "channel_type": "1", "city": "成都",
    "country": "中国", "email": "email@example.com", "idnumber": "110000201608220123",
    "licenseactive_date": "2016-07-10", "licensenumber": "12345678",
    "mcc_id": "6125485337528623306", "mobile": "14401234567", "name": "测试企业",
    "shopname": "XX商店", "username": "some_user",
}


def test_the_2017_documented_vector():
    assert sign(VECTOR_2017, "789012") == "E019253E135863C335333C983DF05359"


def test_guide_sample_string_is_sorted_raw_and_key_appended():
    data = {"txamt": "2500", "out_trade_no": "4MDGEJ7L496LAAU1V1HBY9HMOGWZWLXQ",
            "txdtm": "2020-03-05 16:50:30", "mchid": "MNxMp11FV35qQN"}
    expected = (b"mchid=MNxMp11FV35qQN&out_trade_no=4MDGEJ7L496LAAU1V1HBY9HMOGWZWLXQ"
                b"&txamt=2500&txdtm=2020-03-05 16:50:30KEY")
    assert signing_string(data, "KEY") == expected
    assert sign(data, "KEY") == hashlib.md5(expected).hexdigest().upper()


def test_sha256_is_uppercase_hex_of_the_same_string():
    data = {"b": "2", "a": "1"}
    assert sign(data, "k", "sha256") == hashlib.sha256(b"a=1&b=2k").hexdigest().upper()


def test_empty_parameters_are_never_signed_or_sent():
    assert clean_params({"a": "", "b": None, "c": 0, "d": "x"}) == {"c": "0", "d": "x"}
    assert sign({"a": "", "d": "x"}, "k") == sign({"d": "x"}, "k")


def test_verification_ignores_hex_case_but_not_content():
    data = {"a": "1"}
    good = sign(data, "k")
    assert verify_request(data, "k", good.lower())
    assert not verify_request(data, "k", sign(data, "other"))
    assert not verify_request({"a": "2"}, "k", good)


def test_response_signature_is_over_raw_body_bytes():
    body = b'{"respcd": "0000"}'
    assert sign_body(body, "k") == hashlib.md5(body + b"k").hexdigest().upper()
