"""Word packages: writing them (``zip_writer``, ``package``), their styles by role (``styles``),
reading their text (``blocks``, ``readback``), fitting rules (``layout``, ``text_width``), and what
drafting keeps inside every draft (``provenance``, ``guard``)."""
