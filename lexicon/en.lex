# Built-in English pronunciation lexicon (format: lexicon/README.md).
# Every entry has a golden IPA test in tests/golden/ipa/en.tsv.
# --- the seed statement's names ---
KFOR	"Kay-for"
Jens	[[j'Ens]]
Vjosa	[[vj'0s@]]
Osmani	[[0sm'A:ni]]
Stoltenberg	[[st'0lt@nb3:g]]
Özkan	[[3:zk'A:n]]
Ulutaş	[[u:lu:t'aS]]
Pristina	[[pr'IStIn@]]
Kosovo	[[k'0s@voU]]
# --- institutions common in international news ---
NATO	word
UN	spell
EU	spell
WHO	spell
IMF	spell
OSCE	spell
EULEX	"Yoo-lex"
UNMIK	"Un-mick"
UNESCO	"Yoonesco"
UNICEF	word
UNHCR	spell
ICRC	spell
IAEA	spell
WTO	spell
OECD	spell
OPEC	"Oh-peck"
ECB	spell
ICC	spell
NGO	spell
UNRWA	"Un-rah"
BRICS	word
ASEAN	[['asI@n]]
# --- names in the news that eSpeak NG says wrong ---
Hamas	[[h@m'as]]
Hezbollah	[[hEzb@l'A:]]
Erdogan	[['3:d@wA:n]]
Kyiv	[[k'i:Iv]]
Zelensky	[[zI'lEnski]]
"Malcolm X"	[[m'alk@m 'Eks]]
# --- places of Britain, Ireland and the US whose spelling English rules
# cannot give (BBC Pronouncing Dictionary of British Names; US: the places'
# own usage) ---
Bicester	[[b'Ist@]]
Towcester	[[t'oUst@]]
Leominster	[[l'Emst@]]
Marylebone	[[m'ar@l@b@n]]
Southwark	[[s'VD@k]]
Alnwick	[['anIk]]
Beaulieu	[[bj'u:li]]
Cholmondeley	[[tS'Vmli]]
Belvoir	[[b'i:v@]]
Carlisle	[[kA:l'aIl]]
Plaistow	[[pl'A:stoU]]
Laoghaire	[[l'i@ri]]
Cobh	[[k'oUv]]
Boise	[[b'OIsi]]
Poughkeepsie	[[p@k'Ipsi]]
Schenectady	[[sk@n'Ekt@di]]
Tucson	[[t'u:s0n]]
# --- Irish names and terms in English news (as RTÉ and the BBC say them) ---
Tánaiste	[[t'O:nISt@]]
Tanaiste	[[t'O:nISt@]]
Taoiseach	[[t'i:S@x]]
"Sinn Féin"	[[SIn f'eIn]]
"Sinn Fein"	[[SIn f'eIn]]
Micheál	[[m'i:hO:l]]
Micheal	[[m'i:hO:l]]
Gardaí	[[gA:d'i:]]
Gardai	[[gA:d'i:]]
Garda	[[g'A:d@]]
Oireachtas	[['Er@xt@s]]
Seanad	[[S'an@d]]
Dáil	[[d'OIl]]
"Fianna Fáil"	[[f,i:@n@ f'OIl]]
"Fianna Fail"	[[f,i:@n@ f'OIl]]
"Fine Gael"	[[f,In@ g'eIl]]
Niamh	[[n'i:v]]
Seán	[[S'O:n]]
Ciarán	[[k'i@rO:n]]
Ciaran	[[k'i@rO:n]]
Oisín	[[VS'i:n]]
Oisin	[[VS'i:n]]
Pádraig	[[p'O:rIg]]
Padraig	[[p'O:rIg]]
Éamon	[['eIm@n]]
Aoife	[['i:f@]]
Siobhán	[[S@v'O:n]]
Saoirse	[[s'3:S@]]
Caoimhe	[[k'i:v@]]
Gráinne	[[gr'O:nj@]]
Tadhg	[[t'aIg]]
Dáithí	[[d'A:hi:]]
Gaeltacht	[[g'eIltaxt]]
# --- particles of Portuguese and Italian names, weak as in English speech ---
# (Lula da Silva, Vasco da Gama, Leonardo da Vinci: "duh", not "dah")
da	[[d@]]
