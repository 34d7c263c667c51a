# Latchkey – Nederlands

## Screens
heading-sign-in = Aanmelden
heading-session-ended = Uw sessie is beëindigd: meld u opnieuw aan
heading-forgot = Wachtwoord vergeten
heading-terms = Gebruiksvoorwaarden
heading-signed-in = Aangemeld
heading-offline = Offline tot { $until }
label-email = E-mailadres
label-password = Wachtwoord
label-show-password = Wachtwoord tonen
button-sign-in = Aanmelden
link-forgot = Wachtwoord vergeten?
forgot-intro = Voer uw e-mailadres in. Als het geregistreerd is, sturen we u een code.
button-send-code = Code versturen
link-back = Terug naar aanmelden
code-sent = Als het adres geregistreerd is, hebben we er een code naartoe gestuurd.
label-code = Code uit de e-mail
label-new-password = Nieuw wachtwoord
policy-hint = Minstens { $min } tekens. Lange wachtzinnen zijn sterker; alle tekens zijn toegestaan.
button-set-password = Wachtwoord instellen
link-resend = Code opnieuw versturen
terms-read-to-end = Lees tot het einde om te accepteren.
button-accept = Accepteren
button-decline = Weigeren
terms-declined = Zonder de gebruiksvoorwaarden te accepteren kunt u Latchkey niet gebruiken. U bent afgemeld.
org = Organisatie: { $name }
no-org = Geen organisatie
heading-roles = Rollen
heading-entitlements = Gebruiksrechten
heading-register = Registreren
link-register = Registreren
register-intro = Registreer met uw zakelijke e-mailadres. We sturen u een code om uw wachtwoord in te stellen.
label-first-name = Voornaam
label-last-name = Achternaam
label-country = Land
button-register = Registreren
country-choose = Kies uw land
button-sign-out = Afmelden

## Settings and about
nav-settings = Instellingen
nav-about = Over
heading-settings = Instellingen
heading-about = Over Latchkey
setting-ServerUrl = Server
setting-AutoStart = Starten bij aanmelden
setting-AllowSignOut = Afmelden toegestaan
setting-Proxy = Proxy
setting-ExtraCaFile = Extra certificaatautoriteiten
setting-Language = Taal
setting-Updates = Updates
setting-ConsentMode = Toestemming voor programma's
setting-AllowedApps = Toegestane programma's
set-by-organization = ingesteld door uw organisatie
value-unset = niet ingesteld
value-yes = ja
value-no = nee
about-version = Versie { $version }
about-server = Server: { $server }
button-export-diagnostics = Diagnose exporteren
diagnostics-saved = Diagnose opgeslagen in { $path }. Er staan geen wachtwoorden, codes of tokens in.
link-back-generic = Terug
link-trust-center = Trust Center

## Error details
not-accepted-because = Niet geaccepteerd omdat { $reasons }.
reason-too_short = het te kort is
reason-too_long = het te lang is
reason-common = het een veelgebruikt wachtwoord is
reason-contains_email = het uw e-mailadres bevat
reasons-and = { $first } en { $second }
tries-left = Nog { $count } pogingen.
retry-in = Probeer het over { $seconds } seconden opnieuw.
error-unknown = Er is iets misgegaan ({ $code }).

