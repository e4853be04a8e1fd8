"""Privacy, stage 0: the street, postcode and address-label words behind the ADDRESS detector.

Hand-written for this project (no third-party list, nothing taken from Faker), like
``lexicon``: labels that announce an address, street-type words written before or after the
street name, compound street endings, flat / unit words and PO boxes, by language. US street
suffixes follow the USPS Publication 28 suffix table (a US government work). Everything is
compared after ``str.casefold``.
"""

from __future__ import annotations

from taskmine.privacy.lexicon import phrases as _phrases
from taskmine.privacy.lexicon import tokens as _tokens
from taskmine.privacy.lexicon import words as _words

# Labels after which an address follows a colon: ``Ship to: 12 Main St``, ``Adresse: ...``.
ADDRESS_LABELS = _phrases(
    "address|home address|postal address|mailing address|street address|billing address"
    "|address on file|address of record"
    "|shipping address|delivery address|street|residence|lives at|located at"
    "|adresse|anschrift|straße|strasse|wohnadresse|lieferadresse|rechnungsadresse|wohnort"
    "|adresse postale|adresse de livraison|adresse de facturation|domicile|rue"
    "|dirección|direccion|domicilio|dirección de envío|calle"
    "|indirizzo|indirizzo di spedizione|residenza"
    "|adres|afleveradres|factuuradres|woonadres|straat"
    "|morada|endereço|endereço de entrega|endereço de cobrança|morada de entrega|ulica|adress"
    "|gatuadress"
    "|pickup location|delivery point"
    "|registered office|head office|branch office|return address|sender address|recipient address"
    "|adresa|cím|lakcím|adresă|adresa de livrare|naslov|адрес|адреса|адреса доставки"
    "|διεύθυνση|địa chỉ|alamat|osoite|katuosoite"
)
# Words of a maps or route app's window title: there a title piece of a name and a number is a
# street line (``Jabukovac 116 - Google Maps``), where ``Windows 11 - Settings`` is not.
MAP_TITLE_WORDS = _words(
    "maps map directions navigation waze openstreetmap routenplaner routeplanner itinéraire"
    " itinerario mapa mappa mapy kaart karte karten kartta карты карта"
)
MAP_TITLE_PHRASES = _phrases("route planner|trip planner|street view")
# Labels that may announce a place or something else (``Location: Remote``): after them a
# ``<Name> <number>`` value is read as a street line, nothing shorter.
PLACE_LABELS = _phrases(
    "location|site|office|place|venue|where|lieu|ort|standort|lugar|luogo|home|domicile"
)
# Prepositions before a place: ``Deliver to Oraskuja 875``, ``Warehouse at Jabukovac 6a``.
PLACE_PREPOSITIONS = _phrases(
    "at|to|in|from|near|an|nach|bei|in der|à|au|aux|chez|en|a|al|en la|naar|bij|op|på|i|til"
    "|till|w|we|v|ve|na|do|u|em|no|na|para|pe|la|la adresa|по|на|в|до|στην|στο|tại|di|ke"
)
# Words of delivery and visits before a place preposition: after them a one-word street and a
# short number is a place (``Return parcel to Strandhagen 15``), where ``Welcome to Python 3``
# is not. Words that also move software (``moved``, ``based``, ``sent``, ``return``) are not.
DELIVERY_WORDS = _words(
    "deliver delivered delivering delivery ship shipped shipping shipment parcel package pickup"
    " pick picked collect collected collection relocate relocated relocating warehouse depot"
    " store shop branch office visit meet meeting live lives lived living reside resides held"
    " dispatch dispatched courier lieferung geliefert versand versendet zugestellt abholung"
    " livraison livré envoi retrait entrega envío recogida consegna spedizione ritiro levering"
    " bezorgd verzending ophalen leverans"
)
# Parts of a site that take a number and follow the same cues as a street (``Ship to Dock 3``,
# ``Meet at Gate 5``, ``Site: Production 8``): never a street line on their own.
FACILITY_WORDS = _words(
    "dock gate bay zone hall room floor level line station platform terminal area sector desk"
    " counter window pier berth plant lab studio yard warehouse building block wing tower"
    " aisle shelf rack bin slot door entrance exit production assembly receiving loading"
    " section department team group stage phase lot campus site booth table seat row court"
    " field pitch ward bed theatre theater screen"
)
# Verbs of moving around software: ``Switch to Power BI 3``, ``Open in Tableau Desktop 9``
# name an app, not a place.
NAVIGATION_VERBS = _words(
    "go goes going switch switched navigate navigated open opened jump jumped scroll zoom"
    " upload uploaded download downloaded export exported import imported save saved log"
    " logged sign signed login connect connected deploy deployed install installed upgrade"
    " upgraded migrate migrated sync synced push pushed publish published redirect redirected"
    " attach attached link linked copy copied paste pasted convert converted add added"
    " welcome back wechseln öffnen aller ouvrir ir abrir"
)
# Administrative parts that continue an address: ``phường Long Bình``, ``г. Москва``,
# ``Kab. Bandung``, ``Región de La Araucanía``.
ADMIN_UNITS = _phrases(
    "phường|xã|quận|huyện|tỉnh|thành phố|tp.|thị xã|thị trấn|khóm|ấp|thôn|xóm|khu"
    "|г.|город|м.|с.|село|пос.|посёлок|смт|обл.|область|р-н|район|станица|ст-ца|д."
    "|ք.|քաղաք|գ.|գյուղ"  # Armenian: town, village
    "|п.|ст.|к.|клх|х.|аул|дер.|деревня|пгт|хутор"
    "|kota|kab.|kabupaten|kec.|kecamatan|kel.|kelurahan|desa"
    "|región|region|provincia|departamento|estado|comuna|municipio|distrito|bairro"
    "|okres|kraj|megye|județul|jud.|sector|comune|provincie|kanton|bezirk|landkreis"
    # Philippines, Malaysia, South Asia, Turkey and Azerbaijan, the Balkans
    "|barangay|brgy.|purok|taman|tmn.|kampung|kg.|mukim|daerah|upazila|thana|tehsil|mohalla"
    "|mahalle|rayonu|qəsəbəsi|kənd|općina|opština|občina|naselje|община|општина"
)
# ``E-mail address:`` and ``IP address:`` are not street addresses.
NOT_POSTAL = _words(
    "e-mail email mail ip ipv4 ipv6 mac web url server host wallet bitcoin network e-mail-"
    " courriel correo ip-adresse"
)

