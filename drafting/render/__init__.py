"""Templates filled with a sheet: finding templates and their layouts (``templates``,
``profiles``), the compiled engine (``engine``), and one draft rendered and written (``draft``)."""
