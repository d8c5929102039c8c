"""Certificates and TLS servers for tests, all on 127.0.0.1. PYTEST_DONT_REWRITE

``make_cert`` writes a self-signed certificate (or one signed by a test CA) with the
``cryptography`` package; the simulator serves over TLS with ``Simulator.start(tls=...)``.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class CertFiles:
    cert: Path  # the server's certificate (PEM)
    key: Path  # its private key (PEM)
    ca: Path  # what a client must trust: the CA certificate, or the cert itself


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def make_cert(folder: Path, *, host: str = "127.0.0.1", expired: bool = False,
              with_ca: bool = True) -> CertFiles:
    """A server certificate for ``host`` (an IP or a DNS name), signed by a fresh test CA
    (``with_ca``) or self-signed. ``expired`` makes its validity end yesterday."""
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (x509.CertificateBuilder().subject_name(_name("posrev test CA"))
               .issuer_name(_name("posrev test CA")).public_key(ca_key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(days=2))
               .not_valid_after(now + dt.timedelta(days=30))
               .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True,
                                            crl_sign=True, content_commitment=False,
                                            key_encipherment=False, data_encipherment=False,
                                            key_agreement=False, encipher_only=False,
                                            decipher_only=False), critical=True)
               .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1()) if with_ca else ca_key
    try:
        san: x509.GeneralName = x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        san = x509.DNSName(host)
    builder = (x509.CertificateBuilder().subject_name(_name(host))
               .issuer_name(_name("posrev test CA") if with_ca else _name(host))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(days=2))
               .not_valid_after(now - dt.timedelta(days=1) if expired
                                else now + dt.timedelta(days=30))
               .add_extension(x509.SubjectAlternativeName([san]), critical=False))
    if not with_ca:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None),
                                        critical=True)
    cert = builder.sign(ca_key, hashes.SHA256())
    cert_path, key_path = folder / "server.pem", folder / "server.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    ca_path = folder / "ca.pem"
    ca_path.write_bytes((ca_cert if with_ca else cert).public_bytes(serialization.Encoding.PEM))
    return CertFiles(cert=cert_path, key=key_path, ca=ca_path)
