# Acronyms in French, Belgian and Swiss news, and the international bodies
# they name (format: lexicon/README.md).  Part of the built-in French
# lexicon, loaded before lexicon/fr.lex (whose entries win).  Each entry
# has its golden IPA in tests/golden/ipa/fr-acronyms.tsv.
# Readings are those of the public broadcasters' newsreaders (France Info,
# RTBF, RTS): spelled letters, a word, or a respelling where eSpeak NG's
# French rules would drop a sounded final consonant ("BERD" -> "Bèrde") or
# misread a vowel ("ENA" -> "Éna").  An expansion is given where a
# newsreader says the full name on first mention (not for the bodies
# everyone knows: ONU, UE, SNCF...); it is said only with --expand-acronyms
# (expand_acronyms: true in a script).
# --- France: state, administration, justice, police ---
AFP	spell
ANSSI	[[ans'i]]	expand "Agence nationale de la sécurité des systèmes d'information"
ANSM	spell	expand "Agence nationale de sécurité du médicament"
ANSES	[[ans'Es]]	expand "Agence nationale de sécurité sanitaire"
ANRU	[[anr'y]]	expand "Agence nationale pour la rénovation urbaine"
ANAH	word	expand "Agence nationale de l'habitat"
ANDRA	word	expand "Agence nationale pour la gestion des déchets radioactifs"
ADEME	"Adème"	expand "Agence de la transition écologique"
ARCOM	word	expand "Autorité de régulation de la communication audiovisuelle et numérique"
ARCEP	word	expand "Autorité de régulation des communications électroniques"
ARS	spell
ASN	spell	expand "Autorité de sûreté nucléaire"
AMF	spell	expand "Autorité des marchés financiers"
ACPR	spell	expand "Autorité de contrôle prudentiel et de résolution"
CNIL	word
CADA	word	expand "Commission d'accès aux documents administratifs"
CNCDH	spell	expand "Commission nationale consultative des droits de l'homme"
CSA	spell	expand "Conseil supérieur de l'audiovisuel"
CESE	"Cèze"	expand "Conseil économique, social et environnemental"
CNR	spell	expand "Conseil national de la Refondation"
CNRS	spell
CNES	"Cnèsse"
CEA	spell	expand "Commissariat à l'énergie atomique"
CERN	"Cèrne"
INSEE	"Insé"
INSERM	"Insèrme"
INRAE	[[inra'e]]	expand "Institut national de recherche pour l'agriculture, l'alimentation et l'environnement"
INRIA	word
INA	word	expand "Institut national de l'audiovisuel"
INSEP	"Insèpe"
IRSN	spell	expand "Institut de radioprotection et de sûreté nucléaire"
IGN	spell	expand "Institut national de l'information géographique"
IFOP	"Ifope"
IPSOS	[[ips'Os]]
BVA	spell
ELABE	"Élabé"
CREDOC	"Crédoque"
DARES	"Darèsse"
DREES	"Drèsse"
DGSE	spell
DGSI	spell
DGFIP	"Dé Gé Fipe"	expand "Direction générale des finances publiques"
DGCCRF	spell	expand "Direction générale de la concurrence, de la consommation et de la répression des fraudes"
DGS	spell	expand "Direction générale de la santé"
DGA	spell	expand "Direction générale de l'armement"
DRH	spell
DRAC	word
DREAL	"Dréal"
DDPP	spell
SGDSN	spell	expand "Secrétariat général de la défense et de la sécurité nationale"
GIGN	spell
BRI	spell
CRS	spell
IGPN	spell	expand "Inspection générale de la police nationale"
IGGN	spell	expand "Inspection générale de la Gendarmerie nationale"
IGAS	"Igasse"	expand "Inspection générale des affaires sociales"
PJ	spell
GAV	"garde à vue"
OPJ	spell
DCPJ	spell
OFAST	word
OCRTIS	"Ocrtisse"
PNF	spell
PNAT	"Pénate"
PNACO	"Pénaco"
TGI	spell
CSM	spell	expand "Conseil supérieur de la magistrature"
CJR	spell	expand "Cour de justice de la République"
QPC	spell
OQTF	spell
OFPRA	word	expand "Office français de protection des réfugiés et apatrides"
OFII	"Ofi"	expand "Office français de l'immigration et de l'intégration"
CRA	spell
AME	spell
CMU	spell
RSA	spell
RMI	spell
APL	spell
AAH	spell
ASPA	word
CAF	word
CPAM	"Cépam"
CNAV	"Cnave"	expand "Caisse nationale d'assurance vieillesse"
CNAM	"Cnam"
MSA	spell	expand "Mutualité sociale agricole"
URSSAF	"Urssaf"
UNEDIC	"Unédic"
ACOSS	"Acosse"
CDC	spell	expand "Caisse des dépôts et consignations"
BPI	spell	expand "Banque publique d'investissement"
BDF	spell
AFD	spell	expand "Agence française de développement"
APHP	spell	expand "Assistance publique – Hôpitaux de Paris"
CHU	spell
CHR	spell
EHPAD	[[ep'ad]]
EPHAD	[[ep'ad]]
SAMU	word
SMUR	"Smur"
SDIS	"Sdisse"
HAS	spell	expand "Haute Autorité de santé"
HCSP	spell
HATVP	spell	expand "Haute Autorité pour la transparence de la vie publique"
HCR	spell	expand "Haut Commissariat des Nations unies pour les réfugiés"
CNCCFP	spell
CCNE	spell	expand "Comité consultatif national d'éthique"
INED	"Inède"
INSP	spell
ENA	"Éna"
ENM	spell
ENS	spell
HEC	spell
ESSEC	"Éssèque"
ESCP	spell
EHESS	spell
EPFL	spell	expand "École polytechnique fédérale de Lausanne"
EPFZ	spell
ETH	spell
IEP	spell
CAPES	"Capèsse"
CNOUS	"Cnousse"
CROUS	"Crousse"
BTS	spell
DUT	spell
BEP	spell
BAFA	word
CPGE	spell
IUT	spell
UFR	spell
ZEP	"Zèpe"
CFA	spell
AESH	spell
ATSEM	"Atsème"
CPE	spell
CNED	"Cnède"
ONISEP	"Onizèpe"
INSPE	"Inspé"
CNESCO	"Cnesco"
PISA	word
OCDE	spell	expand "Organisation de coopération et de développement économiques"
TVA	spell
CSG	spell
CRDS	spell
ISF	spell
IFI	spell
PFU	spell
SMIC	"Smique"
PIB	spell
PNB	spell
IPC	spell
CAC	"Caque"
PLF	spell
PLFSS	spell
LFI	spell
LFSS	spell
ONDAM	"Ondame"
PLU	spell
ZAD	"Zade"
ZFE	spell
ZUS	"Zuce"
QPV	spell
HLM	spell
OPH	spell
PTZ	spell
DPE	spell
CEE	spell
PPE	spell
PPRI	spell
SNBC	spell
ICPE	spell
EPR	spell
EPCI	spell
DROM	"Drome"
PACA	word
IDF	spell
RN	spell
LR	spell
PS	spell
PCF	spell
EELV	spell
NPA	spell	expand "Nouveau Parti anticapitaliste"
LO	spell	expand "Lutte ouvrière"
UDI	spell
MODEM	"Modème"
UMP	spell
RPR	spell
UDF	spell
FN	spell
NUPES	"Nupèsse"	expand "Nouvelle Union populaire écologique et sociale"
NFP	spell	expand "Nouveau Front populaire"
DLF	spell
LREM	spell
LIOT	word
CGT	spell
CFDT	spell
CFTC	spell
CGC	spell
FO	spell
FSU	spell
UNSA	[[yns'a]]
SNES	"Snèsse"
SNUIPP	"Snuipe"
MEDEF	"Médèf"
CPME	spell	expand "Confédération des petites et moyennes entreprises"
FNSEA	spell	expand "Fédération nationale des syndicats d'exploitants agricoles"
UNEF	"Unèf"
FCPE	spell
UFC	spell
CNCPH	spell
SNCF	spell
RATP	spell
EDF	spell
GDF	spell
RTE	spell
ENGIE	"Engie"
ADP	spell
TGV	spell
TER	spell
RER	spell
TCL	spell
TEC	"Tèque"
STIB	"Stibe"
SNCB	spell
CFF	spell	expand "Chemins de fer fédéraux"
SBB	spell
BLS	spell
TPG	spell
TL	spell
SNCM	spell
PTT	spell
BNP	spell
BPCE	spell
LCL	spell
CIC	spell
HSBC	spell
UBS	spell
BCGE	spell
BNS	spell	expand "Banque nationale suisse"
BCV	spell
SFR	spell
LVMH	spell
PSA	spell
TF1	"Té èf un"
BFMTV	"Bé èf èm Té vé"
LCI	spell
CNEWS	"Cé niouze"
RFI	spell
RTL	spell
RMC	spell
LCP	spell
TV5	"Té vé cinq"
RTBF	spell
VRT	spell
RTS	spell
SSR	spell
RSI	spell
SRF	spell
TSR	spell
JDD	spell
ATS	spell	expand "Agence télégraphique suisse"
BELGA	word
ANP	spell
DPA	spell
APS	spell
PSG	spell
OM	spell
ASSE	spell
OL	spell
LOSC	"Losque"
FFF	spell	expand "Fédération française de football"
LFP	spell	expand "Ligue de football professionnel"
FFR	spell
FIFA	word
UEFA	"Uéfa"
CIO	spell
COJO	word
JO	spell
CAN	"Cane"	expand "Coupe d'Afrique des nations"
NBA	spell
NFL	spell
ATP	spell
WTA	spell
MMA	spell
AMA	spell	expand "Agence mondiale antidopage"
AFLD	spell
TAS	spell	expand "Tribunal arbitral du sport"
VAR	"Vare"
CSP	spell
PDG	spell
DG	spell
CEO	spell
RH	spell
PME	spell
TPE	spell
ETI	spell
SAS	"Sasse"
SARL	[[s'arl]]
SCOP	"Scope"
ESS	spell
CDI	spell
CDD	spell
CPF	spell
RTT	spell
SMS	spell
MMS	spell
GPS	spell
PC	spell
PDF	spell
USB	spell
VPN	spell
IA	spell
ChatGPT	"Tchatte G P T"
OpenAI	"Opène A I"
TNT	spell
OGM	spell
ADN	spell
ARN	spell
ARNm	"A R N messager"
VIH	spell
IST	spell
IVG	spell
PMA	spell
GPA	spell
AVC	spell
IRM	spell
SIDA	word
COVID	"Covide"
CoV	"Co vé"
SRAS	"Srasse"
MERS	"Mèrsse"
BPCO	spell
EHESP	spell
SDF	spell
PV	spell
QG	spell
QI	spell
JT	spell
AG	spell
CM	spell
CP	spell
BD	spell
CV	spell
DJ	spell
LGBT	spell
LGBTQ	spell
VTC	spell
SUV	spell
VTT	spell
TNP	spell
OVNI	word
ZAC	"Zaque"
ZUP	"Zupe"
BTP	spell
HT	spell
TTC	spell
HS	spell
OK	"Okay"
# --- Belgique ---
PTB	spell	expand "Parti du travail de Belgique"
MR	spell	expand "Mouvement réformateur"
CDH	spell
CDV	"Cédévé"
CD&V	[[sede,Env'e]]
NVA	"ène vé a"
N-VA	"ène vé a"
PVDA	spell
VLD	spell
OPENVLD	"Open V L D"
DEFI	"Défi"
ECOLO	"Écolo"
FGTB	spell	expand "Fédération générale du travail de Belgique"
CSC	spell	expand "Confédération des syndicats chrétiens"
CGSLB	spell
FEB	"Fèbe"	expand "Fédération des entreprises de Belgique"
UCM	spell
ONEM	"Onème"	expand "Office national de l'emploi"
ONSS	spell	expand "Office national de sécurité sociale"
INAMI	"Inami"	expand "Institut national d'assurance maladie-invalidité"
FOREM	"Forème"
ACTIRIS	"Actirisse"
VDAB	spell
CPAS	spell
SPF	spell
SPW	spell
FWB	spell	expand "Fédération Wallonie-Bruxelles"
AVIQ	"Avique"
CGRA	spell	expand "Commissariat général aux réfugiés et aux apatrides"
OCAM	"Ocame"	expand "Organe de coordination pour l'analyse de la menace"
SGRS	spell
BNB	spell	expand "Banque nationale de Belgique"
ULB	spell	expand "Université libre de Bruxelles"
UCL	spell
UCLOUVAIN	"U C Louvain"
KUL	"Kul"
ULIEGE	"U Liège"
UMONS	"U Mons"
UNAMUR	"U Namur"
SRWT	spell
BPOST	"B Poste"
SOWALFIN	"Sowalfine"
INFRABEL	"Infrabèl"
CREG	"Crègue"
CWAPE	"Cwape"
AFSCA	"Afsca"	expand "Agence fédérale pour la sécurité de la chaîne alimentaire"
RTL-TVI	"R T L Té vé i"
# --- Suisse ---
UDC	spell
PLR	spell
PDC	spell
PSS	spell
PEV	spell
PVL	spell
PBD	spell
USS	spell	expand "Union syndicale suisse"
SECO	"Séco"	expand "Secrétariat d'État à l'économie"
OFSP	spell	expand "Office fédéral de la santé publique"
OFS	spell	expand "Office fédéral de la statistique"
OFEV	"Ofève"
OFROU	"Ofrou"
OFAC	"Ofaque"
OFEN	"Ofène"
AVS	spell
LPP	spell
LAMAL	"Lamal"
DFAE	spell	expand "Département fédéral des affaires étrangères"
DFJP	spell
DFI	spell
DDPS	spell	expand "Département fédéral de la défense, de la protection de la population et des sports"
DETEC	"Détèque"
DEFR	spell
DFF	spell
FINMA	[[finm'a]]
UNIL	[[yn'il]]
UNIGE	"Unigé"
HUG	spell	expand "Hôpitaux universitaires de Genève"
CHUV	"Chuv"
CICR	spell
FIDH	spell
TCS	spell
# --- International, Europe ---
ONU	word
UE	spell
OTAN	word
OMS	spell
OMC	spell	expand "Organisation mondiale du commerce"
OIT	spell	expand "Organisation internationale du travail"
OIM	spell	expand "Organisation internationale pour les migrations"
OMM	spell	expand "Organisation météorologique mondiale"
OMPI	spell
OACI	"O A C I"	expand "Organisation de l'aviation civile internationale"
OMI	spell
OIF	spell	expand "Organisation internationale de la Francophonie"
OSCE	spell	expand "Organisation pour la sécurité et la coopération en Europe"
OPEP	"Opèpe"	expand "Organisation des pays exportateurs de pétrole"
OPAEP	"Opaèpe"
OEA	spell
OUA	spell
UA	spell	expand "Union africaine"
UPM	spell
FMI	spell
BM	spell
BCE	spell
BEI	spell	expand "Banque européenne d'investissement"
BERD	"Bèrde"	expand "Banque européenne pour la reconstruction et le développement"
BAD	spell	expand "Banque africaine de développement"
BAII	spell
FED	"Fède"	expand "Réserve fédérale américaine"
FAO	spell	expand "Organisation des Nations unies pour l'alimentation et l'agriculture"
PAM	"Pame"	expand "Programme alimentaire mondial"
PNUD	[[pn'yd]]	expand "Programme des Nations unies pour le développement"
PNUE	[[pn'y]]	expand "Programme des Nations unies pour l'environnement"
UNICEF	"Unicèf"
UNESCO	"Unèsco"
UNRWA	[[unrw'a]]	expand "Office de secours et de travaux des Nations unies pour les réfugiés de Palestine"
UNHCR	spell
HCDH	spell	expand "Haut-Commissariat des Nations unies aux droits de l'homme"
CNUCED	"Cnucède"	expand "Conférence des Nations unies sur le commerce et le développement"
ONUDC	spell	expand "Office des Nations unies contre la drogue et le crime"
ONUSIDA	"Onusida"
AIEA	spell	expand "Agence internationale de l'énergie atomique"
AIE	spell	expand "Agence internationale de l'énergie"
GIEC	[[Zj'Ek]]
IPBES	spell
CCNUCC	spell
COP	"Cope"
CPI	spell	expand "Cour pénale internationale"
CIJ	spell	expand "Cour internationale de justice"
CJUE	spell	expand "Cour de justice de l'Union européenne"
CEDH	spell	expand "Cour européenne des droits de l'homme"
TPIY	spell	expand "Tribunal pénal international pour l'ex-Yougoslavie"
TPIR	spell
TSL	spell
MINUK	[[min'uk]]	expand "Mission d'administration intérimaire des Nations unies au Kosovo"
UNMIK	[[unm'ik]]
MINUSMA	"Minusma"
MONUSCO	"Monusco"
MINUSCA	"Minusca"
MINUSS	"Minusse"
FINUL	"Finule"	expand "Force intérimaire des Nations unies au Liban"
FORPRONU	"Forpronu"
EUFOR	"Euforre"
EULEX	"Eulèx"
KFOR	"Kafor"
ISAF	"Isafe"
AED	spell
PESC	"Pèsque"
PAC	"Paque"
BRICS	"Brikse"
ASEAN	"Aséane"	expand "Association des nations de l'Asie du Sud-Est"
APEC	"Apèque"
ALENA	"Aléna"	expand "Accord de libre-échange nord-américain"
ACEUM	"Acéum"
MERCOSUR	"Mercosur"
CEDEAO	"Cédéao"	expand "Communauté économique des États de l'Afrique de l'Ouest"
UEMOA	"Uémoa"	expand "Union économique et monétaire ouest-africaine"
CEMAC	"Cémaque"	expand "Communauté économique et monétaire de l'Afrique centrale"
CEEAC	spell
SADC	spell
CAE	spell
IGAD	"Igad"
AES	spell	expand "Alliance des États du Sahel"
BCEAO	spell
BEAC	"Béaque"
FCFA	"franc C F A"
ZLECAF	"Zlécaf"
CCG	spell	expand "Conseil de coopération du Golfe"
OCI	spell	expand "Organisation de la coopération islamique"
OCS	spell	expand "Organisation de coopération de Shanghai"
CEI	spell
OTSC	spell	expand "Organisation du traité de sécurité collective"
CELAC	"Célaque"
OLP	spell	expand "Organisation de libération de la Palestine"
FPLP	spell
PKK	spell	expand "Parti des travailleurs du Kurdistan"
YPG	spell
FDS	spell	expand "Forces démocratiques syriennes"
HTC	spell
HTS	spell
EI	spell
DAECH	"Daèche"
DAESH	"Daèche"
AQMI	"Aqmi"	expand "Al-Qaïda au Maghreb islamique"
JNIM	spell
FLNC	spell
ETA	"Éta"
IRA	"Ira"
FARC	"Farque"	expand "Forces armées révolutionnaires de Colombie"
ELN	spell
RSF	spell	expand "Reporters sans frontières"
MSF	spell	expand "Médecins sans frontières"
MDM	spell
ACF	spell	expand "Action contre la faim"
HRW	spell	expand "Human Rights Watch"
ONG	spell
AKP	spell	expand "Parti de la justice et du développement"
CHP	spell
MHP	spell
HDP	spell
SPD	spell
CDU	spell
CSU	spell
FDP	spell
BSW	spell
PSOE	"Pésoé"
ANC	spell	expand "Congrès national africain"
EFF	spell
FLN	spell	expand "Front de libération nationale"
RND	spell
PJD	spell
RCD	spell
MPLA	spell
FRELIMO	"Frélimo"
ZANU-PF	"Zanou P F"
RDC	spell
RCA	spell	expand "République centrafricaine"
USA	spell
É-U	"États-Unis"
R-U	"Royaume-Uni"
G-B	"Grande-Bretagne"
URSS	spell
RFA	spell
RDA	spell
RAS	spell
GB	spell
UK	"U K"
NY	spell
DC	spell
FBI	spell
NSA	spell
DEA	spell
NASA	"Naza"
ESA	"Éza"	expand "Agence spatiale européenne"
JAXA	"Jaxa"
KGB	spell
FSB	spell
GRU	spell
SVR	spell
MI5	"M I cinq"
MI6	"M I six"
BBC	spell
CNN	spell
ABC	spell
CBS	spell
NBC	spell
NHS	spell
GAFAM	"Gafame"
NYT	spell
SEAL	"Sil"
OPA	spell
OPE	spell
IPO	spell
ETF	spell
CAC40	"Caque quarante"
BTC	spell
NFT	spell
PPP	spell
CO2	"C O deux"
GES	spell
GNL	spell
GPL	spell
SMR	spell
THT	spell
LGV	spell
ICE	spell
# --- more France, Europe, Africa ---
ANPE	spell
CNDP	spell	expand "Commission nationale du débat public"
CRE	spell	expand "Commission de régulation de l'énergie"
CNAF	"Cnafe"
CSMF	spell
FHF	spell	expand "Fédération hospitalière de France"
SNPNC	spell
SNPL	spell
UNAF	"Unafe"
ATMB	spell
DGAC	spell	expand "Direction générale de l'aviation civile"
BEA	spell	expand "Bureau d'enquêtes et d'analyses pour la sécurité de l'aviation civile"
SHOM	"Chome"
CROSS	"Crosse"
SNSM	spell	expand "Société nationale de sauvetage en mer"
ONF	spell	expand "Office national des forêts"
OFB	spell	expand "Office français de la biodiversité"
INAO	"Ina o"
AOC	spell
AOP	spell
IGP	spell
FNAIM	"Fnème"
CNCT	spell
LDH	spell	expand "Ligue des droits de l'homme"
LICRA	"Licra"
MRAP	"Mrape"
CRIF	[[kr'if]]	expand "Conseil représentatif des institutions juives de France"
CFCM	spell	expand "Conseil français du culte musulman"
CEF	spell	expand "Conférence des évêques de France"
CIIVISE	"Civise"	expand "Commission indépendante sur l'inceste et les violences sexuelles faites aux enfants"
CIASE	"Ciase"	expand "Commission indépendante sur les abus sexuels dans l'Église"
PJJ	spell
ASE	spell
MDPH	spell
EPT	spell
MGP	spell
TTIP	spell
CETA	"Céta"
OLAF	"Olafe"	expand "Office européen de lutte antifraude"
EUROPOL	"Europol"
FRONTEX	"Frontèx"
AESA	"Aésa"	expand "Agence européenne de la sécurité aérienne"
EMA	spell	expand "Agence européenne des médicaments"
ECDC	spell	expand "Centre européen de prévention et de contrôle des maladies"
REPER	"Répère"
SEAE	spell	expand "Service européen pour l'action extérieure"
RENEW	"Rinyou"
ECR	spell
GUE	"Gué"
MES	spell
FEDER	"Fédère"	expand "Fonds européen de développement régional"
FSE	spell	expand "Fonds social européen"
RGPD	spell
DSA	spell
DMA	spell
# --- more France and international (once in the normalizer's own table) ---
ISIS	"Izisse"
ONERA	word	expand "Office national d'études et de recherches aérospatiales"
RAID	word
NATO	word
TF	spell
BFM	spell
CIA	spell
CA	spell
CE	spell
SA	spell
OGN	spell
PMU	spell
RG	spell
CFE	spell
CGPME	spell
SOS	spell
SDAT	spell
PiS	[[p'is]]	expand "Droit et justice"
UdeM	"U de M"	expand "Université de Montréal"
