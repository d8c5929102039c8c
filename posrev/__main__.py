from posrev.cli import main

raise SystemExit(main())
