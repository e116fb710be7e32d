from __future__ import annotations

from podlint.entry import main

raise SystemExit(main())
