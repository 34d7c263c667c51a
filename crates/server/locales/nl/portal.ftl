# The User Management web portal (/admin), served by latchkey-server. Every locale has every key:
# crates/server/src/portal/i18n.rs tests it.

## Frame
portal-title = Latchkey Gebruikersbeheer
skip-to-content = Naar inhoud gaan
nav-label = Hoofdmenu
nav-users = Gebruikers
nav-add-user = Gebruiker toevoegen
nav-bulk = Bulkregistratie
nav-domains = Domeinen
nav-requests = Lidmaatschapsaanvragen
nav-organization = Organisatie
signed-in-as = Aangemeld als { $email }
button-sign-out = Afmelden
language-label = Taal
button-change-language = Wijzigen

## Sign-in and Terms
heading-sign-in = Aanmelden bij Gebruikersbeheer
sign-in-intro = Voor beheerders van een organisatie. Gebruik hetzelfde e-mailadres en wachtwoord als in de Latchkey-client.
label-email = E-mail
label-password = Wachtwoord
button-sign-in = Aanmelden
forgot-hint = Nog geen wachtwoord, of bent u het vergeten? Kies “Wachtwoord vergeten?” in de Latchkey-client, of stel het hier in.
link-forgot = Wachtwoord vergeten?
error-credentials = Het e-mailadres of het wachtwoord is onjuist.
error-locked = Te veel mislukte pogingen. Probeer het over { $minutes } minuten opnieuw.
error-rate-limited = Te veel pogingen. Probeer het over { $minutes } minuten opnieuw.
error-proof-required = Te veel verzoeken vanaf dit adres of netwerk. Zet JavaScript aan in de browser (dat bewijst dat u geen bot bent) en verstuur het formulier opnieuw.
error-proof-invalid = De controle dat u geen bot bent is mislukt of verlopen. Verstuur het formulier opnieuw.
error-not-admin = Dit portaal is bedoeld voor de beheerders van een organisatie. Uw account heeft geen beheerdersrol.
heading-terms = Servicevoorwaarden
terms-intro = Accepteer de servicevoorwaarden om door te gaan.
button-accept = Accepteren
button-decline = Weigeren
terms-declined = U kunt Gebruikersbeheer niet gebruiken zonder de servicevoorwaarden te accepteren.
terms-expired = Het aanmelden duurde te lang. Meld u opnieuw aan.
signed-out = U bent afgemeld.

## Forgot password
heading-forgot = Uw wachtwoord instellen of opnieuw instellen
forgot-intro = Voer uw e-mailadres in. Als het geregistreerd is, sturen wij u een code.
button-send-code = Code verzenden
code-sent = Als { $email } geregistreerd is, hebben we er een code naartoe gestuurd. Voer deze hieronder in, samen met uw nieuwe wachtwoord.
label-code = Code uit de e-mail
label-new-password = Nieuw wachtwoord
password-hint = Minimaal { $min } tekens. Langere wachtzinnen zijn sterker; alle tekens zijn toegestaan.
button-set-password = Wachtwoord instellen
password-set = Uw wachtwoord is ingesteld. Meld u ermee aan.
error-code = De code is onjuist of verlopen. Vraag een nieuwe aan.
weak-password = Het wachtwoord is te zwak: { $reasons }
weak-too_short = korter dan { $min } tekens
weak-too_long = te lang
weak-common = een veelgebruikt wachtwoord
weak-contains_email = bevat uw e-mailadres

## Users
heading-users = Gebruikers
search-label = Zoeken op adres of naam
button-search = Zoeken
column-email = E-mail
column-name = Naam
column-country = Land
column-roles = Rollen
column-status = Status
status-invited = Uitgenodigd
status-active = Actief
status-locked = Geblokkeerd
no-users = Geen gebruikers gevonden.
link-next-page = Volgende pagina
link-first-page = Eerste pagina
users-count = { $count ->
    [one] { $count } gebruiker op deze pagina
   *[other] { $count } gebruikers op deze pagina
}
link-manage = Beheren
column-actions = Acties
pages-label = Pagina’s

