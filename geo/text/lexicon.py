"""The cue and speaker lexicon of :mod:`geo.text.extract`: word lists and compiled patterns.

Who speaks (claimant cues), what they say happened (status cues with their effect and
strength), what cancels a cue (denials, hypotheticals, context markers such as "towards"),
how a sentence splits into clauses, which capitalized words are never settlements, and the
date and territory-figure phrasings. Only data here: the rules that use it are in
:mod:`geo.text.extract`.
"""

from __future__ import annotations

import re

# --- speakers -------------------------------------------------------------------------------

_SPEECH = (r"(?:said|says|say|claims?|claimed|has claimed|have claimed|reported|announced|"
           r"stated|denies|denied|told)")
#: A Ukrainian oblast's name as an English text spells it (Kharkov too).
_UA_OBLAST = (r"(?:Kharkiv|Kharkov|Sumy|Donetsk|Luhansk|Zaporizhzhia|Zaporizhia|Zaporozhye|"
              r"Kherson|Mykolaiv|Nikolaev|Dnipropetrovsk|Odesa|Odessa|Chernihiv|Poltava|Kyiv)")
#: A capital named as a place, not as its government's voice: "north of Kyiv", "in Moscow",
#: "the Kyiv region", "5 a.m. Moscow time", "on the Kyiv highway" (convention 12).
_AS_PLACE_BEFORE = "".join(f"(?<!{w} )" for w in (
    "of", "in", "to", "from", "near", "towards", "toward", "around", "the", "for", "at",
    "outside", "into", "on", "via", "reach", "reached", "between"))
_AS_PLACE_AFTER = (r"(?!\s+(?:time|region|oblast|province|highway|road|direction|axis|"
                   r"reservoir|metro|Independent|Post|Oblast|Region)\b)(?![-–]\w)"
                   r"(?!['’]s\s+(?:outskirts|suburbs|environs|approaches|northern|southern|"
                   r"eastern|western|centre|center)\b)")