# English street suffixes after the street name (USPS Publication 28 and UK usage). Strong ones
# count anywhere after ``<number> <Name>``; weak ones (also everyday words) only when the street
# line stands alone in its segment.
STREET_SUFFIXES_STRONG = _words(
    "street st st. avenue ave ave. av road rd rd. lane ln ln. boulevard blvd blvd. drive dr"
    " dr. court ct ct. place pl pl. terrace ter terr crescent cres close highway hwy parkway"
    " pkwy square sq circle cir trail trl alley aly mews gardens gdns grove row walk"
    " expressway expy freeway fwy turnpike tpke causeway cswy esplanade wharf quay stravenue"
)
STREET_SUFFIXES_WEAK = _words(
    "way park parks point points view views hill hills green greens ridge ridges valley"
    " valleys lake lakes creek crossing fort forge forges burg burgs plains plain field"
    " fields spring springs station island islands isle port ports harbor harbour heights"
    " junction knoll knolls landing loop manor manors meadow meadows mill mills mount"
    " mountain orchard oval pass passage path pike pine pines prairie ranch rapids rest"
    " river run shoal shoals shore shores skyway spur stream summit throughway trace track"
    " trafficway tunnel union unions vale village villages ville vista well wells wood"
    " woods brook brooks camp canyon cape cliff cliffs club common commons corner corners"
    " cove coves dale dam divide estate estates extension falls ferry flat flats ford fords"
    " forest fork forks freeway garden gateway glen glens haven hollow inlet key keys light"
    " lights lock locks lodge mall neck overpass pointe radial ramp rue bypass bluff bluffs"
    " bottom branch bridge burgs center centers circles motorway parade rise yard yards"
    " drives roads streets avenues lanes courts squares gardens grange viaduct mission"
    " route routes underpass walks ways crossroad curve fall cliff crest hwy ext"
    " alley lodge plaza terraces row rows turnpike mountains junctions rapid course land"
    " brooks via"
    # Australian, New Zealand and Canadian usage
    " strand circuit chase promenade concourse wynd glade gully retreat quays boulevarde"
    " broadway outlook grove crescent approach entrance rise"
)

