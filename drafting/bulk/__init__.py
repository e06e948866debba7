"""Many localities: their inputs (``localities``, ``tables``), the bulk run with its manifest
(``run``, ``manifest``), and the roll-up to the level above (``rollup``)."""