SPEAKERS: tuple[tuple[str, str], ...] = (
    (r"\bReuters\b|\bAFP\b|\bAP\b|\bReuters could not\b", "reuters"),
    # reported by the other side, or by unofficial voices: not a listed claimant's word
    (r"\b(?:the |The )?(?:enemy|occupiers?|invaders?|Russian propagandists?)\s+(?:claims?|"
     r"claimed|says?|said|reports?|reported|is trying to present|are trying to present)\b|"
     r"\b(?:ворог|противник|окупанти|загарбники)\s+(?:заявля\w+|стверджу\w+|заявил\w*)",
     "enemy_reported"),
    (r"\bmilbloggers?\b|\bmilitary bloggers?\b|\b(?:some |several )?Russian (?:[a-z-]+ ){0,2}"
     r"channels\b|\bwar correspondents?\b|"
     r"\bWagner(?:['’]s)?(?: [Gg]roup)?(?:\s+[\w-]+){0,3}?\s+(?:said|says|claimed|claims|reported|"
     r"announced)\b|"
     r"\bPrigozhin\b|Пригожин\w*|\bRybar\b|Рыбар\w*|Рибар\w*|"
     r"\bpro-(?:Russian|Kremlin) (?:military |war )?(?:sources|bloggers|channels|"
     r"correspondents|commentators)\b|"
     r"\bRussian sources\b|мілблогер\w*|военкор\w*|воєнкор\w*|блогер\w*|"
     r"[Вв]оенн\w+ корреспондент\w*|[Вв]ійськов\w+ кореспондент\w*|Z-канал\w*|"
     r"\bZ-channels?\b|(?:російськ|российск|провоєнн|провоенн|ворож)\w+ (?:\w+ )?(?:телеграм-|"
     r"Telegram-)?(?:канал|паблік|паблик)\w*|[Оо]дин из (?:\w+ ){0,2}(?:Telegram-|телеграм-)?"
     r"канал\w*|\bthe Wagner PMC\b|ПВК «Вагнер»|ЧВК «Вагнер»", "ru_milblogger"),
    (r"\bDeepState\b|\bUkrainian (?:front[- ]line )?maps\b|\bmaps tracking\b|"
     r"\bPohoril(?:yi|y|iy)\b|ДіпСтейт|DeepState|Погоріл\w+", "deepstate"),
    (r"\bISW\b|\bInstitute for the Study of War\b|Інститут вивчення війни|"
     r"Институт изучения войны", "isw"),
    (r"\bGerasimov\b|\bRussian General Staff\b|\bGeneral Staff of (?:the )?Russia|"
     r"\bRussia's top general\b|Герасимов\w*|[Нн]ачальник\w* Генштаба|"
     r"начальник\w* (?:[Гг]енштаб\w*|Генерального штабу) (?:рф|РФ|Росії|ЗС РФ)|"
     r"[Гг]енштаб\w* (?:рф|РФ|Росії)", "ru_genstaff"),
    # Ukraine's own defence ministry and city heads are its government, not Russia's MoD
    (r"\b(?:Ukrainian|Ukraine's) (?:Ministry of Defen[cs]e|Defen[cs]e Ministry|MoD)\b|"
     r"Міністерств\w+ оборони України|Міноборони України|Минобороны Украины|"
     r"\b(?<!installed )(?<!appointed )[Mm]ayor\b|"
     # an oblast's head: the military administration, or a governor of a Ukrainian oblast
     r"\bOblast (?:Military |State )?Administration\b|\b(?:Regional|Oblast) Military "
     r"Administration\b|обласн\w+ (?:військов\w+ |державн\w+ )?адміністрац\w+|"
     r"\bОВА\b|областн\w+ военн\w+ администрац\w+|"
     r"\b[Gg]overnor of (?:the )?(?:[a-z]+ )?" + _UA_OBLAST + r"\b|"
     r"\b" + _UA_OBLAST + r"(?: [Rr]egion| [Oo]blast)?(?:['’]s)? [Gg]overnor\b|"
     r"[Зз]амминистр\w* обороны Украины|[Зз]аступни\w+ міністра оборони(?! (?:Росії|РФ|рф))",
     "ua_gov"),
    (r"\bDefen[cs]e Ministry\b|\bMinistry of Defen[cs]e\b|\bRussian MoD\b|\bthe MoD\b|"
     r"\bRussian (?:defen[cs]e )?ministry\b|"
     r"\bRussian commander\b|\bcommander of the \d+\w*\b|\bShoigu\b|\bBelousov\b|"
     r"Конашенков\w*|"
     r"Міноборони (?:Росії|РФ)|[Мм]инобороны(?! Украины)|"
     r"Министерств\w+ обороны(?! Украины)|МО РФ|Шойгу|Белоусов\w*|"
     r"[Мм]инистр\w* обороны (?:России|РФ)|[Мм]іністр\w* оборони (?:Росії|РФ|рф)|"
     r"[Мм]іністерств\w+ оборони (?:Росії|росії|РФ|рф)|"
     r"російськ\w+ міноборони", "ru_mod"),
    (r"\bRussia\s+(?:claims?|claimed|has claimed)\b|" + _AS_PLACE_BEFORE + r"\b(?-i:Moscow)\b"
     + _AS_PLACE_AFTER + r"|\bKremlin\b|\bPutin\b|"
     r"\bPeskov\b|Кремл\w+|Песков\w*|Путін(?!у\b)\w*|Путин(?!у\b)\w*|\bSaldo\b|Сальдо|"
     r"\bPushilin\b|Пушилин\w*|Пушилін\w*|\b(?:Russian|Moscow)-installed\b|"
     # convention 12: unnamed Russian officials are the Russian government's voice
     r"\bRussian (?:government )?officials?\b", "ru_gov"),
    (r"\bRussia\s+" + _SPEECH + r"\b|\bRussian (?:forces|army|military) " + _SPEECH + r"\b",
     "ru_mod"),
    (r"\bKonashenkov\b|\bRussian (?:military |defen[cs]e )?spokes(?:person|man|woman)\b",
     "ru_mod"),
    (r"\bUkraine's General Staff\b|\bUkrainian General Staff\b|\bGeneral Staff\b|"
     r"Генштаб\w* ЗСУ|Генеральн\w+ штаб\w*|Генштабу? ЗСУ|\bГенштаб\b", "ua_genstaff"),
    (r"\bCent(?:re|er) for Countering Disinformation\b|\bCCD\b|"
     r"Центр\w* протидії дезінформації|Центр\w* противодействия дезинформации", "ua_ccd"),
    (r"\bZelensk(?:yy|iy|yi|y|i)\b|\bUkrainian (?:government )?officials?\b|\bMal(?:i|y)?ar\b|"
     r"\b(?:Ukrainian|Ukraine's) (?:Deputy |First Deputy )?(?:Defen[cs]e |Foreign )?Minister\b|"
     # "the Kyiv regime" is how Moscow names Ukraine's government
     r"[Кк]иевск\w+ режим\w*|[Кк]иївськ\w+ режим\w*|\bKyiv regime\b|"
     r"Маляр\w*|\bUkraine's (?:government|"
     r"foreign ministry)\b|Зеленськ\w+|Зеленск\w+|"
     # convention 12: the unnamed voice of the state ("Kyiv says", "Ukraine said"; a
     # dateline's "KYIV," is no speaker)
     + _AS_PLACE_BEFORE + r"\b(?-i:Kyiv|Kiev)\b" + _AS_PLACE_AFTER + r"|\bUkraine\s+"
     + _SPEECH + r"\b|\bUkrainian (?:authorities|government)\b|"
     r"\b(?:Київ|Киев)\s+(?:заяв|стверджу|утвержда|повідоми|сообщи|"
     r"запереч|отрица|спростову|опроверг)\w*|\b(?:[Уу] Києві|[Вв] Киеве)\s+(?:заяв|повідоми|"
     r"сообщи|запереч|отрица)\w*|\b(?:Україна|Украина)\s+(?:заяви|стверджу|утвержда)\w*",
     "ua_gov"),
    (r"\bDefen[cs]e Intelligence of Ukraine\b|\bHUR\b|\bGUR\b|\bBudanov\b|"
     r"\bUkraine's (?:military )?intelligence\b|ГУР\b|Буданов\w*|"
     r"[Гг]лавн\w+ управлени\w+ разведки(?: (?:Минобороны|Министерства обороны) Украины)?|"
     r"[Гг]оловн\w+ управлінн\w+ розвідки(?: (?:Міноборони|Міністерства оборони) України)?|"
     r"\bTrehubov\b|\bTregubov\b|\bVoloshyn\b|\bLykhovii\b|\bCherevatyi\b|"
     # a spokesman of another speaker ("the Russian Defence Ministry spokesman") is its
     r"(?<!Ministry )(?<!Ministry's )(?<!Ministry’s )(?<!Kremlin )(?<!MoD )(?<!Staff )"
     r"\bspokes(?:person|man|woman)\b|\bKhortytsia\b|\bTavria\b|\bJoint Forces\b|"
     r"(?<!of the )\b(?:Eastern|Southern|Northern) (?:Group of Forces|Defen[cs]e Forces)\b|"
     r"\bUkrainian brigade\b|Трегубов\w*|Волошин\w*|речни[кц]\w*|Сирськ\w+|Сырск\w+|"
     r"\bRapid Response Corps\b|(?:[Кк]омандуванн|[Пп]рес-?служб)\w+ (?:\d+[-\w]*\s+)?"
     r"(?:окрем\w+\s+)?(?:\w+\s+){0,2}(?:бригад|корпус|полк)\w*|"
     r"\b(?:Ukrainian|Ukraine's) \d+\w* (?:[A-Z][\w-]+ ){0,3}"
     r"(?:Corps|Brigade)\b|"
     r"представител\w+ (?:оперативно-тактическ\w+ группировк\w+|ОТГ|ВСУ|Сил обороны)|"
     r"(?:группировк|угрупован)\w+ (?:объединенн|объединённ|об'єднан|об’єднан)\w+ сил\w*|"
     r"Хортиц\w+|Таврі\w+|Таври[яиюей]\w*|Череват\w+|Штупун\w*|"
     # a grouping, a command or the defence forces said to be Ukraine's
     # (its spokesman: "уничтожение окруженной группировки ВСУ" is no speaker)
     r"(?:[Пп]ресс-секретар|[Сс]пикер|[Пп]редставител|[Рр]ечни|[Кк]омандующ|[Кк]омандувач)"
     r"\w* (?:\w+ ){0,2}(?:(?:группировк\w+|угрупован\w+) (?:«[^»]{1,20}» )?(?:ВСУ|ЗСУ)|"
     r"Сил\w* обороны (?:Юга|Севера|Востока)|Сил\w* оборони (?:Півдня|Півночі|Сходу))|"
     r"\b(?:Southern|Eastern|Northern) (?:Operational )?Command\b", "ua_military"),
    (r"\bSyrsk(?:yi|y|iy|ii)\b|\bZaluzhn\w+|Залужн\w+|[Гг]лавнокомандующ\w+ ВСУ|"
     r"[Гг]оловнокомандувач\w* ЗСУ|\bUkrainian (?:military|army|command|commander)\b|"
     r"\bUkrainian forces " + _SPEECH + r"\b|"
     r"\bUkraine's (?:new |top |own )?(?:military|army|armed forces|top commander|"
     r"commander-in-chief|ground forces)\b|"
     # "the military said" in a wire story is Ukraine's military (convention 12)
     r"(?<![Rr]ussia's )(?<![Rr]ussian )\b[Tt]he (?:military|army)\s+" + _SPEECH + r"\b",
     "ua_military"),
)
SPEAKER_RES = [(re.compile(p, re.I), c) for p, c in SPEAKERS]
SIDE_OF = {"ru_mod": "ru", "ru_genstaff": "ru", "ru_gov": "ru", "ua_genstaff": "ua",
           "ua_military": "ua", "deepstate": "ua", "isw": "independent", "ua_gov": "ua",
           "ru_milblogger": "ru", "enemy_reported": ""}