## Error codes of the backend and the local API
error-invalid_request = Het verzoek is ongeldig.
error-invalid_email = Voer een geldig e-mailadres in.
error-payload_too_large = Dat zijn te veel gegevens om te versturen.
error-too_many_rows = Het bestand heeft te veel regels.
error-rate_limited = Te veel verzoeken. Wacht even en probeer het opnieuw.
error-proof_required = Te veel verzoeken vanaf dit adres of netwerk. Probeer het opnieuw.
error-proof_invalid = De controle dat u geen bot bent is mislukt of verlopen. Probeer het opnieuw.
error-invalid_code = Die code klopt niet.
error-code_expired = Die code is verlopen. Vraag een nieuwe aan.
error-weak_password = Kies een sterker wachtwoord.
error-invalid_credentials = Onjuist e-mailadres of wachtwoord.
error-account_locked = Te veel mislukte aanmeldpogingen. Probeer het later opnieuw.
error-no_tos = Er zijn nog geen gebruiksvoorwaarden gepubliceerd.
error-invalid_ticket = Het acceptatieverzoek is verlopen. Meld u opnieuw aan.
error-tos_version_mismatch = De gebruiksvoorwaarden zijn intussen gewijzigd. Lees de nieuwe versie.
error-invalid_grant = Uw sessie is beëindigd. Meld u opnieuw aan.
error-unsupported_audience = De server geeft geen tokens uit voor die toepassing.
error-unauthorized = U bent niet aangemeld.
error-forbidden = Dat mag u niet doen.
error-not_found = Niet gevonden.
error-already_member = Deze persoon is al lid.
error-member_of_other_org = Deze persoon hoort bij een andere organisatie.
error-invalid_csv = Het bestand is geen geldig CSV-bestand.
error-unknown_role = Die rol bestaat niet.
error-role_not_grantable = U kunt die rol niet toekennen.
error-last_administrator = De organisatie moet een beheerder houden.
error-domain_not_verified = Dat domein is niet geverifieerd.
error-public_domain = Openbare e-mailaanbieders kunnen niet het domein van een organisatie zijn.
error-domain_taken = Dat domein hoort bij een andere organisatie.
error-download_not_permitted = Om dit te downloaden hebt u de rol Productlevering – Download en toestemming van uw organisatie nodig. Vraag het uw beheerder.
error-internal = Er is iets misgegaan op de server.
error-not_signed_in = U bent niet aangemeld.
error-tos_required = Accepteer eerst de gebruiksvoorwaarden.
error-backend_unreachable = De Latchkey-server is niet bereikbaar. Controleer uw verbinding.
error-timeout = Time-out.
error-no_interactive_session = Er is geen venster om u aan te melden.
error-not_pending = Het acceptatieverzoek is verlopen. Meld u opnieuw aan.
error-sign_out_disabled = Uw organisatie staat afmelden niet toe.
error-forbidden_peer = Het programma van een andere gebruiker is geweigerd.
error-forbidden_origin = Verzoeken van webpagina's worden geweigerd.
error-backend_refused = De Latchkey-server heeft het verzoek geweigerd.
error-no_server = Er is geen Latchkey-server ingesteld.
error-method_not_allowed = Deze actie is hier niet beschikbaar.
error-shutting_down = Latchkey wordt opnieuw gestart. Probeer het zo opnieuw.
error-no_release = Van dit product wordt niets aangeboden voor deze computer.
error-integrity_failed = De download kwam niet overeen met de ondertekende beschrijving en is dus niet geïnstalleerd. Probeer het opnieuw; gebeurt het weer, meld het dan aan uw beheerder.
error-install_failed = De installatie is mislukt. Er is niets half geïnstalleerd achtergebleven.
error-app_not_allowed = Dit programma mag uw Latchkey-aanmelding niet gebruiken. Sta het toe in Latchkey, of vraag het uw beheerder.

## Tray menu and tooltips
tray-not-signed-in = Niet aangemeld
tray-open = Latchkey openen
tray-sign-in = Aanmelden
tray-sign-out = Afmelden
tray-quit = Afsluiten
tooltip-signed-in = Latchkey — aangemeld als { $email }
tooltip-signed-out = Latchkey — afgemeld
tooltip-offline = Latchkey — offline tot { $until }
tooltip-terms = Latchkey — nieuwe gebruiksvoorwaarden om te accepteren
tooltip-expired = Latchkey — sessie verlopen, meld u opnieuw aan

## First run, settings, password strength, tray, notifications
heading-first-run = Welkom bij Latchkey
first-run-intro = Voer het adres in van de Latchkey-server van uw organisatie. Uw IT-afdeling kan u dit vertellen.
label-server-url = Serveradres
button-continue = Doorgaan
language-automatic = Zelfde als het systeem
label-start-at-login = Latchkey starten wanneer ik me aanmeld op deze computer
autostart-machine = Uw beheerder heeft Latchkey zo ingesteld dat het voor iedereen op deze computer bij het aanmelden start.
setting-saved = Opgeslagen.
strength-label = Wachtwoordsterkte
strength-0 = Te kort
strength-1 = Zwak
strength-2 = Redelijk
strength-3 = Goed
strength-4 = Sterk
policy-rule-length = Minstens { $min } en hoogstens { $max } tekens
policy-rule-common = Geen veelgebruikt wachtwoord
policy-rule-email = Bevat uw e-mailadres niet
tray-start-at-login = Starten bij aanmelden
tray-language = Taal
tray-about = Over Latchkey
notify-signed-in = Aangemeld bij Latchkey
notify-signed-in-body = U bent aangemeld als { $email }.
notify-expired = Latchkey-sessie verlopen
notify-expired-body = Meld u opnieuw aan om uw toepassingen te blijven gebruiken.
notify-terms = Nieuwe Servicevoorwaarden
notify-terms-body = Open Latchkey om de nieuwe Servicevoorwaarden te lezen en te accepteren.
notify-offline = Latchkey werkt offline
notify-offline-body = De server is niet bereikbaar. Uw toepassingen blijven werken tot { $until }.
notify-update = Latchkey-update beschikbaar
notify-update-body = Latchkey { $version } is beschikbaar: open Toepassingen in Latchkey om het te installeren.
notify-updating = Latchkey wordt bijgewerkt
notify-updating-body = Latchkey { $version } wordt geïnstalleerd.
error-setting_enforced = Uw organisatie stelt dit in, dus het kan hier niet worden gewijzigd.
error-invalid_setting = Die waarde is niet geldig.
error-setting_unwritable = De instelling kon niet worden opgeslagen.
webview-missing-title = Latchkey kan zijn venster niet openen
webview-missing = Microsoft Edge WebView2 Runtime, dat het venster van Latchkey nodig heeft, is niet geïnstalleerd. Aanmelden vanuit andere apps en de opdracht latchkey blijven werken. Vraag uw IT-afdeling WebView2 Runtime te installeren, of download het via https://go.microsoft.com/fwlink/p/?LinkId=2124703

