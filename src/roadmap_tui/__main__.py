from roadmap_tui.cli import main

raise SystemExit(main())