#: Speakers whose words are never credited to another claimant of their side: a
#: milblogger's claim is no ministry's, and "the enemy claims" is nobody's claim here.
NO_FALLBACK = frozenset({"ru_milblogger", "enemy_reported", "reuters"})

# --- status cues ----------------------------------------------------------------------------

CUES: tuple[tuple[str, str, str, float], ...] = (  # name, pattern, effect, strength
    # who holds the place after these verbs depends on the actor (see cues.actor_side)
    ("capture", r"\b(?:captured|recaptured|capture of|seized|retook|retaken|regained|"
     r"took(?! part| place|(?: \w+)? (?:losses|casualties))(?: (?:full )?control)?|"
     r"taken(?!(?: \w+)? (?:losses|casualties))(?: (?:full )?control)?|"
     r"take (?:full )?control|established (?:full )?control|"
     r"(?:in|under) (?:the )?(?:\w+ )?(?:full )?control|control(?:s|led)?(?! withdrawal)"
     r"(?: over)?|(?:retain|retains|retained|maintain|maintains|keep|keeps) control|"
     r"(?<!-)held(?! talks| a | an | meetings?| out)|holds?(?! talks| a | an )|"
     r"holding(?! talks| a | an )|"
     r"(?:continue to |still )?defend(?:s|ing)?(?: positions)?(?: in)?|"
     r"liberated|liberation of|cleared|"
     # "congratulated the troops on taking X", "awarded for capturing X"
     r"(?<=on )(?:taking|capturing|seizing|liberating)|"
     r"(?<=for )(?:taking|capturing|seizing|liberating)|"
     r"(?:hoisted|raised|raising|hoisting) (?:a |the )?(?:\w+ )?flags?|"
     # "the Ukrainian flag was flying again over X"
     r"flags? (?:was |were |is |are )?(?:flying|flew|raised|hoisted|fluttering)(?: again)? "
     r"(?:over|above)|"
     r"(?:pushed|drove|driven|forced) (?:\w+ ){0,3}out of|ousted (?:\w+ ){0,3}from|"
     r"(?:in|into) (?:Ukrainian|Russian|Ukraine's|Russia's|our|enemy) hands|"
     r"(?:took|taken|taking|getting|got|get|won) (?:[\w'’-]+ ){0,3}?back)\b",
     "actor", 0.9),
    # '"Kherson is ours"', '"Kupiansk is Ukraine"': the speaker's side (Ukraine) holds it
    ("ours", r"\b(?:is|are) (?:ours|Ukraine)(?=\W{0,3}(?:[,.!\"”»]|$))", "own", 0.85),
    # "occupied" is said of the invader: "the town has been marked as occupied"
    ("occupied", r"\boccup(?:y|ies|ied|ying)\b", "russian", 0.9),
    ("fallen", r"\b(?:has fallen|had fallen|have fallen|fell to|fell)\b", "russian", 0.85),
    ("entered", r"\b(?:entered|entering|pushing deeper|pushed deeper|even deeper|broke into|"
     r"broken into|break into|"
     r"fighting (?:in|inside|continues|continued|goes on|went on|was continuing|"
     r"(?:is|was) (?:still )?(?:continuing|going on|ongoing))|storming|"
     r"(?:fighting|battles?) for (?:the )?(?:town|city|village|settlement|[A-Z][\w'’-]+) "
     r"(?:continues|continue|continued|is continuing|goes on|go on|rages|rage)|"
     r"(?:soldiers|troops|servicemen|groups|infantry(?:men)?|fighters|assault groups) "
     r"(?:were|are) (?:still )?(?:in|inside)|remains? in|"
     r"(?:fighting|battles|clashes) (?:are|is|were|was) (?:still )?(?:under ?way|ongoing|"
     r"continuing|going on)|battles (?:continue|go on|rage)|"
     r"infiltrat\w+|advanc(?:ed|ing|es) (?:in|into|inside)|"
     r"made (?:confirmed |marginal )?advances (?:in|into)|mopping[- ]up|"
     # "liberated X and continue clearing the area": the mop-up round a place held, no fight
     r"clearing (?!(?:the )?(?:area\b|territory\b|surround))(?:the )?|"
     r"continu(?:es?|ed) to clear(?! (?:the )?(?:area\b|territory\b|surround))|"
     r"advanced (?:[\w-]+ ){0,4}?and within)\b",
     "contested", 0.85),
    # "remains in the grey zone", "the village is contested": fought over, whoever holds
    # positions in it (convention 2)
    ("grey", r"\b(?:gr[ae]y zone|contested)\b", "contested", 0.85),
    # "our units remain in the northern part": the speaker's own side holds (part of) it
    ("remain", r"\b(?:units|troops|soldiers|servicemen|forces|defenders|fighters|positions) "
     r"(?:remain|remained|stay|stayed|are still|were still)(?: present)? in\b|"
     # "small groups of Ukrainian soldiers were still holding out inside X", said by Russia:
     # the other side's units there, so contested (convention 3)
     r"\bholding out (?:in|inside)\b", "own", 0.85),
    ("encircled", r"\b(?<!semi-)(?<!half-)(?:encircled|encirclement|surrounded|under siege|"
     r"besieged|cut off)\b",
     "encircled", 0.8),
    ("supply", r"\b(?:able to supply|still supplying|supply (?:lines?|routes?)(?: to \w+)? "
     r"(?:remain|remains|are|stay|is) open)\b",
     "supplied", 0.8),
    # a counter-attack near a place is fighting there, not a claim that it changed hands
    ("counter", r"\bcounter-?(?:attack|attacks|attacked|attacking)\b", "contested", 0.7),
    ("repelled", r"\brepel(?:led|s)?\b", "ukrainian", 0.75),
    # the withdrawing side concedes the place: who withdraws is read in cues._find
    ("withdrew", r"\bwithdr(?:ew|awn)\b|\bwithdraw(?:ing|s)? (?:our|its|his|their|the) "
     r"(?:\w+ )?(?:units|forces|troops) (?:from|out of)\b|\bmanoeuvre out of\b|"
     r"\bmaneuver out of\b|\b(?:units|troops|forces|defenders)(?: had| have| has)? left\b|"
     r"\b(?:to )?withdraw from\b|\bretreated\b|\bwithdrawal from\b|"
     r"\bpull-?out from\b|\bpulled (?:[\w'’-]+ ){0,5}?out of\b|"
     r"\bwithdrawal of (?:its |their |our |the )?(?:\w+ )?(?:forces|troops|units) from\b|"
     r"\bordered (?:its |their )?(?:units|troops) "
     r"out of\b", "russian", 0.6),
)
CUE_RES = [(n, re.compile(p, re.I), e, s) for n, p, e, s in CUES]
DENIAL = re.compile(r"\b(?:denies|denied|deny|denying|rejected|rejects|refuted|dismissed|"
                     r"not|no longer|never|false|neither|no side|there (?:is|was|has been) no)\b",
                    re.I)