# Street-type words written before the street name: ``rue de la Paix``, ``Via Roma 12``.
# ``free`` ones mark an address even without a house number; the others need one.
STREET_TYPES_FREE = _phrases(
    "rue|boulevard|chemin|allée|impasse|quai|calle|avenida|avda.|paseo|carretera|travesía"
    "|urbanización|glorieta|viale|piazza|piazzale|vicolo|strada|contrada|lungomare|rua"
    "|travessa|praça|ulica|ul.|aleja|al."
    # Latin American and Portuguese types
    "|periférico|circuito|calzada|andador|prolongación|privada|cerrada|retorno|diagonal"
    "|rodovia|ladeira|avenida|alameda"
    # Brazilian address types (logradouros), Colombian and Chilean types
    "|condomínio|fazenda|residencial|favela|chácara|sítio|loteamento|viela|vila|jardim"
    "|parque|colônia|esplanada|passarela|trevo|vereda|recanto|circunvalar|autopista|praia"
    "|lagoa|lago|morro"
    # Romanian
    "|strada|str.|bulevardul|b-dul|bd.|calea|aleea|intrarea|drumul|piața|piata|șoseaua"
    "|soseaua|splaiul|fundătura|prelungirea"
    # Russian and Ukrainian
    "|ул.|улица|пр-т|пр.|просп.|проспект|пер.|переулок|наб.|набережная|бул.|бульвар|шоссе"
    "|площадь|проезд|тупик|аллея|мкр.|микрорайон|вул.|вулиця|пров.|провулок|бульв.|майдан"
    "|площа|набережна|шосе|узвіз|сквер|алея|проїзд|ш.|алл.|парк|пл."
    # Greek, Indonesian, Vietnamese
    "|οδός|οδ.|λεωφ.|λεωφόρος|πλατεία|πάρ.|παρ.|πάροδος|jl.|jln.|jalan|gg.|gang|psr."
    "|đường|phố|ngõ|ngách|hẻm|kiệt"
    # Albanian, Maltese
    "|rruga|rr.|bulevardi|sheshi|triq|pjazza|sqaq"
)
# Street-type words written after the street name, as separate words: ``Béke utca 67.``,
# ``Bertel Jungin kuja 57``, ``Vlaška ulica 12``. They need a house number.
STREET_TYPES_AFTER = _phrases(
    "utca|u.|út|útja|tér|tere|köz|körút|krt.|sor|sétány|fasor|dűlő|lépcső|liget"
    "|ulica|ul.|cesta|trg|put|obala|prilaz|odvojak|šetalište|vijenac|prolaz|naselje"
    "|vrh|dol|breg|brijeg|gaj|stube"
    "|námestie|nám.|náměstí|nábrežie|nábřeží|trieda|třída|sídlisko|sídliště"
    "|katu|tie|kuja|polku|kaari|raitti|rinne|väylä|tori|bulevardi"
    "|gate|gata|veien|vegen|vei|veg|gatan|vägen|väg|gränd|vej|gade|allé|alle|stræde|plads|torv"
    # Turkish, Latvian, Lithuanian, Estonian
    "|caddesi|cad.|cd.|sokak|sokağı|sok.|sk.|bulvarı|mahallesi|mah.|meydanı|yolu"
    "|iela|bulvāris|prospekts|laukums|gatve|šoseja"
    "|gatvė|g.|prospektas|pr.|alėja|aikštė|plentas"
    "|tänav|tn.|maantee|mnt.|puiestee|pst.|põik|väljak"
    "|gāte|dambis|šķērsiela|līnija|aleja|krastmala"
    # Azerbaijani, Uzbek, Kazakh, Kurdish, Basque, South Asian, South Slavic and Mongolian
    "|küçəsi|küç.|prospekti|pr.|döngəsi|dalanı|şossesi|meydanı|bulvarı|ko'chasi|koʻchasi"
    "|kuchasi|mahallasi|berk ko'chasi|shoh ko'chasi|köşesi|көшесі|даңғылы|кўчаси|kolana"
    "|maydoni|yo'li|yoʻli|mavzesi|massivi|dahasi|tor ko'chasi"
    "|орамы|желекжолы|тұйығы|алаңы"
    "|kalea|etorbidea|bidea|marg|nagar|sarani|sarak|sadak|gali|chowk|bulevar|sokak|put"
    "|улица|ул.|булевар|бул.|гудамж"
    # Armenian: street, avenue, lane, square, dead end, district, highway
    "|փողոց|պողոտա|նրբանցք|հրապարակ|փակուղի|թաղամաս|խճուղի"
)
STREET_TYPES_NUMBERED = _phrases(
    "avenue|av.|av|place|route|cours|passage|square|plaza|pza.|camino|ronda|pasaje|via|corso"
    "|largo|borgo|stretto|piazzetta|alameda|callejón|c/|estrada|pl.|plac|os.|osiedle|rotonda"
    "|cañada|acceso|incrocio|vía|traversa|galleria|lungo|salita|calçada|beco|canale|pasadizo"
    "|sector|polígono|barrio|camí|carrer|rambla|passeig|ronda|vicoletto|via|vial|c.|cuesta|r."
    "|allé|montée|rang|côte|chemin"
    # Spanish road types of the national statistics office's list, with a house number
    # (``entrada``, ``colegio``, ``muelle`` are left out: in lower case they are everyday words)
    "|calleja|callejuela|extramuros|extrarradio|poblado|subida|bajada|rincón|huerta|arroyo"
    "|chalet|quinta|ferrocarril|rampa|manzana|senda|ramal|aldea|escalinata|caserío|caserio"
    "|parcela|masía|masia|edificio|jardines|terrenos|apartamento|barranco|arrabal|explanada"
    # French, Belgian and West African types: ``1 Voie des Lombards``, ``26 Immeuble Sy``
    "|voie|ruelle|sentier|cité|résidence|immeuble|lotissement|hameau|lieu-dit|drève|parvis"
    "|rond-point|échangeur|faubourg|venelle|traverse|promenade|clos|carrefour|parc"
    "|ds.|dk.|kp.|kpg.|jr.|πλ.|str-la|stradela|str"
    # More of the world, written before the name (with a house number): Welsh, Irish, Malay,
    # Filipino, Swahili, Catalan, Galician, Basque-Spanish, South Slavic and Belarusian
    "|heol|ffordd|stryd|lôn|rhodfa|cilgant|bóthar|sráid|ascaill|lána|lorong|lrg.|persiaran"
    "|lebuh|lebuhraya|jln|kalye|barabara|mtaa|avinguda|plaça|travessera|rúa|praza|rolda"
    "|bulevar|булевар|бул.|булевард|площад|ул.|улица|вуліца|праспект|завулак|плошча"
    "|bulevardi|sheshi|rruga|avenija"
    # German types written first before an article (``Straße der Menschenrechte 76``,
    # ``Platz der Republik 1``, ``Allee der Kosmonauten 5``)
    "|straße|strasse|platz|allee|gasse"
    # Kazakh types, which a form may also write before the name (``даңғылы Абай 10``)
    "|көшесі|даңғылы|орамы|желекжолы|тұйығы"
    # Polish types written before the name (``wyspa``, ``Wybrzeże`` are also island and coast)
    "|rynek|ogród|wyb.|wybrzeże|szosa|droga|rondo|skwer|bulwar|bulw.|wyspa|park"
    # Latin American numbered streets: ``Carrera 9ª # 4-2``, ``Cl. 153 # 7-88``, ``Diag. 6``
    "|carrera|cra.|cr.|kr.|cl.|cll.|transversal|tv.|tr.|diag.|dg.|blv.|quadra|conjunto|trecho"
    "|núcleo"
)

