"""Vietnamese dictionary order for sorting place names."""

from __future__ import annotations

import unicodedata

from .numbers import nfc

# f j w z are not Vietnamese letters but occur in names; they sit after their Latin neighbours.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {unicodedata.normalize("NFD", letter): rank for rank, letter in enumerate(_ALPHABET, 1)}
_LETTER_MARKS = "\u0306\u0302\u031b"  # breve, circumflex, horn make a new letter (ă â ê ô ơ ư)
# huyền, hỏi, ngã, sắc, nặng: the order of Vietnamese dictionaries and CLDR's vi tailoring
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def sort_key(text: str) -> tuple:
    """Key for ``sorted()``: Vietnamese dictionary order, letters word by word, then tones, then case."""
    text = nfc(text)
    words: list = [[]]
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch)[0] == "M":
            if words[-1]:
                words[-1][-1] += ch  # a mark belongs to the letter before it
        elif ch.isalnum():
            words[-1].append(ch)
        elif words[-1]:
            words.append([])
    letters: list[tuple] = []
    tones: list[tuple] = []
    cases: list[bool] = []
    for word in filter(None, words):
        ranks: list[tuple[int, int]] = []
        tone: list[int] = []
        for base, marks in ((cluster[0], cluster[1:]) for cluster in word):
            if base.isdecimal():
                # a run of digits is one number ("Phường 2" < "Phường 10"); (0, n) sorts before letters
                value = unicodedata.decimal(base)
                if ranks and ranks[-1][0] == 0:
                    ranks[-1] = (0, ranks[-1][1] * 10 + value)
                else:
                    ranks.append((0, value))
            else:
                low = base.lower()
                forming = "".join(m for m in marks if m in _LETTER_MARKS)
                # a letter outside the alphabet sorts after z, by code point
                rank = _LETTER_RANK.get(low + forming) or _LETTER_RANK.get(low) or 100 + ord(low[0])
                ranks.append((1, rank))
            # a tone belongs to the syllable, so "hoà" and "hòa" weigh the same here
            tone += [_TONE_RANK[m] for m in marks if m in _TONE_RANK]
            cases.append(base != base.lower())
        letters.append(tuple(ranks))
        tones.append(tuple(tone))
    return tuple(letters), tuple(tones), tuple(cases), text