RU_ACTOR = re.compile(r"\b(?:Russians?|Russia's|Russia|Moscow's|enemy|occupiers?|invaders?)\b",
                       re.I)
UA_ACTOR = re.compile(r"\b(?:Ukrainians?|Ukraine's|Ukraine|Kyiv|Kiev|Kyiv's|Kiev's|defenders?|"
                       r"our)\b", re.I)
HYPOTHETICAL = re.compile(r"\b(?:will|would|could|(?<!on )(?<!in )(?<!of )may(?! \d)|might|"
                           r"trying to|tried to|seeks? to|"
                           r"threat(?:en(?:s|ed)?)? (?:to|of)|attempting|avoid(?:ing)?|"
                           r"aims? to|plans? to|attempt\w* to|intends? to|has been trying|"
                           r"threatens? to|in order to)\b", re.I)
#: A member of a list of names ("Kupiansk", "Velykyi Burluk (Kharkiv region)").
_MEMBER = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?(?:\s*\([^)]{0,40}\))?"
#: A context marker up to 50 characters before a mention, with no clause punctuation between.
CONTEXT = re.compile(r"(?:\btowards?|\bline to|\b(?:north|south|east|west|north-?west|"
                      r"north-?east|south-?west|south-?east|northwest|northeast|southwest|"
                      r"southeast)\s+of|\boutskirts of|\bapproaches to|\bnear|\bnearby|"
                      r"\bsuch as|\bgate to|\b(?:road|highway|route) to|"
                      r"\bclose to(?!\s+(?:the\s+|Ukraine's\s+|Russia's\s+)?"
                      r"(?:Ukrainian\s+|Russian\s+)?(?:military|army|government|Kremlin|"
                      r"ministry|General Staff|intelligence)\b)|"
                      r"\bin the (?:areas?|vicinity|direction) "
                      r"of|\baround|\bdirection of)\b(?:(?:(?!,\s+and\s)[^.;:!?]){0,50}|"
                      r"\s+(?-i:(?:" + _MEMBER +
                      r"(?:\s*,\s*|\s+(?:and|or)\s+)){1,12})|\s+(?-i:(?:" + _MEMBER +
                      r"\s*,\s*){2,12}(?:and|or)\s+))$", re.I)