## Add a user
heading-add-user = Een gebruiker toevoegen
add-user-intro = De gebruiker ontvangt een e-mail met uitleg over het instellen van een wachtwoord in de Latchkey-client.
label-first-name = Voornaam
label-last-name = Achternaam
label-country = Land
choose-country = Kies een land
label-roles = Rollen
label-mail-language = Taal van de e-mail
button-add-user = Gebruiker toevoegen
user-added = { $email } is toegevoegd en uitgenodigd.

## Roles
role-fulfillment_contact = Contactpersoon orderafhandeling
role-account_admin = Accountbeheerder
role-co_admin = Medebeheerder
role-product_delivery_download = Productlevering – Download
role-not-grantable = (hoger dan uw eigen rol)

## One user
heading-user = { $name }
label-status = Status
label-member-since = Lid sinds
button-save-roles = Rollen opslaan
roles-saved = De rollen van { $email } zijn opgeslagen.
heading-remove = Uit de organisatie verwijderen
remove-intro = { $email } verliest direct de toegang tot de producten van de organisatie en wordt overal afgemeld. Het account zelf blijft bestaan.
button-remove = { $email } verwijderen
confirm-remove = { $email } uit de organisatie verwijderen?
user-removed = { $email } is uit de organisatie verwijderd.

## Bulk register
heading-bulk = Gebruikers in bulk registreren
bulk-intro = Upload een CSV-bestand met de kolommen email, first_name, last_name, country en optioneel roles (gescheiden door ;) en language. U ziet eerst een controle van elke regel; er wordt niets opgeslagen totdat u importeert.
link-template = Sjabloon downloaden (CSV)
label-file = CSV-bestand (maximaal 10 MiB, 100.000 rijen)
button-check = Bestand controleren
heading-report = Controle van { $file }
report-ready = { $count ->
    [one] { $count } gebruiker kan worden toegevoegd.
   *[other] { $count } gebruikers kunnen worden toegevoegd.
}
report-already = { $count ->
    [one] { $count } adres is al lid en blijft ongewijzigd.
   *[other] { $count } adressen zijn al lid en blijven ongewijzigd.
}
report-failed = { $count ->
    [0] Geen enkele regel bevat een fout.
    [one] { $count } regel bevat een fout en wordt niet geïmporteerd:
   *[other] { $count } regels bevatten fouten en worden niet geïmporteerd:
}
column-line = Regel
column-problem = Probleem
link-error-report = Regels met fouten downloaden (CSV)
link-upload-another = Een ander bestand uploaden
button-import = { $count ->
    [one] { $count } gebruiker importeren
   *[other] { $count } gebruikers importeren
}
report-fix-hint = Corrigeer de regels met fouten in uw bestand en upload het opnieuw, of importeer nu de geldige regels.
heading-imported = Import voltooid
imported = { $count ->
    [one] { $count } gebruiker is toegevoegd en uitgenodigd.
   *[other] { $count } gebruikers zijn toegevoegd en uitgenodigd.
}
upload-expired = Deze upload is niet meer beschikbaar. Upload het bestand opnieuw.
error-file-missing = Kies een CSV-bestand om te uploaden.
problem-invalid_email = Het e-mailadres is ongeldig.
problem-invalid_country = Het land is geen ISO 3166-code zoals DE of US.
problem-unknown_role = Een rol is onbekend.
problem-duplicate_row = Het adres komt al eerder in het bestand voor.
problem-missing_field = Een verplicht veld is leeg.
problem-field_too_long = Een veld is te lang.
problem-invalid_characters = Een veld bevat tekens die niet zijn toegestaan, zoals een regeleinde.
problem-member_of_other_org = Het adres hoort bij een andere organisatie.
problem-role_not_grantable = Een rol is hoger dan uw eigen rol.
problem-invalid_language = De taal is niet een van en, es, fr, tr, nl, it, de, pl, cs.

## Domains
heading-domains = Domeinen
domains-intro = Als automatische goedkeuring is ingeschakeld, wordt iedereen die zich registreert met een adres in het domein lid van de organisatie, zonder op een beheerder te wachten.
column-domain = Domein
column-verified = Geverifieerd
column-auto-approval = Automatische goedkeuring
yes = Ja
no = Nee
button-turn-on = Automatische goedkeuring inschakelen
button-turn-off = Automatische goedkeuring uitschakelen
no-domains = De organisatie heeft nog geen domeinen.
heading-add-domain = Uw domein verifiëren
add-domain-intro = U kunt het domein van uw eigen adres verifiëren: { $domain }.
label-auto-approve = Automatische goedkeuring direct inschakelen
button-verify-domain = { $domain } verifiëren
domain-saved = { $domain } is opgeslagen.