# Street-word endings of compound names: ``Hauptstraße 5``, ``Kerkstraat 12``, ``Storgatan 3``.
STREET_ENDINGS = _phrases(
    "straße|strasse|str.|weg|platz|gasse|allee|damm|ufer|chaussee|steig|stieg|graben|hof"
    "|straat|laan|plein|gracht|kade|singel|dijk|dreef|steeg|baan|wal|pad"
    "|gatan|vägen|gränd|torget|stigen|backen|gade|vej|gata|veien|vei|boulevard|ring"
    # Finnish and Norwegian compounds: ``Mannerheimintie 12``, ``Haugenløkka 2``
    "|katu|tie|kuja|polku|kaari|raitti|rinne|väylä|bulevardi|puistikko|kulma|gate|gaten"
    "|vegen|stien|svingen|bakken|løkka|bråten|tunet|jordet|plassen|kroken|haugen|åsen"
    # Hungarian written as one word (``Kossuth-tér``), Croatian and Czech
    "|utca|tér|körút|ulica|cesta|trg|náměstí|nábřeží|alléen|stræde|plads|torv|vænge"
    # Icelandic and Faroese: ``Bergstaðastræti 15``, ``Steinagøta 17``
    "|stræti|gata|vegur|braut|stígur|gøta|gøtu|vegurin"
    "|linja|ranta|torvet|vænget|gaden|vejen|parken|marken|passagen|park|plantsoen"
    # Danish compounds: ``Ledøjetoften 5``, ``Mellemvangen 2``, ``Svedskegyden 8``
    "|toften|vangen|gyden|haven|lunden"
    # Czech and Slovak streets are adjectives and genitives: ``Šarišská 6``, ``Palackého 12``,
    # ``Strečnianska 7``, ``Bradáčova 3``; a bare ``-ova`` is left out, as English ``Nova``
    "|ská|cká|ová|ého|nska|lska|iho|čova|šova|žova|řova|ňova"
    # Serbian and Croatian possessives: ``Njegoševa 12``, ``Kurelčeva 6``
    "|ševa|čeva|ćeva|ževa|đeva"
    # Danish definite forms: ``Åboulevarden 9``, ``Birkealle 4``
    "|boulevarden|alle|allé"
)
# Compounds with those endings that are everyday words, not streets (``Arbeitsplatz 3``).
STREET_LOOKALIKES = _words(
    "arbeitsplatz speicherplatz parkplatz sitzplatz stellplatz steckplatz rückweg zahlungsweg"
    " lieferweg versandweg umweg ausweg rechtsweg dienstweg lösungsweg freigabeweg"
    " friedhof bahnhof innenhof loopbaan notepad keypad ipad touchpad trackpad numpad thinkpad"
    " string spring offering monitoring engineering scoring rendering ordering filtering"
    " sharing clearing hearing bearing catering clustering tutoring mentoring recurring"
    " exploring during keyring"
    " supermarkt onlinemarkt marktplatz"
)