#: After a name: it names the ground around a place ("Bakhmut's northern flank").
CONTEXT_AFTER = re.compile(r"^['’]s\s+(?:\w+(?:ern)?\s+(?:and\s+\w+\s+)?)?(?:flanks?|outskirts|"
                           r"approaches|suburbs|environs)\b", re.I)
PART = re.compile(r"\b(eastern|western|northern|southern|central|north-?eastern|"
                   r"north-?western|south-?eastern|south-?western) part of (?:the (?:city|town|"
                   r"village) of )?$", re.I)
#: "the town is more than 80% under the control of": a share of the place.
PERCENT_UNDER = re.compile(r"\b(\d{1,3})\s*(?:%|percent|per cent) under (?:the |their |our )?"
                           r"control\b", re.I)
PERCENT_OF = re.compile(r"\b(\d{1,3})\s*(?:%|percent|per cent)[\"”]? of "
                        r"(?:the (?:city|town) of )?$", re.I)
DENIAL_AFTER = re.compile(r"^[^.;]{0,60}?\b(?:were|was|is|are)\s+(?:false|untrue|not true|fake|"
                           r"a lie|lies)\b|"
                           # 'called claims of encirclement "fiction"'
                           r"^\s*[\"“”]?(?:fiction|fake|a fabrication|a lie|lies)\b", re.I)
