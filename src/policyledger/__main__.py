"""Allow ``python -m policyledger``."""

from policyledger.cli import main

raise SystemExit(main())
