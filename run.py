"""Entry point: python run.py serve | init-db [--demo] | chat  (python run.py -h for all)."""

import sys

from bot.cli import main

if __name__ == "__main__":
    sys.exit(main())