EARLIER_SPEAKER = re.compile(r"\b(?:the (?P<ref>ministry|military|statement|bulletin|report)|"
                              r"(?:за даними|по данным|як повідомили в|как сообщили в)\s+"
                              r"(?P<cyr>відомства|ведомства|міністерства|министерства)|"
                              r"(?:he|she|they|it) (?:said|added)|"
                              # «Накануне он сообщил, что ...»: the one named before
                              r"\b(?:он|она|они|він|вона|вони)\s+(?:сообщи|заяви|сказа|добави|"
                              r"повідоми|сказа|дода)\w*|"
                              # "according to him", "За його словами", "По его словам"
                              r"according to (?:him|her|them)|за (?:його|її|їхніми) словами|"
                              r"по (?:его|её|их) словам|"
                              # "как утверждает генерал", "the general added": the speaker
                              # named before, by rank
                              r"(?:как\s+|як\s+)?(?:утвержда\w+|сообщ\w+|добави\w+|"
                              r"стверджу\w+|повідоми\w+|дода\w+)\s+(?:генерал|министр|"
                              r"міністр)\w*|the (?:general|minister) (?:said|added|claimed)|"
                              # "war correspondents ... One wrote that ...; another said"
                              r"^\W*(?:one|another)(?: of them| channel| blogger| milblogger)? "
                              r"(?:wrote|said|claimed|posted))\b",
                              re.I)
#: Who "the ministry" / "the military" may refer back to (other references: anyone).
REFERENCE_FITS = {"ministry": {"ru_mod"}, "military": {"ua_military", "ru_mod"}}
#: Before a cue in its clause: the speaker has not seen it happen ("ISW has not observed",
#: "does not assess that", "cannot confirm"): no claim either way.
UNCONFIRMED = re.compile(r"\b(?:(?:does|do|did) not (?:assess|believe|think|confirm)|"
                         r"(?:has|have|had) not (?:yet )?(?:observed|seen|confirmed|verified)|"
                         r"(?:cannot|could not) (?:independently )?(?:confirm|verify)|"
                         r"no (?:evidence|confirmation)|too early to (?:speak|talk) (?:of|about)|"
                         r"without saying|"
                         r"unverified|неперевірен\w*|непідтверджен\w*|неподтвержд[её]нн\w*)\b"
                         # «говорить о её полном захвате рано»: the talk is called premature
                         r"|\b(?:говорить|говорити) (?:о|об|про)\b(?=[^.;]{0,60}?\b(?:рано|"
                         r"передчасно|немає жодних підстав|нет (?:никаких )?оснований)\b)", re.I)
