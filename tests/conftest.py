import sys
from pathlib import Path

# tests/fidelity.py is shared by the tests and runnable on its own
sys.path.insert(0, str(Path(__file__).parent))
