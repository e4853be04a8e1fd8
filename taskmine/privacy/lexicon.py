"""Privacy, stage 0: the word lists behind the PERSON and ADDRESS detectors and the field policy.

Hand-written for this project (no third-party list, nothing taken from Faker): label words that
announce a person or an address, honorifics, street-type words, and the everyday UI and business
words that a capitalised phrase must not contain to be read as a name. English, German, French,
Spanish, Italian, Dutch, Portuguese, Polish and the Scandinavian languages. Street suffixes for
US addresses follow the USPS Publication 28 suffix table (a US government work). Everything is
compared after ``str.casefold``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def words(text: str) -> frozenset[str]:
    """Words compared after ``casefold`` (``straße`` is kept as ``strasse`` too)."""
    return frozenset(w for word in text.split() for w in (word.casefold(), word.lower()))


def tokens(text: str) -> list[str]:
    """Words with their case kept (honorifics, state codes)."""
    return text.split()


def phrases(text: str) -> tuple[str, ...]:
    """``|``-separated phrases for a case-insensitive regex, longest first (preferred)."""
    items = {p.strip().lower() for p in text.split("|") if p.strip()}
    return tuple(sorted(items, key=lambda p: (-len(p), p)))


def alternation(items: Iterable[str]) -> str:
    """A regex alternation of ``items``, longest first so the longest phrase wins, each escaped,
    a space inside a phrase matching any run of white space."""
    ordered = sorted(items, key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


# Cased letters (Latin with Vietnamese, Greek, Cyrillic, Armenian...) as explicit character
# classes: ``re`` has no \p{Lu}. Capitalisation is what the detectors read, so scripts without
# case (Arabic, Hebrew, CJK, Indic, Thai, Georgian) are out of their reach, but for the address
# markers that address_scripts reads; docs/privacy.md.
UPPER = "".join(chr(c) for c in range(0x41, 0x2000) if chr(c).isupper() and chr(c).isalpha())
LOWER = "".join(chr(c) for c in range(0x61, 0x2000) if chr(c).islower() and chr(c).isalpha())

# --- PERSON ----------------------------------------------------------------------------------

# Labels after which a person's name follows a colon: ``Name: Jane Doe``, ``An: Max Muster``.
PERSON_COLON_LABELS = phrases(
    "name|full name|first name|last name|given name|family name|middle name|surname|forename"
    "|customer|customer name|client|contact|contact name|contact person|recipient|addressee"
    "|from|to|cc|bcc|sender|reply to|attn|attention|owner|assignee|assigned to|requester"
    "|requested by|created by|approved by|submitted by|reported by|signed by|employee|patient"
    "|author|account holder|cardholder|card holder|beneficiary|payee|passenger|guest|applicant"
    "|tenant|policyholder|caller|driver|user|host|organizer|organiser|attendee|participant"
    "|ship to|bill to|deliver to|sold to|contact card"
    # German
    "|vorname|nachname|familienname|kunde|kundin|kundenname|kontakt|ansprechpartner"
    "|ansprechpartnerin|empfänger|absender|von|an|inhaber|kontoinhaber|mitarbeiter"
    "|mitarbeiterin|bearbeiter|sachbearbeiter|antragsteller|zu händen|z. hd.|z.hd.|teilnehmer"
    # French
    "|nom|prénom|prenom|nom complet|client|cliente|destinataire|expéditeur|de|à|titulaire"
    "|bénéficiaire|à l'attention de|demandeur|auteur|patient|employé|interlocuteur"
    # Spanish
    "|nombre|apellido|apellidos|nombre completo|contacto|destinatario|remitente|para"
    "|titular|beneficiario|a la atención de|atención|solicitante|empleado|paciente"
    # Italian
    "|cognome|nome|nome completo|contatto|mittente|da|a|titolare|alla cortese attenzione di"
    "|c.a.|richiedente|dipendente|intestatario"
    # Dutch
    "|naam|voornaam|achternaam|klant|klantnaam|contactpersoon|ontvanger|afzender|aan"
    "|t.a.v.|begunstigde|rekeninghouder|aanvrager|medewerker"
    # Portuguese, Polish, Scandinavian
    "|nome completo|destinatário|remetente|imię|nazwisko|klient|odbiorca|nadawca|od|do"
    "|namn|kund|mottagare|avsändare|från|till|navn|modtager|afsender"
)

# Cues a name may follow without a colon (then it must have at least two words, or one word and
# a comma for greetings): ``Dear Jane,``, ``Customer Jane Doe``, ``Chat with Jane Doe``.
PERSON_SOFT_CUES = phrases(
    "customer|client|contact|recipient|attn|patient|employee|dear|hello|hi|hey|thanks"
    "|chat with|call with|meeting with|message from|email from|e-mail from|mail from|sent by"
    "|conversation with|call from|missed call from|reply from|invitation from|on behalf of"
    "|kunde|kundin|liebe|lieber|hallo|gespräch mit|besprechung mit|anruf von|nachricht von"
    "|cher|chère|bonjour|salut|réunion avec|appel de|message de|de la part de"
    "|estimado|estimada|querido|querida|hola|reunión con|llamada de|mensaje de"
    "|gentile|caro|cara|ciao|riunione con|chiamata da|messaggio da"
    "|geachte|beste|hoi|vergadering met|gesprek met|bericht van|oproep van"
    "|prezado|prezada|olá|szanowny|szanowna|hej|kära"
    "|t.a.v.|t.a.v|attn.|z. hd.|z.hd.|zu händen|c.a.|à l'attention de|a la atención de"
    "|signed by|created by|approved by|assigned to|requested by|submitted by|reported by"
    # a form label and its value side by side, without a colon: ``Customer name Jane Doe``
    "|customer name|contact name|client name|full name|patient name|account holder name"
    # a CRM record's owner and a holder of an account, a card, a policy: ``Account owner Jane Doe``
    "|account owner|record owner|case owner|lead owner|owner name|account holder|card holder"
    "|cardholder|policy holder|policyholder"
)

# Honorifics and academic titles (compared with their case: ``Frau`` and ``M.`` are cues,
# ``frau`` and ``m.`` are not). A name after one may be a single word: ``Frau Müller``.
HONORIFICS = tuple(
    sorted(
        set(
            tokens(
                "Mr Mr. Mrs Mrs. Ms Ms. Miss Mx Mx. Dr Dr. Prof Prof. Sir Dame Lord Lady Rev Rev."
                " Herr Frau Hr. Fr. Dipl.-Ing. Dipl.-Kfm. Mag. Ing. Univ.Prof. Prof.Dr."
                " M. MM. Mme Mme. Mlle Mlle. Monsieur Madame Mademoiselle"
                " Sr. Sra. Srta. Sr Sra Srta Señor Señora Señorita Don Doña Dña."
                " Sig. Sig.ra Sig.ra. Sig.na Signor Signora Dott. Dott.ssa Avv. Arch."
                " Dhr. Mevr. Mw. Meneer Mevrouw Drs. Ir."
                " Exmo. Exma. pan pani Pan Pani Pfarrer Rabbi"
                " Dra. Lic. Lcda. Lcdo. Srita. Dr(a). Sr(a). Eng. Enga."
                " г-н г-жа тов. пан пані добродій добродійка господин госпожа κ. κα κύριος"
                " κυρία Bpk. Ibu Sdr. Sdri. drg. Ông Bà Quý ông Quý bà Quý cô dl. dna. d-na"
                " g. gđa. gđica ifj. özv. id. Ing. Mgr. Bc. PhDr. MUDr. JUDr. RNDr."
                # Turkish, Nordic, Afrikaans, Filipino, Swahili, Czech and Slovak, South Slavic;
                # Spanish ``Dra`` without its period (``Bay`` is also a loading bay: left out)
                " Bayan Sayın Fru Frk. Mnr. Mev. Mej. Gng. Bb. Bw. paní slečna Dra"
                " gospodin gospođa gospođica"
            )
        ),
        key=lambda h: (-len(h), h),
    )
)

# Lower-case words inside names: ``Charlotte van Vliet``, ``José de la Torre``.
NAME_PARTICLES = words(
    "van von der den de del della delle dei degli di da du dos das do le la los las y e zu zum"
    " ten ter te vom bin ben al el d' l' af av die i"
)

# Lower-case words that close a name: Turkic "son of" / "daughter of" after the father's name
# (Kazakh, Kyrgyz, Azerbaijani, Uzbek, Turkmen, Tatar), in Cyrillic and Latin spellings, and
# the Latvian titles written after it.
NAME_TAILS = words(
    "ұлы қызы улы кызы уулу uly qyzy kyzy uulu oğlu oglu ogly qızı qizi kızı o‘g‘li o'g'li"
    " ogʻli qizi оглы кызы оғли қизи"
    # Latvian writes its titles after the name: ``Anna Bērziņa kundze``, ``Jānis Ozols kungs``
    " kundze k-dze kungs k-gs"
)

# Words that make a title a person's page: ``Inbox - Jane Doe - Outlook``.
TITLE_CONTEXT = words(
    "outlook thunderbird mail gmail teams slack zoom skype whatsapp telegram signal webex"
    " messenger linkedin salesforce hubspot zendesk freshdesk dynamics crm contacts contact"
    " kontakte kontakt contactos contatti contacten kontakter inbox posteingang réception"
    " bandeja entrada arrivo postvak message nachricht conversation unterhaltung chat profile"
    " profil perfil profilo customer kunde kundin client cliente klant patient employee"
    " mitarbeiter employé empleado dipendente medewerker person personne persona persoon"
    " people leute addressbook adressbuch meeting besprechung réunion reunión riunione"
    " vergadering call anruf appel llamada chiamata"
)

# Everyday words of user interfaces, documents and business: a capitalised phrase containing one
# of them is a label, a menu item, a product or a company, not a name. ``Main Street Bank``,
# ``Save As``, ``Google Chrome``, ``New York Times``, ``Customer Service``.
UI_WORDS = words(
    # English UI and business words
    "a an the and or of for to in on at by with from as is are be not no yes all any new open"
    " save close cancel ok apply edit view insert format tools help file files folder home back"
    " next previous prev forward up down left right top bottom more less add remove delete copy"
    " paste cut undo redo find search replace select print share send reply forward refresh"
    " submit order orders confirm continue start stop pause play settings options preferences"
    " account accounts profile sign log login logout register password username user users"
    " name names first last full middle given family title address street city state zip"
    " code postal postcode country phone mobile email e-mail mail inbox outbox sent drafts"
    " draft junk spam trash archive archived calendar contacts contact tasks task notes note"
    " message messages chat chats meeting meetings call calls team teams channel channels"
    " general today tomorrow yesterday week month year date time monday tuesday"
    " wednesday thursday friday saturday sunday january february march"
    " july september october november december report reports dashboard overview summary"
    " details detail list lists table tables item items row rows column columns cell sheet"
    " sheets page pages document documents window tab tabs menu toolbar button link field"
    " form dialog panel pane view views mode status total subtotal amount prices cost"
    " costs tax invoice invoices payment payments bank banking credit debit card cards"
    " balance transfer transaction transactions customer customers client clients service"
    " services support sales marketing finance billing shipping delivery product products"
    " catalog catalogue store shop cart checkout purchase supplier suppliers vendor vendors"
    " company companies corp corporation inc ltd llc gmbh ag sa plc group holdings partners"
    " office microsoft google apple amazon chrome firefox edge safari word excel powerpoint"
    " outlook onenote sharepoint onedrive drive docs slides teams zoom slack sap oracle"
    " salesforce windows explorer terminal console editor studio code visual notepad paint"
    " adobe acrobat reader pdf times york post journal news daily weekly monthly quarterly"
    " annual project projects plan plans budget review reviews update updates upgrade"
    " version release build test tests data database server network system systems admin"
    " administrator manager management department hr it finance legal operations team"
    " project welcome hello world thanks thank please sorry unknown none null empty blank"
    " default custom other misc miscellaneous untitled unnamed sample example demo test"
    " main central national international global local public private personal business"
    " enterprise premium pro plus basic standard free trial online offline internet web site"
    " website portal app apps application applications program software hardware device"
    " devices printer scanner camera settings control center centre hub box bar sidebar"
    " quick access recent favorites favourites bookmarks history downloads uploads upload"
    " download import export sync backup restore install uninstall error warning info"
    " information alert notification notifications request requests ticket tickets case"
    " cases issue issues incident incidents change changes approval approvals workflow"
    " process processes step steps action actions event events rule rules policy policies"
    " security privacy terms conditions agreement contract contracts license licence"
    " subscription plan pricing offer offers deal deals lead leads opportunity opportunities"
    " campaign campaigns goal goals target targets performance analytics insights metrics"
    " chart charts graph graphs map maps location locations region regions area areas zone"
    " north south east west new old big small large medium high low best top hot cold red"
    " blue yellow orange purple dark light bright"
    " bank street road avenue square plaza tower building center"
    " university college school hospital clinic hotel restaurant cafe airport station"
    " express direct prime smart cloud digital mobile labs lab systems solutions technologies"
    " technology software consulting logistics industries international worldwide"
    " sir madam madame colleague colleagues everyone all team staff members member friends"
    " my your our their his her its this that these those who what when where why how"
    " there here out over under about after before between into through during without"
    " within upon via per each every some many most other such only own same so than too"
    " very just also now then once again ever never always often still yet already"
    " qty ref no nr id num number sku pos item"
    # German
    " der die das und oder mit für von zu im am an auf aus bei nach über unter vor neu"
    " neue neuer neues öffnen speichern schließen abbrechen bearbeiten ansicht einfügen"
    " datei dateien ordner suchen drucken senden antworten weiterleiten bestellung"
    " bestellungen rechnung rechnungen zahlung kunde kunden kundendienst lieferant"
    " konto einstellungen hilfe startseite übersicht bericht berichte posteingang"
    " gesendete elemente entwürfe gelöschte aufgaben kalender kontakte nachricht nachrichten"
    " straße stadt land firma gesellschaft bank sparkasse volksbank kasse betrag summe"
    " gesamt datum zeit uhr heute morgen gestern woche monat jahr vertrag angebot auftrag"
    " lieferung versand artikel produkt produkte preis menge status fehler warnung"
    " sehr geehrte geehrter damen herren team liebe grüße freundlichen"
    # French
    " le la les un une des et ou avec pour par sur dans sans nouveau nouvelle ouvrir"
    " enregistrer fermer annuler modifier affichage insérer fichier fichiers dossier"
    " rechercher imprimer envoyer répondre transférer commande commandes facture factures"
    " paiement client clients fournisseur compte paramètres aide accueil rapport rapports"
    " boîte réception éléments envoyés brouillons tâches calendrier contacts message"
    " messages rue ville pays société banque montant total date heure aujourd'hui demain"
    " semaine mois année contrat offre livraison produit produits prix quantité statut"
    " erreur madame monsieur mesdames messieurs chers"
    # Spanish
    " el los las unos unas y o con para por sin nuevo nueva abrir guardar cerrar"
    " cancelar editar ver insertar archivo archivos carpeta buscar imprimir enviar"
    " responder reenviar pedido pedidos factura facturas pago cliente clientes proveedor"
    " cuenta configuración ayuda inicio informe informes bandeja entrada enviados"
    " borradores tareas calendario contactos mensaje mensajes calle ciudad país empresa"
    " banco importe fecha hora hoy mañana semana mes año contrato oferta entrega producto"
    " productos precio cantidad estado señores estimados"
    # Italian
    " il lo gli i una e o con per da su senza nuovo nuova apri salva chiudi annulla"
    " modifica visualizza inserisci cartella cerca stampa invia rispondi inoltra ordine"
    " ordini fattura fatture pagamento fornitore conto impostazioni aiuto rapporto posta"
    " arrivo inviata bozze attività calendario contatti messaggio messaggi via città paese"
    " azienda banca importo oggi domani settimana mese anno contratto offerta consegna"
    " prodotto prodotti prezzo quantità stato gentili signori"
    # Dutch
    " het een en of met voor van op in zonder nieuw nieuwe openen opslaan sluiten"
    " annuleren bewerken beeld invoegen bestand bestanden map zoeken afdrukken verzenden"
    " beantwoorden doorsturen bestelling bestellingen factuur facturen betaling klant"
    " klanten leverancier rekening instellingen startpagina rapport postvak verzonden"
    " items concepten taken agenda contactpersonen bericht berichten straat stad bedrijf"
    " bedrag datum tijd vandaag morgen week maand jaar contract aanbieding levering"
    " prijs aantal geachte heer mevrouw"
)

# Words that, right after a capitalised phrase, make it an organisation: ``Acme Supplies Ltd``,
# ``Main Street Bank``, ``Park Avenue Partners``.
ORGANISATION_WORDS = words(
    "ltd ltd. limited inc inc. llc llp corp corp. co co. plc gmbh ag kg ohg ug se sa s.a. sas"
    " sarl s.l. sl s.p.a. spa srl s.r.l. bv b.v. nv n.v. oy ab as a/s group holding holdings"
    " bank partners associates solutions services systems consulting foundation fund trust"
    " university hospital clinic hotel restaurant team store shop insurance capital"
    " ventures labs studios media"
)

# --- field policy ------------------------------------------------------------------------------

# A field whose label holds one of these words (after splitting camelCase and compounds) asks
# for a person's name or an address: its value is blanked whatever it holds.
PERSON_FIELD_WORDS = words(
    "firstname lastname fullname surname surnames forename forenames givenname familyname"
    " middlename maidenname birthname nickname cardholder accountholder recipient addressee"
    " beneficiary payee signatory vorname nachname familienname geburtsname rufname"
    " kontoinhaber inhaber empfänger ansprechpartner ansprechpartnerin prénom prenom"
    " destinataire bénéficiaire titulaire nombre apellido apellidos destinatario"
    " beneficiario titular cognome nome intestatario titolare voornaam achternaam"
    " tussenvoegsel begunstigde rekeninghouder ontvanger contactpersoon imię imie nazwisko"
    " namn efternamn förnamn fornavn efternavn etternavn navn jméno příjmení sobrenome"
    " nume prenume prezime ime priimek meno priezvisko vezetéknév keresztnév utónév"
    " фамилия имя отчество фио прізвище ім'я імʼя по-батькові επώνυμο όνομα ονοματεπώνυμο"
    " nama họ tên họtên givennames firstnames lastnames surnames middlenames"
)
# ``name`` (or ``nom``, ``naam``...) alone asks for a person unless an object word qualifies it.
GENERIC_NAME_WORDS = words("name nom naam nome nombre namn navn")
NAME_OBJECT_WORDS = words(
    "file filename folder directory path project product company firm organisation"
    " organization org business account user username login display screen host server"
    " domain network device printer computer machine app application program task item"
    " article document report template sheet table column field tag label group team role"
    " category type class module package brand model street city country region building"
    " bank shop store site website page box queue channel workspace project vendor supplier"
    " datei ordner firma unternehmen produkt projekt konto benutzer artikel fichier dossier"
    " société entreprise produit projet compte utilisateur archivo carpeta empresa"
    " producto proyecto cuenta usuario azienda prodotto progetto utente cartella bestand"
    " bedrijf product gebruiker rekening object objet objeto oggetto variable variabele"
)
ADDRESS_FIELD_WORDS = words(
    "address addr street streetname streetaddress housenumber housenr housename city town"
    " postcode postalcode zip zipcode postal locality suburb county pobox"
    " adresse anschrift straße strasse str hausnummer hausnr plz postleitzahl wohnort"
    " ort stadt lieferadresse rechnungsadresse rue ville commune cp codepostal"
    " dirección direccion calle ciudad domicilio localidad población poblacion codigopostal"
    " indirizzo civico cap città comune località adres straat straatnaam huisnummer"
    " woonplaats plaats morada endereço endereco rua cidade localidade ulica miasto"
    " miejscowość adress gatuadress postnummer postort"
    " adresa ulice obec psč irányítószám cím település utca adresă stradă localitate"
    " адрес адреса улица город индекс вулиця місто διεύθυνση οδός πόλη τκ địachỉ alamat"
    " jalan kota kodepos osoite katuosoite postinumero postitoimipaikka"
)

# Common words beyond ``UI_WORDS`` that a name found by a generic rule (any ``Label:``, a
# preposition) must not contain: statuses, categories, departments, products and brands, places.
# Written for this project, by category; ``COMMON_WORDS`` is the union with ``UI_WORDS``.
_MORE_COMMON = words(
    # statuses, priorities, stages
    "progress pending done completed complete closed resolved reopened waiting hold active"
    " inactive enabled disabled draft approved rejected declined accepted cancelled canceled"
    " won lost critical urgent major minor normal routine unassigned assigned escalated"
    " scheduled planned ongoing overdue due paid unpaid partial failed passed success"
    " successful running queued blocked ready review reviewed verified unverified expired"
    " level tier first second third fourth one two three four five six seven eight nine ten"
    # categories, departments, business things
    " office supplies supply equipment furniture travel expenses expense marketing sales"
    " support service services customer customers purchasing procurement accounting"
    " payroll human resources research development engineering quality assurance logistics"
    " shipping warehouse inventory stock facilities maintenance operations strategy"
    " executive board committee council corporate partner partners vendor vendors supplier"
    " suppliers product products project projects program programme portfolio budget"
    " forecast revenue profit loss income software hardware training onboarding recruiting"
    " form web live online phone email social media events conference webinar newsletter"
    " bug bugs feature features improvement task story epic sprint backlog release notes"
    " standup retro planning kickoff roadmap launch phoenix internal external"
    " enterprise business premium professional personal family student starter basic"
    " gold silver bronze platinum standard deluxe ultimate lite trial annual monthly"
    " autosave autosaved automatic auto system bot robot scheduler admin administrator"
    " anonymous guest everyone nobody somebody unknown various multiple several"
    # places and geography words
    " western eastern northern southern central europe european america american asia"
    " asian africa african pacific atlantic united states kingdom republic union york"
    " city county province district valley bay beach island lake river mountain gate"
    " bridge harbour harbor airport downtown uptown"
    # products and brands that appear in titles and labels
    " google microsoft apple amazon windows chrome firefox safari edge opera adobe"
    " acrobat oracle sap salesforce excel word powerpoint onenote outlook teams slack zoom"
    " jira confluence github gitlab bitbucket dropbox onedrive sharepoint wordpress iphone"
    " ipad android linux ubuntu macos ios office visual studio code notepad terminal"
    " explorer finder paint photoshop illustrator figma notion trello asana zendesk"
    " freshdesk hubspot servicenow workday dynamics navision quickbooks stripe paypal"
    " facebook instagram twitter youtube linkedin whatsapp telegram skype webex"
    # everyday words often capitalised in titles
    " love life world time day days night morning evening summer winter spring autumn"
    " fall happy birthday holiday holidays christmas easter party lunch dinner breakfast"
    " coffee break welcome goodbye thank thanks congratulations good great best better"
    " important final draft copy original version edition issue volume part chapter"
    " section page question questions answer answers idea ideas topic topics weekly daily"
    " link links cart basket checkout wishlist delivery pickup returns return refund"
    " room floor building meeting interview call demo presentation workshop session"
    # German, French, Spanish, Italian, Dutch, Portuguese, Swedish status and business words
    " offen erledigt abgeschlossen bearbeitung wartend dringend hoch niedrig mittel"
    " büro bürobedarf vertrieb einkauf buchhaltung personal abteilung geschäftsführung"
    " en cours terminé fermé ouvert urgent haute basse moyenne fournitures bureau ventes"
    " achats comptabilité service direction abierto cerrado pendiente urgente alta baja"
    " media oficina ventas compras contabilidad dirección aperto chiuso attesa urgente"
    " ufficio vendite acquisti contabilità open gesloten behandeling dringend hoog laag"
    " kantoor verkoop inkoop boekhouding aberto fechado pendente escritório vendas"
    " compras öppen stängd pågående brådskande kontor försäljning inköp"
)
COMMON_WORDS = UI_WORDS | _MORE_COMMON

# What an activity feed or a notification says a person did, right after the name:
# ``Jane Doe commented on the pull request``, ``Jane Doe is typing``, ``Jane Doe a partagé``.
# Written from the notification texts of mail, chat, code review, documents and calendars.
ACTIVITY_VERBS = phrases(
    "commented|replied|responded|shared|mentioned|invited|joined|left|added|removed|assigned"
    "|unassigned|approved|rejected|declined|accepted|updated|edited|created|deleted|uploaded"
    "|sent|posted|reacted|liked|reviewed|merged|opened|closed|reopened|pushed|committed"
    "|changed|requested|signed|viewed|called|wrote|started|ended|resolved|archived|completed"
    "|submitted|published|scheduled|cancelled|canceled|arrived|forwarded|attached|tagged"
    "|followed|suggested|answered|reported|logged|booked|paid|checked in|checked out"
    "|is typing|is calling|is presenting|is speaking|is sharing|is recording|is online"
    "|is offline|is away|is busy|wants to|would like to|sent you|invited you|mentioned you"
    "|is arriving|is on the way|is waiting"
    "|a commenté|a partagé|a rejoint|a quitté|a répondu|a ajouté|a envoyé|vous a invité"
    "|vous a mentionné|est en train d'écrire|écrit|ha comentado|comentó|ha compartido"
    "|compartió|se unió|respondió|te ha invitado|está escribiendo|hat kommentiert|hat geteilt"
    "|hat geantwortet|ist beigetreten|hat sie eingeladen|schreibt|ha commentato|ha condiviso"
    "|sta scrivendo|heeft gereageerd|heeft gedeeld|is aan het typen"
)

# Words (prepositions and short verbs of hand-over) after which a run of capitalised words is
# read as a name when none of them is a common word: ``Ticket raised by Jane Doe``.
NAME_PREPOSITIONS = phrases(
    "by|to|for|with|from|cc|via|par|pour|avec|chez|von|mit|für|an|bei|di|da|con|per|por|para"
    "|com|door|met|voor|aan|av|med|till|från|af|til|fra|przez|dla|od|do|z"
)