_MONTH = (r"January|February|March|April|May|June|July|August|September|October|November|"
          r"December")
#: After a cue: a time before the report ("which Russian forces captured in May", "since
#: it took Bakhmut last May"): background, not what the speaker says now.
BACKGROUND = re.compile(r"^[^,;.:]{0,40}?\b(?:last (?:year|month|week|spring|summer|autumn|"
                        rf"fall|winter|{_MONTH})|in (?:{_MONTH})\b|in (?:19|20)\d\d|earlier "
                        r"this year|a year ago|years ago)\b|"
                        # «після звільнення X наприкінці липня», «в октябре»: a past month
                        r"^[^,;.:]{0,40}?(?:наприкінці|на початку|в кінці|у|в|в конце|"
                        r"в начале|з|із|с) (?:січн|лют|берез|квітн|травн|червн|липн|серпн|вересн|"
                        r"жовтн|листопад|грудн|январ|феврал|март|апрел|ма[ея]|июн|июл|август|"
                        r"сентябр|октябр|ноябр|декабр)\w*(?![^,;.:]{0,3}\d)|"
                        # «який російські війська захопили цього літа»: a season or year past
                        r"^[^,;.:]{0,40}?(?:цього|минулого|этим|прошлым|прошлого) (?:літа|року|"
                        r"весни|осені|зими|летом|году|года|весной|осенью|зимой)\b")
UKRAINIAN_CONTROL = re.compile(r"^[^.;]{0,25}\b(?:of|by) (?:the )?Ukrain", re.I)
PART_AFTER = re.compile(r"\b(eastern|western|northern|southern|central) (?:and \w+ )?(?:parts?|"
                         r"districts?) of (?:the (?:city|town|village|settlement)|it)\b|"
                         r"\bin (?:its|the (?:city|town)'s) (north|south|east|west)\w*\b", re.I)
#: "control the greater part of the city": a share of the place named before.
PART_SHARE_AFTER = re.compile(r"\b(the greater|the larger|a large|a significant|most|much) "
                              r"(?:part )?of (?:the (?:city|town|village|settlement)|it)\b", re.I)
#: "eastern Bakhmut": a direction adjective right before the name ("central" is not a part).
#: "most of", "a significant part of", "more than half of" right before the name.
PART_SHARE = re.compile(r"\b(most|much|(?:more than |over |about |nearly )?half|a (?:significant|"
                        r"large|small|big|considerable) part|the greater part|parts?)[\"”]? of "
                        r"(?:the (?:city|town|village) of )?$", re.I)
#: "mopping up the northern districts", "в северной части города" after the name.
PART_LATER = re.compile(r"\bthe (eastern|western|northern|southern|north-?eastern|"
                        r"north-?western|south-?eastern|south-?western) (?:part|districts?|"
                        r"quarters?|outskirts|half)\b|\b(північн|південн|східн|західн|северн|"
                        r"южн|восточн|западн)\w* (?:част\w+|квартал\w*|мікрорайон\w*|"
                        r"микрорайон\w*)", re.I)
PART_ADJ = re.compile(r"\b(eastern|western|northern|southern|north-?eastern|north-?western|"
                      r"south-?eastern|south-?western)\s+$", re.I)
#: "the city", or "it" as an object ("control of it"); a subject "it" is usually the speaker.
COREF = re.compile(r"\bthe (?:entire |whole )?(?:city|town|village|settlement)\b|"
                   # a piece of the town named before: "the Kanal Microraion", "the microraion"
                   r"\bthe (?:entire |whole )?(?:[A-Z][\w'’-]+ )?(?:[Mm]icroraion|"
                   r"[Mm]icrodistrict)\b|"
                   r"\b(?:of|in|into|inside|around|near|over|for) it\b", re.I)
#: Several places named before: "both villages", "the two villages", "the villages".
COREF_ALL = re.compile(r"\b(?:both (?:villages|towns|settlements)|the (?:two|three) "
                       r"(?:villages|towns|settlements)|the (?:villages|settlements)|"
                       r"обидва села|оба (?:населенных пункта|села))\b", re.I)
