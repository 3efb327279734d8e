"""From petition text to the features that are compared.

One left-to-right pass over the syllables sorts each of them into:
- *places*: what tells two otherwise alike petitions apart (commune, hamlet, road
  code, kilometre, a capitalised name), by kind, as folded values;
- *content*: what is asked, with paraphrases collapsed to concept tokens
  ("nâng cấp" and "sửa chữa" both become "~repair") and boilerplate dropped;
- nothing: stop words and bare quantities ("hơn 200 hộ").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from kernel.similarity import lexicon
from kernel.similarity.normalise import Token, is_accented, tokenize
from kernel.similarity.tables import DROP, content_table, marker_table, road_table

NAME = "name"  # kind of a capitalised name not introduced by a marker word
_NUMBER = re.compile(r"^\d+[a-z]?$")
# A syllable outside the lexicon is half a word at best ("cán", "bộ"); a concept
# token stands for a whole phrase. Tuned on the dev halves of both labelled sets.
SYLLABLE_WEIGHT = 0.3
_MAX_NAME_SYLLABLES = 4
_LOWERCASE_NAME_SYLLABLES = 2
_MAX_INSTITUTION_SYLLABLES = 8  # "Bộ Lao động Thương binh và Xã hội"
_MAX_COMPANY_FORM_SYLLABLES = 6  # "trách nhiệm hữu hạn một thành viên"
# Kinds whose marker word is itself part of what is asked ("cầu", "chợ", "đường").
_CONTENT_MARKER_KINDS = frozenset({"street", "landmark"})


@dataclass(frozen=True, slots=True, eq=False)
class Features:
    content: tuple[str, ...]  # content tokens in text order
    weights: Mapping[str, float]  # content token -> weight
    total: float  # sum of weights
    bigrams: frozenset[str]  # adjacent content tokens
    sorted_text: str  # content tokens sorted, for character-level comparison
    places: Mapping[str, frozenset[str]]  # kind -> values
    place_syllables: frozenset[str]  # every syllable of every place value


@lru_cache(maxsize=16384)
def extract(text: str) -> Features:
    """Features of `text`; cached because the same text is compared many times."""
    tokens = tokenize(text)
    state = _Pass(tokens, accented=is_accented(text), cased=_is_cased(tokens))
    state.run()
    places = {kind: frozenset(values) for kind, values in state.places.items()}
    return build(tuple(state.content), places)


def build(content: Sequence[str], places: Mapping[str, frozenset[str]]) -> Features:
    """Features from an already analysed content sequence and places."""
    weights = {token: token_weight(token) for token in content}
    bigrams = frozenset(f"{a} {b}" for a, b in pairwise(content))
    syllables = frozenset(spelling for values in places.values() for v in values
                          for s in v.split() for spelling in _spellings(s))
    return Features(
        tuple(content), weights, sum(weights.values()), bigrams, " ".join(sorted(content)),
        places, syllables,
    )


def token_weight(token: str) -> float:
    if token.startswith("~"):
        return lexicon.LOW_WEIGHT.get(token, 1.0)
    return SYLLABLE_WEIGHT


def _is_cased(tokens: Sequence[Token]) -> bool:
    """Whether capitals mean names here: some capital appears inside a sentence."""
    return any(t.capitalised and not t.sentence_start for t in tokens)


class _Pass:
    def __init__(self, tokens: Sequence[Token], accented: bool, cased: bool) -> None:
        self.tokens, self.accented, self.cased = tokens, accented, cased
        self.content: list[str] = []
        self.places: dict[str, set[str]] = {}
        self.plain_until = 0  # tokens before this index are an office's words, not names

    def run(self) -> None:
        i = 0
        while i < len(self.tokens):
            i = self._step(i)

    def _step(self, i: int) -> int:
        road = self._road_code(i)
        if road is not None:
            return road
        token = self.tokens[i]
        if self.cased and token.capitalised and i >= self.plain_until and self._institution_at(i):
            # "Bộ Quốc phòng", "Luật Nghĩa vụ quân sự", "Hội Nông dân": an office, a law or
            # an association, checked before the stop words ("bộ", "luật") drop its head.
            # Its name runs on to the next punctuation ("Bộ Giáo dục và Đào tạo"): no word
            # of it starts a name (marker words still read their places).
            self.plain_until = self._institution_end(i)
        phrase = content_table().match(self.tokens, i, self.accented)
        marker = marker_table().match(self.tokens, i, self.accented)
        if marker is not None and (phrase is None or marker.length >= phrase.length):
            after = self._place_after(i + marker.length, marker.target)
            if after is not None:
                if marker.target in _CONTENT_MARKER_KINDS:
                    self._add_content(i, marker.length)
                return after
        if phrase is not None:
            self.content.extend(phrase.target.split())
            if phrase.target in lexicon.NO_PLACE_AFTER:
                return i + phrase.length
            return self._place_after_phrase(i + phrase.length)
        if self.cased and token.capitalised and not token.sentence_start and i >= self.plain_until:
            end = self._capitalised_run(i)
            if end > i and self._person_before(i):
                return end  # "cử tri Lê Văn Sơn": who asks, neither a place nor the request
            if end > i and self._institution_at(i):
                # "Bộ Y tế", "Trưởng thôn": capitalised, but an office or a title. Its
                # words are read as words; none of them may start a name of its own.
                self.plain_until = end
            elif end > i:
                self._add_place(NAME, self.tokens[i:end])
                return end
        if not token.folded.isdigit():
            self.content.append(token.folded)
        return i + 1

    def _place_after_phrase(self, end: int) -> int:
        """A phrase may end in a marker word ("nạo vét kênh 8"): read the place after it."""
        last = marker_table().match(self.tokens[end - 1 : end], 0, self.accented)
        if last is None:
            return end
        after = self._place_after(end, last.target)
        return end if after is None else after

    def _add_content(self, start: int, length: int) -> None:
        phrase = content_table().match(self.tokens[start : start + length], 0, self.accented)
        if phrase is not None:
            self.content.extend(phrase.target.split())

    def _road_code(self, i: int) -> int | None:
        prefix = road_table().match(self.tokens, i, accented=False)
        if prefix is None:
            return None
        j = i + prefix.length
        if j < len(self.tokens) and _NUMBER.match(self.tokens[j].folded):
            self._add_value("road", prefix.target + self.tokens[j].folded)
            return j + 1
        return None

    def _institution_end(self, start: int) -> int:
        if self.tokens[start].folded not in lexicon.LONG_NAMED_INSTITUTIONS:
            return self._capitalised_run(start, after_marker=True)  # "Trưởng thôn"
        end = start + 1
        while end < len(self.tokens) and end - start < _MAX_INSTITUTION_SYLLABLES:
            if self.tokens[end].boundary:
                break
            end += 1
        return end

    def _place_after(self, j: int, kind: str) -> int | None:
        """Record the number or name after a marker; return where the pass resumes."""
        if j < len(self.tokens) and self.tokens[j].folded == "so":  # "đường số 5"
            j += 1
        if j >= len(self.tokens) or self.tokens[j].sentence_start:
            return None  # "... nhu cầu. Điều này": a new sentence names no place
        if _NUMBER.match(self.tokens[j].folded):
            self._add_value(kind, self.tokens[j].folded)
            return j + 1
        if self.cased:
            if self.tokens[j].boundary and self._institution_at(j):
                return None  # "thôn, Trưởng ban công tác Mặt trận": a title, not a hamlet
            j = self._after_company_form(j)
            end = self._capitalised_run(j, after_marker=True)
        elif self.tokens[j].boundary:
            return None  # "tổ dân phố, cán bộ không chuyên trách": the next item of a list
        elif kind in lexicon.LOWERCASE_NAME_KINDS:
            end = self._lowercase_name(j)
        else:
            return None
        if end == j:
            return None
        self._add_place(kind, self.tokens[j:end])
        if self.cased:
            plural = j >= 2 and self.tokens[j - 2].folded in lexicon.PLURAL_WORDS
            return self._list_after(end, kind, plural)
        return end

    def _list_after(self, end: int, kind: str, plural: bool) -> int:
        """ "các tỉnh Ninh Bình, Thái Bình, Quảng Ngãi", "hai xã Yên Bình và Thạch Hòa":
        each capitalised item of a list after a marker is a place of the marker's kind,
        not a bare name. Items after commas need a plural marker ("các", "hai");
        an item after "và" is read after any marker ("xã Tân Phú và Long Định")."""
        while end < len(self.tokens):
            token = self.tokens[end]
            start = end + 1 if token.folded == "va" and not token.boundary else end
            if start >= len(self.tokens) or (start == end and not (plural and token.boundary)):
                break
            head = self.tokens[start]
            if head.sentence_start or not head.capitalised or self._institution_at(start):
                break
            if marker_table().match(self.tokens, start, self.accented) is not None:
                break  # "các xã A, B, huyện C": the next item has its own marker
            stop = self._capitalised_run(start, after_marker=True)
            if stop == start:
                break
            self._add_place(kind, self.tokens[start:stop])
            end = stop
        return end

    def _after_company_form(self, j: int) -> int:
        """ "Công ty cổ phần mía đường Sơn Dương": after "công ty", the lower-case words of
        its legal form and trade come before its name; skip them to the name."""
        if j < 2 or (self.tokens[j - 2].folded, self.tokens[j - 1].folded) != ("cong", "ty"):
            return j
        end = j
        while end < len(self.tokens) and end - j < _MAX_COMPANY_FORM_SYLLABLES:
            token = self.tokens[end]
            if token.capitalised or (end > j and token.boundary):
                break
            end += 1
        capitalised = end < len(self.tokens) and self.tokens[end].capitalised
        if not capitalised or self.tokens[end].boundary:
            return j
        k = j  # the skipped words still say what is asked ("mía đường": sugarcane)
        while k < end:
            phrase = content_table().match(self.tokens[:end], k, self.accented)
            if phrase is not None:
                self.content.extend(phrase.target.split())
                k += phrase.length
            else:
                self.content.append(self.tokens[k].folded)
                k += 1
        return end

    def _capitalised_run(self, start: int, after_marker: bool = False) -> int:
        end = start
        while end < len(self.tokens) and end - start < _MAX_NAME_SYLLABLES:
            token = self.tokens[end]
            if not token.capitalised or (end > start and token.boundary):
                break
            if not after_marker and end == start and token.sentence_start:
                break
            end += 1
        # After a marker word the run is a place whatever it spells ("xã Đoàn Kết").
        return end

    def _person_before(self, start: int) -> bool:
        """Whether the capitalised run at `start` follows a word that introduces a person."""
        for length in (2, 1):
            if start - length >= 0:
                words = " ".join(t.text for t in self.tokens[start - length : start])
                if words in lexicon.PERSON_WORDS:
                    return True
        return False

    def _institution_at(self, start: int) -> bool:
        """ "Công an", "Sở Giao thông": capitalised, but an institution, not a place."""
        for length in (1, 2, 3):
            words = " ".join(t.folded for t in self.tokens[start : start + length])
            if words in lexicon.NOT_PLACE_WORDS:
                return True
        return False

    def _lowercase_name(self, start: int) -> int:
        """Up to two syllables that are not vocabulary: "xa tan phu bi ngap" -> "tan phu"."""
        end = start
        while end < len(self.tokens) and end - start < _LOWERCASE_NAME_SYLLABLES:
            token = self.tokens[end]
            if token.folded.isdigit() or (end > start and token.boundary):
                break
            if self._is_vocabulary(end, first=end == start):
                break
            end += 1
        return end

    def _is_vocabulary(self, i: int, first: bool) -> bool:
        if marker_table().match(self.tokens[i : i + 1], 0, self.accented) is not None:
            return True
        phrase = content_table().match(self.tokens, i, self.accented)
        # The first syllable of a name may look like a word ("An", "Phú"); only a
        # stop word ends it there. Later syllables end at any known word.
        return phrase is not None and (phrase.target == DROP or not first)

    def _add_place(self, kind: str, tokens: Sequence[Token]) -> None:
        self._add_value(kind, " ".join(t.folded for t in tokens))

    def _add_value(self, kind: str, value: str) -> None:
        self.places.setdefault(kind, set()).add(spelling_key(value))


# Local names are written in more than one spelling: "Đắk Lắk" / "Đắc Lắc", "Mỹ" / "Mĩ",
# "Quy" / "Qui". A place value is kept in one spelling: final y as i, initial k as c
# (not in "kh"), final k as c.
_FINAL_Y = re.compile(r"(?<=[^aeiouy])y\b|(?<=u)y\b")
_INITIAL_K = re.compile(r"\bk(?!h)")
_FINAL_K = re.compile(r"(?<=[aeiou])k\b")


@lru_cache(maxsize=8192)
def _spellings(syllable: str) -> tuple[str, ...]:
    """A place syllable as kept and as it may be written in a text ("mi": also "my"),
    so that `scoring._without` finds the place's words in the other text."""
    found = {syllable}
    if syllable.endswith("i"):
        found.add(syllable[:-1] + "y")
    for spelling in list(found):
        if spelling.startswith("c") and not spelling.startswith("ch"):
            found.add("k" + spelling[1:])
    for spelling in list(found):
        if spelling.endswith("c") and not spelling.endswith("ch"):
            found.add(spelling[:-1] + "k")
    return tuple(sorted(found))


def spelling_key(value: str) -> str:
    """One spelling of a folded place value: "dak lak" and "dac lac" are one place."""
    value = _FINAL_Y.sub("i", value)
    value = _INITIAL_K.sub("c", value)
    return _FINAL_K.sub("c", value)
