"""Words that look like place names in a report but are not places: people (officials,
commanders, spokespeople, milbloggers, with their first names and titles), units and
groupings, directions, fronts and sectors, "People's Republics", regions, streets and
plants. Only data and the tests on a mention's surroundings; :mod:`geo.text.mentions`
applies them.
"""

from __future__ import annotations

import re

from geo.places.fold import fold

#: First names of the people these reports quote (English, Ukrainian and Russian
#: spellings); a capitalized word after one is a surname.
FIRST_NAMES = frozenset(fold(w) for w in """
vladimir volodymyr oleksandr aleksandr alexander viktor victor valery valeriy valerii dmitry
dmitri dmytro yevgeny yevgeniy evgeny sergei sergey serhiy serhii oleksiy oleksii alexei
aleksei roman andriy andrii andrei andrey vladyslav vladislav mykhailo mikhail igor ihor
yuriy yuri yurii anatoliy pavlo pavel petro ivan kyrylo kirill denys denis maksym maxim
vadym vadim artem artyom oleh oleg ruslan vitaliy vitaly nataliya natalia olena elena
iryna irina maria mariia yulia yuliia antony antonio emmanuel donald joe keir olaf
sergiy heorhiy georgy hanna ganna mark rustem kostiantyn konstantin
владимир володимир олександр александр виктор віктор валерий валерій дмитрий дмитро
евгений євген сергей сергій алексей олексій роман андрей андрій владислав михаил михайло
игорь ігор юрий юрій павел павло петро иван іван кирилл кирило денис максим вадим вадим
артем олег олег руслан виталий віталій
наталія наталья наталия ганна анна олена елена ірина ирина юлія юлия марія мария ілля илья
""".split())

#: People named alone ("Putin said", "Syrskyi's claim"), in every spelling used here.
KNOWN_PEOPLE = frozenset(fold(w) for w in """
putin zelensky zelenskyy zelenskiy zelenskyi syrskyi syrsky syrskiy gerasimov trehubov
tregubov voloshyn voloshin peskov prigozhin shoigu belousov pohorilyi pohorily konashenkov
lykhovyi lykhovii cherevatyi fityo kobzar budanov umerov sybiha lavrov zakharova
shmyhal yermak kadyrov surovikin nikiforov nagorny mordvichev sanchuk lapin
путин путін зеленский зеленський сырский сирський герасимов трегубов волошин песков
пригожин шойгу белоусов погорілий конашенков лиховий череватий герасімов сирськ
""".split())
#: Case endings a known person's surname takes in Ukrainian and Russian (Герасімова,
#: Шойгу's indeclinable, Зеленського, Сирським): the surname is still the person.
_SURNAME_ENDINGS = ("ого", "ому", "ими", "ова", "ові", "овим", "ом", "им", "ий", "а", "у", "і",
                    "ым", "е")


def known_person(key: str) -> bool:
    """Whether a folded word names a person of :data:`KNOWN_PEOPLE`, in any case form."""
    if key in KNOWN_PEOPLE or key.removesuffix("s") in KNOWN_PEOPLE:
        return True
    return any(key.endswith(end) and len(key) - len(end) >= 4
               and key[:-len(end)] in KNOWN_PEOPLE for end in _SURNAME_ENDINGS)

#: Titles before a name: the capitalized words after one are a person's name.
TITLE_BEFORE = re.compile(
    r"(?:\b(?:President|Presidents|Premier|Prime Minister|General|Colonel|Lieutenant|Major|"
    r"Captain|Commander|commander|Chief|chief|Spokes(?:man|woman|person)|spokes(?:man|woman|"
    r"person)|Minister|minister|Mayor|mayor|Governor|governor|milblogger|blogger|financier|"
    r"founder|head|Head|leader|Leader|Marshal|Sergeant|officer|analyst|commentator|Mr|Ms|Mrs|"
    r"Dr|Col|Gen|Lt|Adm|Admiral|Colonel-General|Lieutenant-General|Army General|Major-General|"
    r"correspondent|correspondents|deputy|Deputy|envoy|Ombudsman|ombudsman|aide|adviser|"
    r"advisor|secretary|Secretary|Director|director)\.?,?"
    r"|(?:[Пп]резидент\w*|генерал\w*|полковник\w*|командувач\w*|командующ\w*|начальник\w*|"
    r"речник\w*|спікер\w*|представник\w*|міністр\w*|министр\w*|глав[аиы]|керівник\w*|"
    r"блогер\w*|военкор\w*|мілблогер\w*|депутат\w*|мер\w*|голов[аиі])"
    # "начальника генштабу рф Герасімова": a title's own lower-case words before the name
    r"(?:\s+(?!(?:біля|поблизу|під|на|в|у|з|із|до|від|за|около|возле|под|районі?|районе|"
    r"напрямку|направлении)\b)[а-яіїєґ][\w'’-]*){0,3})\s+"
    r"(?:[A-ZА-ЯІЇЄҐ][\w'’-]+\s+)*$")