## The signed-in screen, for people
role-fulfillment_contact = Contactpersoon orderafhandeling
role-account_admin = Accountbeheerder
role-co_admin = Medebeheerder
role-product_delivery_download = Productlevering – Download
feature-download = Downloads
badge-offline = Offline
entitlement-offline-days = { $days ->
    [one] Nog één dag offline te gebruiken
   *[other] Nog { $days } dagen offline te gebruiken
}
entitlement-offline-hours = { $hours ->
    [one] Nog één uur offline te gebruiken
   *[other] Nog { $hours } uur offline te gebruiken
}
entitlement-ends = Abonnement loopt af op { $date }
entitlements-empty = Er zijn nog geen producten aan u toegewezen. Vraag het uw beheerder.
entitlements-loading = Uw producten worden geladen…

## The command line (`latchkey`): answers, the terminal dialogue and its prompts (the program adds ": ")
cli-signed-in = Aangemeld als { $who }
cli-signed-in-offline = Aangemeld als { $who }, offline tot { $until }
cli-tos-pending = De gebruiksvoorwaarden moeten worden geaccepteerd: voer `latchkey sign-in` uit
cli-session-ended = De sessie is beëindigd: voer `latchkey sign-in` uit
cli-signing-in = Bezig met aanmelden…
cli-signed-out = Afgemeld
cli-sign-out-done = Afgemeld.
cli-setting-unset = (niet ingesteld)
cli-entitled = { $product }: gebruiksrecht actief ({ $features })
cli-not-entitled = { $product }: geen gebruiksrecht ({ $reason })
cli-entitlement-until = tot { $date }
cli-entitlement-no-end = geen einddatum
cli-entitlements-summary = { $count ->
    [one] (één gebruiksrecht, { $source }, offline te gebruiken tot { $until })
   *[other] ({ $count } gebruiksrechten, { $source }, offline te gebruiken tot { $until })
}
cli-window-open = Het Latchkey-venster is geopend: meld u daar aan.
cli-app-installed = geïnstalleerd { $version }
cli-app-not-installed = niet geïnstalleerd
cli-app-available = { $version } beschikbaar
cli-app-up-to-date = bijgewerkt
cli-app-ask-admin = vraag uw beheerder om de rol Productlevering – Download
cli-app-not-allowed = uw organisatie staat de installatie niet toe
cli-app-nothing-here = niets aangeboden voor deze computer
cli-install-progress = { $product } { $version } downloaden: { $percent } %
cli-install-verifying = De download wordt gecontroleerd…
cli-install-installing = { $product } { $version } installeren…
cli-consent-none-waiting = Er wacht geen programma op een antwoord.
cli-consent-approving = Toestaan: { $program }
cli-consent-confirm = { $program } je aanmelding laten gebruiken? [j/N]
cli-consent-unknown-program = Er is geen beslissing opgeslagen voor { $program }: noem het bij zijn pad of SHA-256 zoals `latchkey apps list` ze toont.
cli-consent-name-one = Er wachten meerdere programma's: noem er één bij zijn id (latchkey apps approve ID).
cli-consent-mode = Toestemmingsmodus: { $mode }
cli-consent-by-organization = toegestaan door je organisatie
cli-consent-allowed = toegestaan
cli-consent-denied = geweigerd
cli-consent-waiting = wacht
cli-install-done = { $product } { $version } is geïnstalleerd.
cli-install-cancelled = Geannuleerd. Voer dezelfde opdracht opnieuw uit om de download te hervatten.
cli-prompt-email = E-mailadres
cli-prompt-password = Wachtwoord
cli-prompt-password-or-empty = Wachtwoord (leeg laten als u er nog geen hebt of het bent vergeten)
cli-prompt-new-password = Nieuw wachtwoord
cli-prompt-code = Code uit de e-mail
cli-no-email = Er is geen e-mailadres opgegeven.
cli-code-format = De code bestaat uit de 8 cijfers uit de e-mail.
cli-code-sent = Als het adres geregistreerd is, is er een code per e-mail onderweg.
cli-password-set = Wachtwoord ingesteld.
cli-password-set-sign-in = Uw wachtwoord is ingesteld: meld u aan met `latchkey sign-in`.
cli-accept-tos = Accepteert u de gebruiksvoorwaarden (versie { $version })? [j/N]
# The answers that mean yes to cli-accept-tos, comma-separated; "y" and "yes" are always accepted too.
cli-yes = j, ja
cli-tos-declined = Zonder de gebruiksvoorwaarden te accepteren kunt u Latchkey niet gebruiken; u bent afgemeld.
cli-no-server = Er is geen server ingesteld: stel ServerUrl in (LATCHKEY_SERVER_URL, of server_url in ~/.config/latchkey/settings.toml).
cli-agent-not-running = Latchkey draait niet op { $socket }: open de Latchkey-app, of voer `latchkey agent` uit (voor servers en SSH-sessies).
cli-foreign-agent = De Latchkey-agent op { $socket } draait als { $user }, niet als u: er is niets naartoe gestuurd.
cli-not-signed-in = U bent niet aangemeld: voer `latchkey sign-in` uit of open Latchkey.
cli-tos-required = Eerst moeten de gebruiksvoorwaarden worden geaccepteerd: voer `latchkey sign-in` uit of open Latchkey.
cli-unexpected-answer = Het antwoord van de agent werd niet begrepen: { $detail }
cli-agent-io = De communicatie met de agent is mislukt: { $detail }
cli-agent-cannot-start = De agent kan niet starten: { $detail }
cli-no-agent-program = Deze opdracht heeft latchkey-agent nodig, dat naast latchkey wordt geïnstalleerd: { $detail }

