"""Place mentions in a report: every capitalized name that resolves to a place, minus the
words that only look like one, each resolved with what the whole text says about where it
lies.

Two passes over the text. The first finds candidate names (Latin or Cyrillic, one word or
several: "Chasiv Yar", "Kupiansk-Vuzlovyi", "Малая Токмачка"), drops people, units,
directions, fronts, regions and the like (:mod:`geo.text.nonplaces`), marks the places in
Russia (a Russian region named with it, "the Russian town of", a known Russian name), and
looks each up in every inflected form (:mod:`geo.text.morph`). The second resolves the
names shared by several places with :meth:`~geo.places.resolution.Resolver.resolve_in_context`:
the oblast named with the mention, the oblasts named in the text, the distance to the
text's unambiguous places and to the front, population. A name met again later is the same
place unless the text names another oblast with it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from geo.places.context import BEARINGS, HROMADA_KM, TOWARD_KM, PlaceContext, Toward, fits
from geo.places.fold import fold
from geo.places.resolution import Resolution, Resolver
from geo.text.directions import Direction, directions, names_of, toward_for
from geo.text.geography import ABROAD_BEFORE, Region, is_region_word, region_for, regions
from geo.text.lists import enumerations
from geo.text.morph import (
    attribute_of,
    forms,
    is_cyrillic,
    known_word,
    phrase_forms,
    ukrainian_forms,
)
from geo.text.nonplaces import (
    ABROAD_NAMES,
    COMMON,
    FIRST_NAMES,
    NOT_PLACE_AFTER,
    NOT_PLACE_BEFORE,
    SPEECH_AFTER,
    TITLE_BEFORE,
    known_person,
)
from geo.text.sentences import sentences

#: An English word's ending, never a Ukrainian place name's in Latin letters: a name found
#: only as a transliteration variant that ends so is an English word ("Security").
_ENGLISH_WORD = re.compile(r"(?:tion|sion|ment|ness|ship|ence|ance|ology|urity|ality|ility|"
                           r"ivity|ing)$", re.I)

#: The lower-case word right after a name ("Вооружённых сил": сил).
#: A status word after a name («Балаклія звільнена»): the name is its subject, no title.
_STATUS_WORD = re.compile(r"(?:звільн|захопл|окупов|оккупир|освобожд|зачищ|оточ|окруж|взят|"
                          r"заблок|блокир)\w*", re.I)
_NEXT_WORD = re.compile(r"\s([а-яіїєґё][а-яіїєґё'’ʼ-]*)")
_WORD = r"(?:[A-Z][a-z'’ʼ]+|[А-ЯІЇЄҐЁ][а-яіїєґё'’ʼ]+)"
CANDIDATE = re.compile(rf"{_WORD}(?:(?:-|\s)(?:{_WORD}|Yar|Яр))*(?:-[a-z]+)?")


_NEXT_CAP = re.compile(r"\s([А-ЯІЇЄҐЁ][а-яіїєґё'’ʼ-]+)")
_PREV_CAP = re.compile(r"([А-ЯІЇЄҐЁ][а-яіїєґё'’ʼ-]+)\s$")


def _in_title(written: str, after: str, before: str) -> bool:
    """Whether a capitalised Cyrillic word is one word of a capitalised name of common words
    (no place named as a whole): an adjective agreeing with the common noun after it
    («Збройним Силам»), or that noun after such an adjective."""
    nxt, prev = _NEXT_CAP.match(after), _PREV_CAP.search(before)
    if nxt and known_word(nxt.group(1)) and attribute_of(written, nxt.group(1).lower()):
        return True
    return bool(prev and known_word(written) and attribute_of(prev.group(1), written.lower()))


#: What may stand between two names of one list: "Sudzha as well as the villages of Podol",
#: "Суджу, Мелове та Подол".
_GLUE = (r"\s*(?:,\s*(?:and\s+|as well as\s+)?|\s+and\s+|\s+as well as\s+|\s+та\s+|\s+і\s+"
         r"|\s+и\s+|\s+а также\s+)(?:the\s+)?(?:(?:villages?|towns?|settlements?|сел\w*|"
         r"селищ\w*)\s+(?:of\s+)?)?")
#: Names the gazetteer lacks may sit between them ("Sudzha as well as Melovoi and Podol").
_LIST_GLUE = re.compile(rf"{_GLUE}(?:{_WORD}{_GLUE})*")


def _abroad_lists(text: str, found: list[Mention]) -> None:
    """A name listed beside a place in Russia lies in Russia too (Sudzha, Melovoi and Podol)."""
    ordered = sorted(found, key=lambda m: m.start)
    changed = True
    while changed:
        changed = False
        for left, right in itertools.pairwise(ordered):
            if left.abroad == right.abroad or not _LIST_GLUE.fullmatch(text[left.end:right.start]):
                continue
            near = right if left.abroad else left
            if near.ids and not near.rejected:
                near.abroad, changed = True, True
                near.rejected = "a place in Russia (listed with one)"


def _list_regions(text: str, live: list[Mention], tracked: set[str]) -> None:
    """A region named after a list's last member places the members before it that name
    none of their own («A, B та C Бериславського району», "A, B and C in the Donetsk
    region"), back to the member that names one; not a name one of the ``tracked``
    (curated) settlements bears, which the list's region would only pull to a namesake."""
    live = sorted(live, key=lambda m: m.start)
    for group in enumerations(text, live, plain=True):
        carried: Region | None = None
        for i in reversed(group):
            m = live[i]
            if m.region is not None and m.region.start >= m.end:
                carried = m.region
            elif m.region is None and carried is not None:
                if not tracked & set(m.ids):
                    m.region = carried
            else:
                carried = None


@dataclass
class Mention:
    """A place named in the text (``res``), or a name rejected with the reason."""

    start: int
    end: int
    written: str
    res: Resolution | None = None
    abroad: bool = False
    rejected: str = ""
    region: Region | None = None
    ids: list[str] = field(default_factory=list)
    #: the spellings to resolve it by, when not its own forms («Дачне» before «Дачное»)
    spellings: tuple[str, ...] = ()


def _person_words(text: str, words: list[re.Match[str]], offset: int) -> set[int]:
    """Indexes of the words that are (part of) a person's name."""
    out: set[int] = set()
    titled = bool(TITLE_BEFORE.search(text[max(0, offset - 60):offset]))
    for i, w in enumerate(words):
        key = fold(w.group())
        if titled or known_person(key):
            out.add(i)
        if key in FIRST_NAMES:
            out.update({i, i + 1})
    return {i for i in out if i < len(words)}


class MentionFinder:
    """Finds and resolves the place mentions of one text."""

    def __init__(self, resolver: Resolver, front: Any = None,
                 front_source: str = "the front") -> None:
        self.resolver = resolver
        self.front = front
        self.front_source = front_source

    def candidates(self, text: str) -> list[Mention]:
        """Pass one: names that resolve to places, and the rejected look-alikes."""
        found: list[Mention] = []
        people: set[str] = set()
        for m in CANDIDATE.finditer(text):
            words = list(re.finditer(r"[^\s]+", m.group()))
            persons = _person_words(text, words, m.start())
            for i in persons:
                people.add(fold(words[i].group()))
            spans = []
            if not persons:
                spans.append((m.start(), m.end()))
            free = [w for i, w in enumerate(words) if i not in persons]
            for w1, w2 in itertools.pairwise(free):
                spans.append((m.start() + w1.start(), m.start() + w2.end()))
            spans += [(m.start() + w.start(), m.start() + w.end()) for w in free]
            for i in sorted(persons):
                a, b = m.start() + words[i].start(), m.start() + words[i].end()
                found.append(Mention(a, b, text[a:b], rejected="a person's name"))
            taken: list[tuple[int, int]] = []
            for a, b in spans:
                if any(x <= a < y or x < b <= y for x, y in taken):
                    continue
                mention = self._candidate(text, a, b, people)
                if mention is not None:
                    found.append(mention)
                    if mention.ids or mention.abroad or mention.rejected.startswith("a person"):
                        taken.append((a, b))
        return sorted(found, key=lambda x: x.start)

    def _candidate(self, text: str, a: int, b: int, people: set[str]) -> Mention | None:
        written = text[a:b].rstrip("'’")
        if written.endswith(("'s", "’s")):
            written = written[:-2]
            b = a + len(written)
        key = fold(written)
        if len(key) < 4 or key in COMMON or all(fold(w) in COMMON for w in written.split()) or (
                is_cyrillic(written) and any(fold(f) in COMMON for f in forms(written))):
            return None
        after, before = text[b:b + 80], text[max(0, a - 40):a]
        if key in people or fold(written.split()[-1]) in people or (
                len(written.split()) == 1 and any(fold(f) in FIRST_NAMES or known_person(fold(f))
                                                  for f in forms(written)[1:])):
            return Mention(a, b, written, rejected="a person's name")
        if NOT_PLACE_AFTER.match(after) or NOT_PLACE_BEFORE.search(before) or (
                is_region_word(written)):
            return Mention(a, b, written, rejected="a unit, direction, front or region")
        noun = _NEXT_WORD.match(after)
        if noun and " " not in written and not _STATUS_WORD.match(noun.group(1)) and \
                attribute_of(written, noun.group(1)):
            return None  # "Вооружённых сил", "Верховным главнокомандующим": a title's words
        if " " not in written and _in_title(written, after, before):
            return None  # «Слава Українським Збройним Силам»: a name's words, not places
        if SPEECH_AFTER.match(after) and not is_cyrillic(written):
            return Mention(a, b, written, rejected="a speaker, not a place")
        words = written.split()
        variants = (list(forms(written)) if len(words) == 1 else phrase_forms(words))
        ids, _c, reason, _f = self.resolver.lookup(variants)
        spellings: tuple[str, ...] = ()
        if ids and len(words) == 1 and reason.startswith(("exact", "same")):
            # «Дачное» is also the village written «Дачне» in Ukrainian: when that spelling
            # finds all its namesakes and more, they are weighed together (by the oblast, the
            # other places, the front), not only those a Russian spelling is listed for
            uk = ukrainian_forms(written)
            more, _c2, why, _f2 = self.resolver.lookup(uk)
            if more and why.startswith(("exact", "same")) and set(ids) < set(more):
                ids, spellings = more, (*uk, *variants)
        if ids and reason.startswith("transliteration variant") and (
                known_word(written) or _ENGLISH_WORD.search(written)):
            return None  # "Місто" is no misspelt Mosty, "Security" no Shchyrets
        if key in ABROAD_NAMES or ABROAD_BEFORE.search(before):
            return Mention(a, b, written, abroad=True, rejected="a place in Russia")
        if not ids:
            return None
        return Mention(a, b, written, ids=list(dict.fromkeys(ids)), spellings=spellings)

    def _where(self, place: str) -> tuple[float, float]:
        places = self.resolver.places
        return float(places.at[place, "lat"]), float(places.at[place, "lon"])  # type: ignore[arg-type]

    def find(self, text: str) -> list[Mention]:
        """Every mention of ``text``, resolved (pass two); rejected ones keep ``res=None``."""
        found = self.candidates(text)
        phrases = regions(text)
        oblasts = tuple(dict.fromkeys(r.oblast for r in phrases if r.oblast))
        spans = sentences(text)
        abroad_names: set[str] = set()
        for m in found:
            m.region = region_for(text, m.start, m.end, phrases) if m.ids else None
        bound = {id(m.region) for m in found if m.region is not None}
        for m in found:
            if not m.ids:
                if m.abroad:
                    abroad_names.add(fold(m.written))
                continue
            a, b = next(((x, y) for x, y in spans if x <= m.start < y), (0, len(text)))
            local = [r for r in phrases if a <= r.start < b]
            framing = {r.oblast for r in local if r.oblast}
            if m.region is None and len(framing) == 1 and all(
                    not r.abroad and r.end <= m.start and id(r) not in bound for r in local):
                m.region = local[0]  # "In the Sumy region, ... liberated A and B": A's oblast
            if m.region is None and not local:  # no region in its sentence: its paragraph's
                para = _paragraph(text, m.start)
                local = [r for r in phrases if para[0] <= r.start < para[1]]
            if m.region is None and local and all(r.abroad for r in local):
                m.region = local[0]  # a sentence (paragraph) about Russia's regions only
            if fold(m.written) in abroad_names or (m.region is not None and m.region.abroad):
                m.abroad, m.rejected = True, "a place in Russia"
                abroad_names.add(fold(m.written))
        _abroad_lists(text, found)
        curated = self.resolver.places["curated"].astype(bool)
        _list_regions(text, [m for m in found if m.ids and not m.rejected],
                      {i for m in found for i in m.ids if curated.get(i, False)})
        live = [m for m in found if m.ids and not m.abroad]
        anchors = [self._where(m.ids[0]) for m in live if len(m.ids) == 1]
        memory: dict[tuple[str, ...], Resolution] = {}
        found_dirs = directions(text)
        paragraphs = [(x.start(), x.end()) for x in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+",
                                                                 text)]
        towns: dict[str, Toward | None] = {}
        for m in sorted(live, key=lambda m: len(m.ids)):  # the surest first: they anchor
            oblast = m.region.oblast if m.region else None
            raion = m.region.raion if m.region else None
            key = tuple(sorted(m.ids))
            toward = self._toward(text, m, found_dirs, spans, paragraphs, oblasts, towns)
            if key in memory and (oblast is None or memory[key].oblast == oblast) and (
                    toward is None or _near(memory[key], toward)) and raion is None:
                first = memory[key]
                m.res = Resolution(**{**first.__dict__, "query": m.written,
                                      "reason": first.reason + "; named earlier in the text"})
                continue
            own = self._where(m.ids[0]) if len(m.ids) == 1 else None
            context = PlaceContext(oblast=oblast, oblasts=oblasts,
                                   anchors=tuple(p for p in anchors if p != own),
                                   front=self.front, front_source=self.front_source,
                                   toward=toward, raion=raion)
            words = m.written.split()
            variants = m.spellings or (forms(m.written) if len(words) == 1
                                       else tuple(phrase_forms(words)))
            query = m.spellings[0] if m.spellings else m.written
            m.res = self.resolver.resolve_in_context(query, variants, context)
            if m.res is not None:
                memory[key] = m.res
                if len(m.ids) > 1 and m.res.confidence >= 0.6:
                    anchors.append((m.res.lat, m.res.lon))
        return found

    def _toward(self, text: str, m: Mention, found: list[Direction],
                spans: list[tuple[int, int]], paragraphs: list[tuple[int, int]],
                oblasts: tuple[str, ...], towns: dict[str, Toward | None]) -> Toward | None:
        """The direction named with ``m`` ("northwest of Selydove"), its town resolved."""
        sentence = next(((x, y) for x, y in spans if x <= m.start < y), (0, len(text)))
        paragraph = next(((x, y) for x, y in paragraphs if x <= m.start < y), sentence)
        d = toward_for(text, m.start, m.end, found, sentence, paragraph)
        if d is None or fold(d.name) == fold(m.written):
            return None
        if d.name not in towns:
            names = names_of(d)
            variants = tuple(v for n in names for v in forms(n))
            res = self.resolver.resolve_in_context(
                names[0], variants, PlaceContext(oblasts=oblasts, front=self.front,
                                                 front_source=self.front_source))
            towns[d.name] = None if res is None else Toward(
                res.name, res.lat, res.lon, None, text[d.start:d.end])
        town = towns[d.name]
        if town is None:
            return None
        return Toward(town.name, town.lat, town.lon,
                      BEARINGS.get(d.bearing or "") if d.bearing else None,
                      text[d.start:d.end], HROMADA_KM if d.hromada else TOWARD_KM)


def _near(res: Resolution, toward: Toward) -> bool:
    """Whether a place resolved earlier lies near the town a later direction names."""
    return bool(fits([res.lat], [res.lon], toward)[0])


#: Where a paragraph ends: a blank line, or a line break before a list bullet ("Key
#: Takeaways:\n- ... in Kursk Oblast\n- ... advanced in Toretsk": two items, not one).
_PARA_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[-•*–—]\s)")


def _paragraph(text: str, at: int) -> tuple[int, int]:
    """The span of the paragraph (blank-line or bullet delimited) holding position ``at``."""
    start = max((m.end() for m in _PARA_BREAK.finditer(text, 0, at)), default=0)
    end = next((m.start() for m in _PARA_BREAK.finditer(text, at)), len(text))
    return start, end
