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