## Join requests
heading-requests = Lidmaatschapsaanvragen
requests-intro = Personen die zich hebben geregistreerd met een geverifieerd domein van de organisatie terwijl automatische goedkeuring was uitgeschakeld.
column-requested = Aangevraagd op
button-approve = Goedkeuren
button-reject = Afwijzen
no-requests = Er wacht niemand.
request-approved = { $email } is lid geworden van de organisatie.
request-rejected = De aanvraag van { $email } is afgewezen.

## Organization
heading-organization = Organisatie
label-org-name = Naam
label-org-id = Identificatie
label-fulfillment-contact = Contactpersoon orderafhandeling
label-offline-grace = Offline gebruik
offline-grace-days = { $days ->
    [one] { $days } dag zonder verbinding
   *[other] { $days } dagen zonder verbinding
}
heading-subscriptions = Abonnementen
column-product = Product
column-expires = Verloopt op
never-expires = Verloopt niet
no-subscriptions = De organisatie heeft geen abonnementen.

## Errors
heading-error = Er is iets misgegaan
error-forbidden = U mag dit niet doen. Alleen de beheerders van deze organisatie mogen dat.
error-not-found = Deze pagina bestaat niet, of de gebruiker is geen lid van uw organisatie.
error-csrf = Het formulier is verlopen. Laad de pagina opnieuw en probeer het nogmaals.
error-too-large = Het bestand is groter dan 10 MiB.
error-too-many-rows = Het bestand heeft meer dan 100.000 rijen.
error-invalid-csv = Het bestand kan niet als CSV worden gelezen: { $detail }
error-last-administrator = De organisatie moet een contactpersoon orderafhandeling en een beheerder behouden.
error-validation = Controleer de gemarkeerde velden.
error-field-email = Voer een geldig e-mailadres in.
error-field-name = Voer een naam in (maximaal 100 tekens, geen regeleinden).
error-field-country = Kies een land.
error-already-member = Dit adres is al lid van de organisatie.
error-other-org = Dit adres hoort bij een andere organisatie.
error-public-domain = Een openbaar e-maildomein kan niet bij een organisatie horen.
error-domain-taken = Een andere organisatie heeft dit domein al.
error-domain-not-verified = Hier kan alleen het domein van uw eigen adres worden geverifieerd.
error-bad-request = Het verzoek is ongeldig: { $detail }
error-generic = De server kon dit niet uitvoeren. Probeer het later opnieuw. (Referentie: { $code })
link-back-to-users = Terug naar de gebruikers

## Software: the policy page and the public download page
nav-software = Software
heading-software = Software
software-intro = Kies welke van uw producten leden met de rol Productlevering – Download vanuit Latchkey mogen installeren, en welke versie.
label-update-channel = Latchkey-updates
update-channel-auto = Automatisch
update-channel-notify = De gebruiker melden
update-channel-off = Uit (IT verspreidt updates)
update-channel-hint = Een computer met een strengere Updates-policy houdt zijn eigen instelling.
column-members-may-install = Leden mogen installeren
column-version = Versie
version-latest = Nieuwste
button-save = Opslaan
software-saved = Het softwarebeleid is opgeslagen.
heading-download = Latchkey downloaden
download-intro = Latchkey meldt u aan bij de toepassingen van uw organisatie. Installeer het op uw computer en kies daarna Wachtwoord vergeten? om uw wachtwoord in te stellen.
no-downloads = Er is nog geen installatieprogramma gepubliceerd.
download-link = { $platform }: Latchkey { $version }
download-size = ({ $megabytes } MB)
download-admin-link = Beheerders: meld u aan bij Gebruikersbeheer
platform-windows-x64 = Windows (64-bits)
platform-windows-x86 = Windows (32-bits)
platform-linux-deb = Linux (Debian, Ubuntu)
platform-linux-rpm = Linux (Fedora, RHEL, SUSE)
platform-macos = macOS
download-page-link = De installatieprogramma’s van Latchkey voor uw gebruikers: de openbare downloadpagina
