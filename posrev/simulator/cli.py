"""``posrev simulator``: serve the gateway simulator until SIGINT/SIGTERM (DESIGN.md §7, §11).

The first line of stdout is one JSON object with the base URL and the demo credentials, so
a script can start the simulator and read where to point posrev; a human line goes to
stderr. The simulator serves only on loopback.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from types import FrameType

from posrev.gateway.environments import is_loopback
from posrev.simulator.demo import seed_demo_data
from posrev.simulator.records import SimulatorError
from posrev.simulator.server import (
    CLOSE_METHODS,
    CLOSE_REFUSALS,
    DEMO_APP_CODE,
    DEMO_CLIENT_KEY,
    RESPONSE_SIGNATURES,
    Simulator,
)

DEFAULT_PORT = 8765


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"posrev simulator: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="posrev simulator",
                     description="Serve the QFPay gateway simulator on loopback.")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address (127.0.0.1)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port ({DEFAULT_PORT}; 0 picks a free one)")
    parser.add_argument("--demo-data", action="store_true", help="create the demo orders")
    parser.add_argument("--seed", type=int, default=0, help="seed for syssns and faults")
    parser.add_argument("--close-post-only", action="store_true",
                        help="answer GET /trade/v1/close with 405, to exercise the fallback")
    parser.add_argument("--response-signature", choices=RESPONSE_SIGNATURES, default="raw",
                        help="how answers are signed: raw body, sorted fields, none, or a "
                             "wrong key (raw)")
    parser.add_argument("--close-method", choices=CLOSE_METHODS, default=None,
                        help="methods /trade/v1/close accepts (get; --close-post-only = post)")
    parser.add_argument("--close-refusal", choices=CLOSE_REFUSALS, default="405",
                        help="how the other close method is refused: HTTP 405, 404, 501, or a "
                             "JSON answer (1104)")
    parser.add_argument("--routing", choices=("guide", "2025"), default="guide",
                        help="which pay types reversal and close accept")
    parser.add_argument("--legacy", action="store_true",
                        help="answer 'in progress' as 2999, as older gateways did")
    parser.add_argument("--mchid", default=None, help="require this mchid on every request")
    parser.add_argument("--state-file", default=None,
                        help="keep orders in this JSON file across runs")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:  # usage errors (2) and --help (0) end here, not the caller
        return int(exc.code or 0)
    if not is_loopback(args.host):
        print(f"posrev simulator: refusing to serve on {args.host}; the simulator listens "
              "only on a loopback address such as 127.0.0.1.", file=sys.stderr)
        return 2
    if not 0 <= args.port <= 65535:
        print(f"posrev simulator: port {args.port} is not a valid port number (0 to 65535).",
              file=sys.stderr)
        return 2
    stop = threading.Event()

    def _on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    # Signal handlers can only be installed from the main thread (an embedding caller may
    # run this elsewhere and stop it some other way).
    in_main = threading.current_thread() is threading.main_thread()
    previous = {sig: signal.signal(sig, _on_signal)
                for sig in (signal.SIGINT, signal.SIGTERM)} if in_main else {}
    try:
        try:
            sim = Simulator(seed=args.seed, close_post_only=args.close_post_only,
                            mchid=args.mchid, state_file=args.state_file,
                            response_signature=args.response_signature,
                            close_method=args.close_method, close_refusal=args.close_refusal,
                            routing=args.routing, legacy=args.legacy)
            base_url = sim.start(args.host, args.port)
        except SimulatorError as exc:
            print(f"posrev simulator: {exc}.", file=sys.stderr)
            return 4
        except OSError as exc:
            print(f"posrev simulator: cannot listen on {args.host}:{args.port} "
                  f"({exc.strerror or exc}); choose another --port, or 0 for a free one.",
                  file=sys.stderr)
            return 4
        try:
            if args.demo_data:
                seed_demo_data(sim)
            print(json.dumps({"base_url": base_url, "app_code": DEMO_APP_CODE,
                              "client_key": DEMO_CLIENT_KEY}), flush=True)
            print(f"posrev simulator serving {base_url} (page: {base_url}/); "
                  "press Ctrl+C to stop.", file=sys.stderr, flush=True)
            while not stop.wait(0.5):
                pass
        finally:
            sim.stop()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
