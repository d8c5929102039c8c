"""The QFPay app code and client key: in the OS keyring, per profile (DESIGN.md §10). Qt-free.

Why it is shaped this way:

- The secrets live only in the OS store (Windows Credential Manager, macOS Keychain, Secret
  Service) through ``keyring``: PCI DSS 8.6.2 forbids them in files, scripts or source. For
  unattended terminals ``POSREV_APP_CODE`` / ``POSREV_CLIENT_KEY`` (and ``POSREV_MCHID``) in the
  environment take precedence; both secrets or neither, never a mix of the two sources.
- Nothing here ever puts a secret in a message, a log line or a ``repr``: every value shown is
  masked (``3F50…****``, the PCI DSS 3.4.1 idea applied to keys). Keyring failures become one
  sentence an IT admin can act on (``CredentialsError``, CLI exit 4), never a traceback.
- ``check`` sends one signed enquiry and tells a wrong key (1108) from a dead network
  (nothing sent): the setup wizard's "test connection" and ``posrev credentials check``.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import keyring
import keyring.backends.fail
import keyring.errors

from posrev.errors import CredentialsError, PosrevError
from posrev.gateway.client import (
    BadResponseSignature,
    Gateway,
    NotSent,
    RateLimited,
    TlsFailure,
    UnknownOutcome,
    WrongCredentials,
)
from posrev.messages import Text

log = logging.getLogger(__name__)

ENV_APP_CODE = "POSREV_APP_CODE"
ENV_CLIENT_KEY = "POSREV_CLIENT_KEY"
ENV_MCHID = "POSREV_MCHID"

APP_CODE_USER = "app_code"
CLIENT_KEY_USER = "client_key"
PROXY_USER = "proxy_user"  # the HTTP proxy's user name and password (never in a file)
PROXY_PASSWORD = "proxy_password"

SECRET_MIN, SECRET_MAX = 16, 64  # QFPay's are 32 hex characters; leave room, refuse typos
MCHID_MAX = 16  # the same limit as the ``gateway.mchid`` setting
_MASK_SHOWN = 4  # characters of a secret that may be shown
_MASK_MIN_LEN = 12  # shorter values are starred entirely: 4 of 8 would be half the secret

# Where the secrets are, in the words an IT admin sees on that platform.
_STORE_NAME = {"win32": "Windows Credential Manager", "darwin": "macOS Keychain"}


def mask(value: str) -> str:
    """``"3F50…****"``: the first 4 characters, an ellipsis, 4 stars.

    Short values (under 12 characters) are starred entirely, and the number of stars never
    tells the length.
    """
    if not value:
        return ""
    if len(value) < _MASK_MIN_LEN:
        return "****"
    return f"{value[:_MASK_SHOWN]}…****"


@dataclass(frozen=True)
class Credentials:
    """One merchant's credentials as loaded.

    ``source`` says where they came from ("environment", "keyring", or whatever a caller such
    as demo mode passes); it is keyword-only so that it is always said explicitly.
    ``repr``/``str`` show the secrets masked only, so a stray log line or crash report cannot
    leak them.
    """

    app_code: str
    client_key: str
    mchid: str = ""
    source: str = field(kw_only=True)

    def __repr__(self) -> str:
        return (f"Credentials(app_code={mask(self.app_code)!r}, "
                f"client_key={mask(self.client_key)!r}, mchid={self.mchid!r}, "
                f"source={self.source!r})")

    __str__ = __repr__


CheckKind = Literal["ok", "wrong_credentials", "unreachable", "tls", "unknown"]


@dataclass(frozen=True)
class CheckResult:
    """The answer of ``check``: ``kind`` for scripts, ``message`` for people, and
    ``findings`` (the gateway's shape: ``shape_findings``) with ``shape`` in one paragraph."""

    ok: bool
    kind: CheckKind
    message: str
    findings: dict = field(default_factory=dict)
    shape: str = ""
    # Why nothing could be tested, as a sentence of posrev/messages.py (a TLS failure's
    # cause), for a front-end that words it in its own language.
    reason: Text | None = None

    @property
    def text(self) -> str:
        return f"{self.message} {self.shape}".strip()


def _secret_problem(value: str, entered: str) -> str | None:
    """What is wrong with a trimmed app code or client key, as the end of a sentence, or None.

    It names the length or the position of a bad character, never the character itself: that
    is part of a secret.
    """
    if not SECRET_MIN <= len(value) <= SECRET_MAX:
        return f"must be {SECRET_MIN} to {SECRET_MAX} characters; {entered} {len(value)}"
    for position, char in enumerate(value, 1):
        if not "!" <= char <= "~":
            return ("may contain only letters, digits and ASCII punctuation, without spaces; "
                    f"character {position} is not allowed")
    return None


def validate_secret(what: str, value: str) -> str:
    """``value`` trimmed, or CredentialsError in one sentence ("The client key must be 16 to 64
    characters; you entered 12."). Printable ASCII without spaces, 16 to 64 characters: QFPay's
    are 32 hex characters, and a stray space or a half-pasted key is caught before it is stored.
    """
    value = value.strip()
    problem = _secret_problem(value, "you entered")
    if problem:
        params: dict[str, object] = {"what": what, "min": SECRET_MIN, "max": SECRET_MAX,
                                     "length": len(value)}
        code = "secret_length"
        if SECRET_MIN <= len(value) <= SECRET_MAX:
            code = "secret_character"
            params["position"] = next(i for i, c in enumerate(value, 1)
                                      if not "!" <= c <= "~")
        raise CredentialsError(f"The {what} {problem}.", code=code, params=params)
    return value


def check_profile(profile: str) -> str:
    """A profile name makes the keyring service name ``posrev/<profile>``: the one rule of
    ``posrev.domain.identifiers`` (the same that guards the journal's file name)."""
    from posrev.domain.identifiers import check_profile as rule

    return rule(profile)


def configure_backend() -> None:
    """Pin the keyring backend where the platform's own store must win. Call once at start.

    On Windows a third-party package can register a keyring backend with a higher priority
    than Credential Manager (a stray plugin would then hold the merchant's key), so the
    Windows vault is forced. If it cannot work (pywin32-ctypes missing from a broken build),
    the "no keyring" backend is set instead: posrev then says so clearly rather than falling
    back to whatever else is installed. Elsewhere keyring's own choice (Keychain, Secret
    Service, or the user's keyringrc) is kept.
    """
    if sys.platform != "win32":
        return
    from keyring.backends import Windows

    vault = Windows.WinVaultKeyring
    if vault.viable:
        keyring.set_keyring(vault())
    else:
        log.warning("Windows Credential Manager is not usable (pywin32-ctypes missing?)")
        keyring.set_keyring(keyring.backends.fail.Keyring())


def _store_name() -> str:
    return _STORE_NAME.get(sys.platform, "Secret Service keyring")


def _keyring_failure(exc: Exception, doing: str) -> CredentialsError:
    """One sentence an IT admin can act on, for any failure of the keyring while ``doing``."""
    store = _store_name()
    if isinstance(exc, keyring.errors.NoKeyringError):
        fix = ("install and start a Secret Service such as gnome-keyring in the user's session, "
               "or " if sys.platform.startswith("linux") else "")
        return CredentialsError(
            f"No usable OS keyring was found for {doing}; {fix}set {ENV_APP_CODE} and "
            f"{ENV_CLIENT_KEY} in the environment for unattended use.", code="no_keyring")
    if isinstance(exc, keyring.errors.KeyringLocked):
        return CredentialsError(
            f"The {store} is locked, so posrev could not finish {doing}; unlock it (sign in to "
            f"the desktop session or unlock the login keyring) and try again.", code="locked")
    if isinstance(exc, keyring.errors.PasswordSetError):
        return CredentialsError(
            f"The {store} refused {doing}; check that this user may store credentials "
            f"there and that it is not full or read-only.", code="refused")
    if isinstance(exc, keyring.errors.PasswordDeleteError):
        return CredentialsError(f"The {store} refused {doing}; remove the 'posrev/…' entries "
                                f"with the platform's keyring tool.", code="refused")
    # InitError, D-Bus errors from SecretStorage/jeepney, OSError from a vault API.
    return CredentialsError(
        f"The {store} could not be opened for {doing} ({type(exc).__name__}); check that it "
        f"is installed and running for this user's session.", code="unavailable")


class CredentialStore:
    """The credentials of one profile: keyring service ``posrev/<profile>``, usernames
    ``app_code`` and ``client_key``; the environment first (``env``, default ``os.environ``)."""

    def __init__(self, profile: str = "default", env: Mapping[str, str] | None = None) -> None:
        self.profile = check_profile(profile)
        self.service = f"posrev/{profile}"
        self._env: Mapping[str, str] = os.environ if env is None else env

    def __repr__(self) -> str:
        return f"CredentialStore(profile={self.profile!r})"

    # -- reading ------------------------------------------------------------------------------
    def load(self) -> Credentials | None:
        """The credentials, or None when neither the environment nor the keyring has any.

        Raises CredentialsError when only one of the two secrets is set (in the environment,
        or in the keyring), when a value is malformed, or when the keyring fails.
        """
        mchid = self._env_mchid()
        from_env = self._from_environment(mchid)
        if from_env is not None:
            return from_env
        app_code = self._get(APP_CODE_USER)
        client_key = self._get(CLIENT_KEY_USER)
        if app_code is None and client_key is None:
            log.debug("no credentials for profile %s", self.profile)
            return None
        if app_code is None or client_key is None:
            missing = "app code" if app_code is None else "client key"
            raise CredentialsError(
                f"The keyring holds only part of the credentials of profile '{self.profile}' "
                f"(the {missing} is missing); set both again with 'posrev credentials set'.")
        for what, value in (("app code", app_code), ("client key", client_key)):
            problem = _secret_problem(value.strip(), "it has")
            if problem:
                raise CredentialsError(
                    f"The {what} stored in the keyring for profile '{self.profile}' {problem}; "
                    "set the credentials again with 'posrev credentials set'.")
        app_code, client_key = app_code.strip(), client_key.strip()
        log.debug("credentials of profile %s loaded from the keyring (app code %s)",
                  self.profile, mask(app_code))
        return Credentials(app_code, client_key, mchid, source="keyring")

    def _env_value(self, name: str) -> str:
        return (self._env.get(name) or "").strip()

    def _env_mchid(self) -> str:
        mchid = self._env_value(ENV_MCHID)
        if len(mchid) > MCHID_MAX or not mchid.isprintable():
            raise CredentialsError(f"{ENV_MCHID} must be printable and at most {MCHID_MAX} "
                                   f"characters; it has {len(mchid)}.")
        return mchid

    def _from_environment(self, mchid: str) -> Credentials | None:
        app_code = self._env_value(ENV_APP_CODE)
        client_key = self._env_value(ENV_CLIENT_KEY)
        if not app_code and not client_key:
            return None
        if not app_code or not client_key:
            missing, present = ((ENV_APP_CODE, ENV_CLIENT_KEY) if not app_code
                                else (ENV_CLIENT_KEY, ENV_APP_CODE))
            raise CredentialsError(f"{present} is set but {missing} is not; set both, or "
                                   "neither to use the keyring.")
        for name, value in ((ENV_APP_CODE, app_code), (ENV_CLIENT_KEY, client_key)):
            problem = _secret_problem(value, "it has")
            if problem:
                raise CredentialsError(f"{name} {problem}.")
        log.debug("credentials taken from the environment (app code %s)", mask(app_code))
        return Credentials(app_code, client_key, mchid, source="environment")

    def _get(self, user: str) -> str | None:
        try:
            return keyring.get_password(self.service, user)
        except Exception as exc:  # any backend failure, D-Bus included, is one sentence
            log.debug("keyring read failed: %s", type(exc).__name__)
            raise _keyring_failure(exc, "reading the QFPay credentials") from None

    def check_keyring(self) -> None:
        """BLOCKING. Raise CredentialsError (with its ``code``) when the keyring cannot be
        read: missing, locked, or not running. Setup asks this before taking the secrets."""
        self._get(APP_CODE_USER)

    # -- writing ------------------------------------------------------------------------------
    def save(self, app_code: str, client_key: str) -> Credentials:
        """Validate, then store both secrets in the keyring; return what was stored.

        Both are validated before anything is written, so a typo never leaves half a pair.
        If the second write fails the first is removed again, for the same reason.
        """
        app_code = validate_secret("app code", app_code)
        client_key = validate_secret("client key", client_key)
        doing = "storing the QFPay credentials"
        try:
            keyring.set_password(self.service, APP_CODE_USER, app_code)
        except Exception as exc:
            log.debug("keyring write failed: %s", type(exc).__name__)
            raise _keyring_failure(exc, doing) from None
        try:
            keyring.set_password(self.service, CLIENT_KEY_USER, client_key)
        except Exception as exc:
            log.debug("keyring write failed: %s", type(exc).__name__)
            self._delete_quietly(APP_CODE_USER)
            raise _keyring_failure(exc, doing) from None
        log.info("credentials of profile %s stored in the keyring (app code %s)",
                 self.profile, mask(app_code))
        return Credentials(app_code, client_key, self._env_mchid(), source="keyring")

    def delete(self) -> bool:
        """Remove both secrets from the keyring; True if anything was there.

        Deleting what is not there is not an error (a second ``credentials delete``).
        """
        removed = False
        for user in (APP_CODE_USER, CLIENT_KEY_USER):
            if self._get(user) is None:
                continue
            try:
                keyring.delete_password(self.service, user)
            except Exception as exc:
                log.debug("keyring delete failed: %s", type(exc).__name__)
                raise _keyring_failure(exc, "deleting the QFPay credentials") from None
            removed = True
        log.info("credentials of profile %s %s", self.profile,
                 "deleted from the keyring" if removed else "were not in the keyring")
        return removed

    # -- the proxy's credentials ------------------------------------------------------------
    def load_proxy_auth(self) -> tuple[str, str] | None:
        """The proxy's (user, password) from the keyring, or None when none is stored."""
        user = self._get(PROXY_USER)
        password = self._get(PROXY_PASSWORD)
        if not user:
            return None
        return user, password or ""

    def save_proxy_auth(self, user: str, password: str) -> None:
        """Store (or, with an empty user, remove) the proxy's user name and password."""
        user = user.strip()
        if any(not c.isprintable() for c in user + password) or len(user) > 256 \
                or len(password) > 256:
            raise CredentialsError("The proxy user and password must be printable and at most "
                                   "256 characters.")
        if not user:
            for name in (PROXY_USER, PROXY_PASSWORD):
                if self._get(name) is not None:
                    self._delete_quietly(name)
            return
        try:
            keyring.set_password(self.service, PROXY_USER, user)
            keyring.set_password(self.service, PROXY_PASSWORD, password)
        except Exception as exc:
            log.debug("keyring write failed: %s", type(exc).__name__)
            raise _keyring_failure(exc, "storing the proxy credentials") from None

    def _delete_quietly(self, user: str) -> None:
        try:
            keyring.delete_password(self.service, user)
        except Exception as exc:  # best effort while reporting the first failure
            log.debug("keyring cleanup failed: %s", type(exc).__name__)


# -- the connection test --------------------------------------------------------------------
_PROBE_SYSSN = "0" * 20  # a well-formed syssn no payment has: the enquiry finds nothing


def check(gateway: Gateway, journal: object | None = None,
          routing: str = "guide") -> CheckResult:
    """Send one signed enquiry; say whether the credentials work, and what shape the gateway
    has (``shape_findings``).

    The answers an admin must tell apart: the key works; the gateway refused the signature
    (wrong app code or key, or a key of another environment); nothing could be sent (the
    network, or a TLS failure named plainly), so nothing was tested; or the gateway answered
    in a way that proves neither.
    """
    result = _check(gateway)
    findings, shape = shape_findings(gateway, journal, routing)
    return CheckResult(result.ok, result.kind, result.message, findings, shape, result.reason)


def _check(gateway: Gateway) -> CheckResult:
    try:
        gateway.query(syssn=_PROBE_SYSSN)
    except WrongCredentials:
        return CheckResult(False, "wrong_credentials",
                           "The gateway rejected the credentials (1108): the app code or client "
                           "key is wrong, or belongs to another environment or region.")
    except TlsFailure as exc:
        return CheckResult(False, "tls", f"The secure connection to the gateway failed: "
                                         f"{exc.reason}; the credentials were not tested.",
                           reason=exc.reason_text)
    except NotSent as exc:
        return CheckResult(False, "unreachable",
                           f"The network or gateway is down ({exc.reason}); the credentials "
                           "were not tested.")
    except UnknownOutcome as exc:
        if isinstance(exc, BadResponseSignature):
            # The gateway signs its answer with the merchant's real key: an answer that
            # matches no signature method under ours means the app code is known but our
            # client key is not it (or something on the way altered the answer).
            return CheckResult(False, "wrong_credentials",
                               "The gateway's answer was signed with another key: the client "
                               "key is probably wrong for this app code (or something on the "
                               "way altered the answer).")
        return CheckResult(False, "unknown", f"{exc} The credentials could not be confirmed; "
                                             "try again.")
    except RateLimited as exc:
        return CheckResult(False, "unknown", f"{exc} The credentials could not be confirmed; "
                                             "try again in a minute.")
    except PosrevError as exc:
        return CheckResult(False, "unknown", f"{exc} The credentials could not be confirmed.")
    return CheckResult(True, "ok", "The gateway accepted the credentials.")


_METHOD_WORDS = {"raw": "over the raw answer", "fields": "over the sorted answer fields"}


def shape_findings(gateway: Gateway, journal: object | None = None,
                   routing: str = "guide") -> tuple[dict, str]:
    """What the last exchange and this profile's memory show of the gateway's shape: how its
    answers are signed, the close method, the proxy, the routing fallbacks seen in the
    journal. A dict for scripts and the diagnostics bundle, and sentences for people."""
    from posrev.gateway.client import MEMORY_CLOSE, MEMORY_SIGNS

    if not isinstance(gateway, Gateway):  # a stand-in (tests) has no shape to report
        return {}, ""
    seen = gateway.last_signature
    remembered = gateway._remembered(MEMORY_SIGNS) or ""
    mode = gateway.response_signature
    sentences: list[str] = []
    if seen in _METHOD_WORDS or (seen is None and remembered):
        method, _, hash_name = (remembered or seen or "").partition("/")
        hash_text = {"md5": "MD5", "sha256": "SHA-256"}.get(hash_name, "MD5")
        signed = f"Its answers are signed ({hash_text} {_METHOD_WORDS.get(method, '')})"
        sentences.append(signed + "; response_signature = \"ignore\" skips that check: set "
                         "\"if_present\"." if mode == "ignore" else
                         signed + "; posrev now requires that signature on every answer "
                         f"(response_signature = \"{mode}\" is right).")
    elif seen == "unsigned":
        sentences.append("Its answers are unsigned; keep response_signature = \"if_present\" "
                         "(\"verify\" would make every void's outcome unknown).")
    elif seen == "mismatch":
        sentences.append("Its answers carry a signature that matches no known method under "
                         "this client key: check the key; response_signature = \"ignore\" "
                         "only if QFPay confirms the key is right.")
    close_setting = gateway.close_method
    learned = gateway._remembered(MEMORY_CLOSE) or ""
    if close_setting == "auto":
        sentences.append(f"Close: sent by {learned}, as learned from this gateway." if learned
                         else "Close: not used yet; GET first, then POST if GET is refused.")
    else:
        sentences.append(f"Close: always sent by {close_setting.upper()} (close_method).")
    proxy = gateway.proxy_in_use()
    sentences.append(f"Proxy: {proxy}." if proxy else "Proxy: none (direct connection).")
    fallbacks: dict[str, int] = {}
    if journal is not None and hasattr(journal, "events"):
        for event in journal.events(None, "void.route_fallback"):  # type: ignore[attr-defined]
            detail = event.get("detail") or {}
            key = f"{detail.get('pay_type', '?')}: {detail.get('from')} -> {detail.get('to')}"
            fallbacks[key] = fallbacks.get(key, 0) + 1
    if fallbacks:
        listed = ", ".join(f"{k} ({n}x)" for k, n in sorted(fallbacks.items()))
        other = "2025" if routing == "guide" else "guide"
        sentences.append(f"Routing ({routing}): the other endpoint was needed for {listed}; "
                         f"consider routing = \"{other}\" or list these pay types.")
    else:
        sentences.append(f"Routing ({routing}): no fallback needed so far.")
    findings = {"gateway": gateway.base_url, "response_signature": mode,
                "signature_seen": seen or "", "signature_remembered": remembered,
                "close_method": close_setting, "close_learned": learned, "proxy": proxy,
                "use_system_proxy": gateway.use_system_proxy,
                "ca_bundle": gateway.ca_bundle, "routing": routing,
                "routing_fallbacks": fallbacks}
    return findings, " ".join(sentences)