# House-number qualifiers and address parts that continue an address: ``Apt. 4``, ``Piso 3``.
UNIT_WORDS = _phrases(
    "apt|apt.|apartment|suite|ste|ste.|unit|flat|studio|floor|fl|room|rm|bldg|building|po box"
    "|etage|stock|stiege|tür|top|whg.|wohnung|app.|appartement|bât.|bâtiment|étage|esc.|bte"
    "|bus|piso|puerta|planta|portal|escalera|bajo|appartamento|interno|int.|scala|piano"
    "|huis|hs|lok.|m.|mieszkanie"
    "|edif.|edificio|depto.|depto|dpto.|dpto|lote|manzana|mz.|bloco|bloque|apto.|apto|andar"
    "|sala|lgh|lgh.|n°|nº|no."
    "|of.|oficina|local|casa|torre|bl.|sc.|et.|ap.|corp|kav.|blok|rt|rw|interior|dto."
    "|level|lvl|shop|rd|etapa|apartamento|km"
    "|д.|дом|к.|корп.|стр.|кв.|оф.|буд.|лит."
    "|dz.|dzīv.|bloc|բն.|տուն|շենք|διαμ.|διαμέρισμα"
)
# Floor and side words written after a number inside the flat part, which need no number after
# them: ``9 étage``, ``3e verdieping``, ``2 hoog achter``, ``3. tv``, ``2º Dcha.``, ``26 bis``.
FLOOR_WORDS = _words(
    "étage etage étg étg. ét. bis ter quater hoog hg achter voor boven beneden verdieping verd."
    " tv th mf st st. sal etg etg. og og. stock obergeschoss eg ug dg links rechts"
    " dcha dcha. izda izda. izq izq. izqda izqda. dcho dcho. izdo izdo. ctro centro pta pta."
    " piano interno int. όροφος όρ. piętro p. patro poschodie posch. kerros krs krs. tr tr."
    " trappor vån vån. våning emelet em. ajtó fszt. etaj et. andar esq esq. dto dto. frente"
    " fte floor fl fl. rear front bajo ático atico entlo. entresuelo pral. principal"
    " ισ. ισόγειο ημ. ημιώροφος"
)
# Words that mark the house number: ``Drumul Florea Nr. 172``, ``Jl. Mawar No. 9``,
# ``Số 99 ...``, ``Calle 146 # 7-1``, ``H.No. 04``.
HOUSE_NUMBER_MARKERS = _phrases(
    "nr.|nr|nr:|no.|no|no:|№|#|n°|nº|số|h.no.|h. no.|д.|буд.|dom|čp.|č.p.|бр.|br."
)
# Numbered parts that make an address together where no street has a name: ``House 12,
# Road 5, Block C`` (Dhaka), ``Blk 4 Lot 9, Phase 2`` (Manila), ``Plot 7, Sector 3``.
NUMBERED_PARTS = _phrases(
    "house|house no.|h.|road|road no.|rd.|block|blk|blk.|sector|plot|plot no.|lot|purok|phase"
    "|street|st.|lane|flat|apt|apt.|unit|building|bldg|holding|villa|zone|avenue|ave."
)

PO_BOXES = _phrases(
    "po box|p.o. box|p. o. box|p.o.box|post office box|postfach|boîte postale|b.p.|apartado"
    "|apartado de correos|casella postale|postbus|caixa postal|skrytka pocztowa"
)

US_STATES = frozenset(
    _tokens(
        "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ"
        " NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP AA AE AP FM MH"
        " PW"
    )
)