REGION = re.compile(r"^\s*(?:region|oblast|province)\b", re.I)
REGION_BEFORE = re.compile(r"\b(?:region|oblast) of\s+$", re.I)
#: ", а" opens a clause ("Кленовое освобождено, а Дубки нет"); ", а также" goes on a list.
CLAUSE = re.compile(r";\s+|:\s+|,\s+(?:а(?!\s+(?:также|також)\b)|але|однак|проте|тоді як|но|"
                     r"однако|тогда как)\s+|"
                     r"\s+-\s+|,\s+while\s+|\s+while\s+|,\s+whereas\s+|,\s+and\s+(?=said|"
                     r"says|added|claimed)|,\s+but\s+|,\s+although\s+|,\s+though\s+|"
                     r",\s+(?=saying\b|adding\b)|,\s+and\s+(?=(?:the\s+)?[A-Z])|,?\s+and that\s+")
MENTION = re.compile(r"[A-Z][A-Za-z'’ʼ]+(?:[- ][A-Z][A-Za-z'’ʼ]+)*|"
                      r"[А-ЯІЇЄҐ][а-яіїєґ'’ʼ]+(?:-[А-ЯІЇЄҐ][а-яіїєґ'’ʼ]+)*")
#: Capitalized words that are never settlements in this kind of text.
STOPWORDS = frozenset("""
russia russian russians ukraine ukrainian ukrainians moscow kyiv kiev kremlin reuters bta
defence defense ministry general staff the a an in on at of and but while monday tuesday
wednesday thursday friday saturday sunday january february march april may june july
august september october november december mad max telegram new york post commander hunter
regiment motorized rifle ground forces federation putin gerasimov syrsky syrskyi isw
deepstate donbas donbass crimea europe nato us usa america american british
""".split())

WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday",
                                         "friday", "saturday", "sunday"))}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}
TERRITORY = re.compile(
    r"(?P<q>more than|over|about|around|nearly|almost|some|roughly|less than)?\s*"
    r"(?:(?P<pct>\d{1,2}(?:[.,]\d+)?)\s*(?:%|percent|per cent)[\"”]?|"
    r"(?P<frac>a fifth|one fifth|a quarter|one quarter|a third|one third|a sixth|a tenth))"
    r"(?=\s+of\s+(?:(?:the|all|our)\s+)?(?:Ukraine\b|Ukraine's|Ukrainian territory|"
    r"the country|(?:its|our) territory|the territory of Ukraine)|,? up from|"
    r"\s+(?:of\s+)?(?:території|территории|площі|площади) (?:України|Украины))"
    r"(?:[^.]{0,60}?\bor\s+(?P<aq>about|around|some|more than|nearly)?\s*"
    r"(?P<area>\d{1,3}(?:,\d{3})+|\d+)\s*(?:square kilometers|square kilometres|sq km|km²|km2))?",
    re.I)
UP_FROM = re.compile(r"up from (?P<pct>\d{1,2}(?:\.\d+)?)\s*(?:%|percent|per cent)\s+"
                      r"(?P<n>\w+)\s+years? (?:ago|earlier|before)", re.I)


MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june",
                                        "july", "august", "september", "october", "november",
                                        "december"), start=1)}
#: Months as reports write them after "as of" / «станом на» / «по состоянию на»: English
#: names and abbreviations ("Feb."), Ukrainian and Russian genitives ("1 липня", "1 июля").
MONTH_WORDS = {**MONTHS, **{m[:3]: i for m, i in MONTHS.items()}, "sept": 9, **{
    w: i for i, pair in enumerate((
        ("січня", "января"), ("лютого", "февраля"), ("березня", "марта"), ("квітня", "апреля"),
        ("травня", "мая"), ("червня", "июня"), ("липня", "июля"), ("серпня", "августа"),
        ("вересня", "сентября"), ("жовтня", "октября"), ("листопада", "ноября"),
        ("грудня", "декабря")), start=1) for w in pair}}
AS_OF = re.compile(r"(?:\bas of|станом на|по состоянию на) (?:(\d{1,2}) )?("
                   + "|".join(sorted(MONTH_WORDS, key=len, reverse=True))
                   + r")(?![a-zа-яіїєґё])\.?(?: (\d{1,2})\b)?(?:,? (\d{4}))?", re.I)


STATUS_WORDS = {"russian": "held by Russian forces", "contested": "contested",
                "ukrainian": "held by Ukrainian forces"}
