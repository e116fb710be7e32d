from __future__ import annotations

from podlint.cli import main

raise SystemExit(main())