#: After a name: it names a unit, grouping, direction, front, region, street or plant.
NOT_PLACE_AFTER = re.compile(
    r"^(?:(?:,\s*|,?\s+and\s+)[A-Z][\w'’-]+)+\s+(?:regions|oblasts|provinces)\b|"
    # «на Донецькому та Луганському напрямках»: the first of two direction adjectives
    r"^\s+(?:та|і|й|и|and)\s+[A-ZА-ЯІЇЄҐ][\w'’-]+\s+(?:напрям\w*|направлени\w*|"
    r"[Dd]irections?\b|[Aa]xes\b)|"
    r"^\s*(?:\([^)]{1,20}\)\s*)?(?:['’]s\s+)?(?:"
    r"[Gg]roup(?:ing)?s?\b|[Bb]rigade|[Dd]ivision|[Aa]rmy\b|[Cc]orps\b|[Rr]egiment|[Bb]attalion|"
    r"[Dd]irections?\b|[Aa]xis\b|[Ff]ront(?:\b|[- ]line)|[Ss]ector\b|[Aa]gglomeration|"
    r"[Oo]perational|People['’]?s\b|Peoples\b|[Oo]blast|[Rr]egion|[Rr]aion|[Dd]istrict|"
    r"[Pp]rovince|[Hh]romada|частин\w*|часть\b|части\b|[Mm]icro(?:raion|district)s?\b|мікрорайон\w*|микрорайон\w*|"
    r"[Ss]treet|[Aa]venue|[Rr]efractory|[Pp]lant\b|[Ss]quare\b|[Hh]ighway|"
    r"[Rr]oad\b|[Rr]eservoir|[Rr]iver\b|[Cc]anal\b|Donets\b|[Cc]ombined|[Aa]irborne|[Mm]otori[sz]ed|"
    r"[Mm]echani[sz]ed|[Jj]oint|[Tt]ask [Ff]orce|[Mm]arines?\b|[Tt]roops\b|[Ff]orces\b|"
    r"[Cc]ouncil|[Mm]inistry|[Oo]ffice\b|[Ss]ervice\b|[Ee]mergency|[Pp]eninsula|"
    r"напрям\w*|направлен\w*|угрупован\w*|группировк\w*|бригад\w*|дивізі\w*|дивизи\w*|"
    r"арми\w*|армі\w*|корпус\w*|полк\w*|батальйон\w*|батальон\w*|област\w*|Народн\w*|"
    r"народн\w*|фронт\w*|оборон\w+|обласн\w+|областн\w+|ОВА\b|ОДА\b|МВА\b|агломерац\w*|район\w*|вулиц\w*|улиц\w*|проспект\w*|ТЕС|ТЭС)")

#: Before a name: it is a unit or grouping's own name ("группировки войск «Днепр»", "the
#: 3rd Separate Assault Brigade", "the 98th Airborne Division").
NOT_PLACE_BEFORE = re.compile(
    r"(?:[Гг]рупп?ировк\w*(?:\s+войск)?|[Уу]групован\w*(?:\s+військ)?|[Gg]roup of [Ff]orces|"
    r"[Gg]roup)\s*[«\"“]?\s*$|"
    # a unit's own name in quotes: 'brigade "Kholodnyi Yar"', «бригади «Холодний Яр»»
    r"(?:[Bb]rigade|[Rr]egiment|[Bb]attalion|[Cc]orps|[Dd]ivision|бригад\w*|полк\w*|"
    r"батальйон\w*|батальон\w*|корпус\w*|дивізі\w*|дивизи\w*|ОСУВ|ОТУ|ОТГ)\s*[«\"“]\s*$|\b\d{1,3}(?:st|nd|rd|th|-?[аийяої]\w{0,2})\s+"
    r"(?:[A-ZА-ЯІЇЄҐ][\w'’-]*\s+){0,3}$|"
    # a river's bank: "на лівобережжі Дніпра", "the left bank of the Dnipro", "across the"
    r"(?:лівобережж\w*|правобережж\w*|берег\w*|березі|левобережь\w*|правобережь\w*|русл\w*|"
    r"\b(?:left|right|east(?:ern)?|west(?:ern)?) bank of(?: the)?|\bacross the|"
    r"\b(?:river|River|річк\w*|рік\w*|рек\w*)|"
    # a crossing or a course names a water body: "переправам через Оскол", "along the"
    r"(?:переправ\w*|переход\w*|мост\w*|міст\w*|мосту|crossings?|bridges?|fords?)\s+"
    r"(?:через|над|across(?: the)?|over(?: the)?|on(?: the)?)|\bвдоль|\bуздовж|\bвздовж)\s+$")

#: Speech right after a name: "Voloshyn said", "Trehubov, the spokesman, said".
SPEECH_AFTER = re.compile(
    r"^(?:\s*,[^,.;]{1,60},)?\s+(?:also\s+)?(?:said|says|stated|states|claimed|claims|"
    r"told|added|wrote|writes|reported|announced|denied|noted|assessed|заявив|заявила|"
    r"заявил|сказав|сказал|повідомив|сообщил|зазначив|отметил|доповів|доложил)\b")

#: Capitalized words that are never settlements in these reports (lower-case, folded).
#: «Дніпра», «Днепра» (the genitive) and "Dnieper" are the river: the city's claims name
#: it in the nominative or locative («у Дніпрі»), and the banks take «на березі Дніпра».
COMMON = frozenset(fold(w) for w in """
russia russian russians ukraine ukrainian ukrainians moscow kyiv kiev kremlin reuters bta afp
ap defence defense ministry general staff the a an in on at of and but while monday tuesday
wednesday thursday friday saturday sunday january february march april may june july
august september october november december mad max telegram new york post commander hunter
regiment motorized rifle ground forces federation isw deepstate donbas donbass crimea
crimean europe nato us usa america american british glory map units unit elements assault
over since fighting russian-held geolocated footage enemy occupiers invaders defenders
separately meanwhile operational information later earlier both all some none western
eastern northern southern central north south east west northwest northeast southwest
southeast mod vdv afu zsu wagner akhmat rosgvardia rybar palm easter christmas tsentr
vostok zapad sever yug dnepr centre center east west north south khortytsia tavria
operational-tactical oblast region jan feb mar apr jun jul aug sep sept oct nov dec
chief army statement reports report street avenue square plant road district raion
highway railway station minister president general colonel lieutenant spokesman spokeswoman
spokesperson deputy governor mayor commander-in-chief separate assault mechanized airborne
territorial defence centre center council office крым крим криму крыму крымом кримом
донбасс донбас донбасу донбасса кроме крім окрім microraion microraions microdistrict
microdistricts мікрорайон микрорайон
дніпра днепра dnieper
российской российская российский российского федерации федерация российской федерации
росія россия україна украина москва київ киев кремль всу зсу рф ворог противник окупанти
росіяни россияне сили оборони мапу мапа оновлено деталі підрозділи подразделения
штурмові штурмовые войска війська группировка угруповання противника ворога оперативна
сводка протягом загальні також водночас окремо наші наши наших російські российские
українські украинские донецкой донецької луганской запорожской харьковской
дніпропетровщині донеччині харківщині запоріжжі сумщині херсонщині республике республики
окремі окремих окремий окрема отдельные отдельных
республика республіки республіці области області область районах району районі сводка
зведення операція операции україна украина росія россия
""".split())

#: Places in Russia whose names a Ukrainian namesake must not take.
ABROAD_NAMES = frozenset(fold(w) for w in """
kursk belgorod bryansk sudzha rostov voronezh moscow tyotkino tetkino glushkovo korenevo
курск белгород брянск суджа ростов воронеж москва тёткино теткино глушково коренево
""".split())
