"""The QFPay gateway simulator (DESIGN.md §11): a real HTTP server on 127.0.0.1.

Used by ``posrev --demo``, by the tests and by anyone evaluating posrev without QFPay
credentials. It imports no Qt.

    from posrev.simulator import Simulator, seed_demo_data
    with Simulator(seed=0) as sim:          # starts on a free loopback port
        names = seed_demo_data(sim)
        ...  # Gateway(sim.base_url, DEMO_APP_CODE, DEMO_CLIENT_KEY)
"""

from posrev.simulator.demo import DEMO_ORDERS, seed_demo_data
from posrev.simulator.model import OrderNotFound
from posrev.simulator.records import SimulatorError
from posrev.simulator.server import DEMO_APP_CODE, DEMO_CLIENT_KEY, Simulator

__all__ = ["DEMO_APP_CODE", "DEMO_CLIENT_KEY", "DEMO_ORDERS", "OrderNotFound", "Simulator",
           "SimulatorError", "seed_demo_data"]
