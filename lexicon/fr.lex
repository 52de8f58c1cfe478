# Built-in French pronunciation lexicon (format: lexicon/README.md).
# Every entry has a golden IPA test in tests/golden/ipa/fr.tsv.
# --- the seed statement's names ---
KFOR	Kafor
UE	spell
Jens	[[j'Ens]]
Vjosa	[[vj'Osa]]
Osmani	[[Osm'ani]]
Stoltenberg	[[st'OltEnbErg]]
Özkan	[[Wzk'an]]
Ulutaş	[[ulut'aS]]
"Nothing Hill"	lang=en
Pristina	[[pristin'a]]
Kosovo	[[kOsOv'o]]
Belgrade	[[bElgr'ad]]
# --- institutions common in international news ---
OTAN	word
ONU	word
EULEX	word
MINUK	[[min'uk]]
OSCE	spell
UNESCO	word
UNICEF	word
OMS	spell
FMI	spell
BCE	spell
CICR	spell
HCR	spell
UNRWA	[[unrw'a]]
AIEA	spell
OMC	spell
OCDE	spell
OPEP	word
CPI	spell
CEDH	spell
ONG	spell
PNUD	[[pen'yd]]
FAO	spell
BRICS	[[br'iks]]
ASEAN	[[aze'an]]
UEFA	[[yef'a]]
CEDEAO	[[sedea'o]]
# --- names in the news that eSpeak NG says wrong ---
Hamas	[[am'as]]
Hezbollah	[[Ezbol'a]]
Erdogan	[[ErdOg'an]]
Zelensky	[[zelEnsk'i]]
Kyiv	[[kij'iv]]
Netanyahou	[[netanja'u]]
# --- places of France, Belgium and Switzerland that eSpeak NG says wrong ---
# (an x said s, a silent final consonant, a German, Dutch or Occitan
# spelling): as French-speaking newsreaders and the places' people say them
# (pronunciations of the French Wikipedia's articles and Larousse).
Bruxelles	[[brys'El]]
Bruxellois	[[brysElw'a]]
Bruxelloise	[[brysElw'az]]
Bruxelloises	[[brysElw'az]]
Auxerre	[[Os'Er]]
Auxonne	[[Os'On]]
Metz	[[m'Es]]
Reims	[[r'E~s]]
Craon	[[kr'A~]]
Agen	[[aZ'E~]]
Guingamp	[[gE~g'A~]]
Lens	[[l'A~s]]
Mons	[[m'O~s]]
Mulhouse	[[myl'uz]]
Chamonix	[[Samon'i]]
Gérardmer	[[Zerarm'e]]
Doubs	[[d'u]]
Rodez	[[rod'Es]]
Longwy	[[lO~w'i]]
Gex	[[Z'E]]
Avoriaz	[[avorj'a]]
Tropez	[[trop'e]]
Vaulx	[[v'o]]
Cergy	[[sErZ'i]]
Wissembourg	[[visA~b'ur]]
Riquewihr	[[rik@v'ir]]
Guebwiller	[[gEbvil'Er]]
Uzès	[[yz'Es]]
Alès	[[al'Es]]
Argelès	[[arZ@l'Es]]
Fréjus	[[freZ'ys]]
Cagnes	[[k'an^]]
Quimper	[[kE~p'Er]]
Troyes	[[trw'a]]
Anglet	[[A~gl'Et]]
Hendaye	[[A~d'aj]]
Gennevilliers	[[ZEn@vilj'e]]
Aubervilliers	[[obErvilj'e]]
Molenbeek	[[molEnb'ek]]
Anderlecht	[[A~dErl'Ek]]
Schaerbeek	[[Sarb'ek]]
Koekelberg	[[kuk@lb'Erg]]
Laeken	[[l'ak@n]]
Evere	[[ev'Er]]
Woluwe	[[wolyw'e]]
Zaventem	[[zavEnt'Em]]
Seraing	[[s@r'E~]]
Malmedy	[[malmed'i]]
Soignies	[[swan^'i]]
Ottignies	[[Otin^'i]]
Waregem	[[war@g'Em]]
Waterloo	[[watErl'o]]
Tubize	[[tyb'iz]]
Enghien	[[A~g'E~]]
Péruwelz	[[peryw'Elz]]
Neuchâtel	[[nYSat'El]]
Bâle	[[b'al]]
Haussmann	[[osm'an]]
Kherson	[[kErs'On]]
Kléber	[[kleb'Er]]
Koechlin	[[kEkl'E~]]
Schlumberger	[[SlW~bErZ'e]]
Schaffhouse	[[Saf'uz]]
Appenzell	[[apEnz'El]]
Gstaad	[[gSt'ad]]
Zurich	[[zyr'ik]]
Martigny	[[martin^'i]]
Vaud	[[v'o]]
Glaris	[[glar'is]]
Bellinzone	[[bElinz'On]]
Renens	[[r@n'A~]]
Onex	[[On'Eks]]
Payerne	[[paj'Ern]]
# --- places eSpeak NG says wrong (French, Belgian and Swiss usage) ---
Thionville	[[tjO~v'il]]
Marrakech	Marrakèche
Etterbeek	[[EtErb'ek]]
Hasselt	[[as'Elt]]
Uccle	Ucle
Knokke	[[kn'Ok]]
Genk	[[g'Enk]]
Saint-Gall	"Saint Gal"
Winterthour	[[vintErt'ur]]
Thoune	Toune
Thurgovie	Turgovie
Interlaken	[[E~tErlak'En]]
Monthey	Monté
# --- Belgian universities and parties written as one word ---
UCLouvain	"U C Louvain"
Vooruit	[[vor'Wjt]]
DéFI	word
# --- words a vote is written with in capitals (Swiss votations: "le OUI l'emporte") ---
OUI	word
# --- English loans of French news, said with French sounds as newsreaders
# say them, not switched to eSpeak NG's English voice ("un flash info") ---
flash	[[fl'aS]]
flashs	[[fl'aS]]
meeting	[[mit'iN]]
meetings	[[mit'iN]]
leader	[[lid'Wr]]
leaders	[[lid'Wr]]
look	[[l'uk]]
parking	[[park'iN]]
parkings	[[park'iN]]
coach	[[k'otS]]
shopping	[[Sop'iN]]
jogging	[[dZog'iN]]
footing	[[fut'iN]]
building	[[bild'iN]]
scoop	[[sk'up]]
dealer	[[dil'Wr]]
dealers	[[dil'Wr]]
foot	[[f'ut]]
football	[[futb'ol]]
tweet	[[tw'it]]
tweets	[[tw'it]]
manager	[[manadZ'Wr]]
managers	[[manadZ'Wr]]
ferry	[[fer'i]]
lobby	[[lOb'i]]
green	[[gr'in]]
derby	[[dErb'i]]
# (a leading pause of no length: eSpeak NG would link "des" to the w, "des
# week-ends" de-z wikɛnd)
week-end	[[_wik'End]]
week-ends	[[_wik'End]]
# --- English names of sports competitions: League is "lig" ("la Nations
# League", "l'Europa League"), Premier as French newsreaders say it ---
League	[[l'ig]]
# --- markets: the North Sea crude, not a verb in -ent (eSpeak NG: "br") ---
Brent	[[br'Ent]]
"Premier League"	[[prEmjWr l'ig]]