## The Applications screen
button-applications = Toepassingen
heading-applications = Toepassingen
apps-loading = Uw toepassingen worden geladen…
apps-empty = Er zijn geen toepassingen voor u beschikbaar.
app-installed = Geïnstalleerd: { $version }
app-not-installed = Niet geïnstalleerd
app-available = Beschikbaar: { $version }
app-up-to-date = Bijgewerkt
app-nothing-here = Voor deze computer wordt niets aangeboden.
app-ask-admin = Om toepassingen te downloaden hebt u de rol Productlevering – Download nodig. Vraag het uw beheerder.
app-not-allowed = Uw organisatie staat de installatie van deze toepassing niet toe.
app-release-notes = Releaseopmerkingen
button-install = Downloaden en installeren
button-update = Bijwerken
button-cancel = Annuleren
install-downloading = Downloaden… { $percent } %
install-verifying = De download wordt gecontroleerd…
install-installing = Installeren…
install-done = Geïnstalleerd.
install-cancelled = Geannuleerd. Kies opnieuw Downloaden en installeren om verder te gaan.

## A program asking to use the sign-in, and the programs decided about (Settings)
heading-consent = Dit programma toestaan uw aanmelding te gebruiken?
heading-consent-none = Programma's en uw aanmelding
consent-label-path = Programma
consent-label-sha256 = SHA-256
consent-label-pid = Proces-ID
consent-name = Het noemt zichzelf ‘{ $name }’, maar elk programma kan zichzelf een naam geven: het pad hierboven is wat het identificeert.
consent-explain = Als u het toestaat, krijgt het toegangstokens en uw gebruiksrechten zolang u bent aangemeld.
consent-remembered = Latchkey onthoudt ‘Altijd toestaan’ en ‘Weigeren’ voor dit programma; u kunt beide intrekken in Instellingen.
consent-expires = Zonder antwoord vóór { $time } wordt het programma geweigerd.
consent-more = { $count ->
    [one] Er wacht nog één programma.
   *[other] Er wachten nog { $count } programma's.
}
button-allow-once = Eenmalig toestaan
button-always-allow = Altijd toestaan
button-deny = Weigeren
consent-none = Er wacht geen programma op uw antwoord.
consent-expired = Dat verzoek is verlopen: het programma is deze keer geweigerd en kan het opnieuw vragen.
heading-consent-apps = Programma's die uw aanmelding mogen gebruiken
consent-apps-empty = U hebt nog geen programma toegestaan of geweigerd.
consent-app-name = Noemt zichzelf ‘{ $name }’
consent-decision-allowed = Toegestaan op { $date }
consent-decision-denied = Geweigerd op { $date }
button-revoke = Intrekken
consent-revoked = Ingetrokken: Latchkey onthoudt uw beslissing over dat programma niet meer.
consent-mode-allow = Uw organisatie staat elk programma toe uw aanmelding te gebruiken.
consent-mode-deny-unknown = Alleen programma's die uw organisatie opgeeft, mogen uw aanmelding gebruiken.
consent-org-allowed = Toegestaan door uw organisatie:
