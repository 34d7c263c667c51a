# Latchkey – Deutsch

## Screens
heading-sign-in = Anmelden
heading-session-ended = Ihre Sitzung ist abgelaufen: Bitte melden Sie sich erneut an
heading-forgot = Passwort vergessen
heading-terms = Nutzungsbedingungen
heading-signed-in = Angemeldet
heading-offline = Offline bis { $until }
label-email = E-Mail
label-password = Passwort
label-show-password = Passwort anzeigen
button-sign-in = Anmelden
link-forgot = Passwort vergessen?
forgot-intro = Geben Sie Ihre E-Mail-Adresse ein. Wenn sie registriert ist, senden wir Ihnen einen Code.
button-send-code = Code senden
link-back = Zurück zur Anmeldung
code-sent = Wenn die Adresse registriert ist, haben wir einen Code an sie gesendet.
label-code = Code aus der E-Mail
label-new-password = Neues Passwort
policy-hint = Mindestens { $min } Zeichen. Längere Passphrasen sind sicherer; alle Zeichen sind erlaubt.
button-set-password = Passwort festlegen
link-resend = Code erneut senden
terms-read-to-end = Lesen Sie bis zum Ende, um zuzustimmen.
button-accept = Zustimmen
button-decline = Ablehnen
terms-declined = Ohne Zustimmung zu den Nutzungsbedingungen können Sie Latchkey nicht verwenden. Sie sind abgemeldet.
org = Organisation: { $name }
no-org = Keine Organisation
heading-roles = Rollen
heading-entitlements = Berechtigungen
heading-register = Registrieren
link-register = Registrieren
register-intro = Registrieren Sie sich mit Ihrer geschäftlichen E-Mail-Adresse. Wir senden Ihnen einen Code, mit dem Sie Ihr Passwort festlegen.
label-first-name = Vorname
label-last-name = Nachname
label-country = Land
button-register = Registrieren
country-choose = Wählen Sie Ihr Land
button-sign-out = Abmelden

## Settings and about
nav-settings = Einstellungen
nav-about = Über
heading-settings = Einstellungen
heading-about = Über Latchkey
setting-ServerUrl = Server
setting-AutoStart = Bei der Anmeldung starten
setting-AllowSignOut = Abmelden erlaubt
setting-Proxy = Proxy
setting-ExtraCaFile = Zusätzliche Zertifizierungsstellen
setting-Language = Sprache
setting-Updates = Updates
setting-ConsentMode = Zustimmung für Programme
setting-AllowedApps = Erlaubte Programme
set-by-organization = von Ihrer Organisation festgelegt
value-unset = nicht festgelegt
value-yes = ja
value-no = nein
about-version = Version { $version }
about-server = Server: { $server }
button-export-diagnostics = Diagnose exportieren
diagnostics-saved = Diagnose gespeichert unter { $path }. Sie enthält keine Passwörter, Codes oder Tokens.
link-back-generic = Zurück
link-trust-center = Trust Center

## Error details
not-accepted-because = Nicht akzeptiert, weil { $reasons }.
reason-too_short = es zu kurz ist
reason-too_long = es zu lang ist
reason-common = es ein häufig verwendetes Passwort ist
reason-contains_email = es Ihre E-Mail-Adresse enthält
reasons-and = { $first } und { $second }
tries-left = Noch { $count } Versuche.
retry-in = Versuchen Sie es in { $seconds } Sekunden erneut.
error-unknown = Etwas ist schiefgelaufen ({ $code }).

## Error codes of the backend and the local API
error-invalid_request = Die Anfrage war ungültig.
error-invalid_email = Geben Sie eine gültige E-Mail-Adresse ein.
error-payload_too_large = Das sind zu viele Daten.
error-too_many_rows = Die Datei hat zu viele Zeilen.
error-rate_limited = Zu viele Anfragen. Warten Sie kurz und versuchen Sie es erneut.
error-proof_required = Zu viele Anfragen von dieser Adresse oder diesem Netz. Versuchen Sie es erneut.
error-proof_invalid = Die Prüfung, dass Sie kein Bot sind, ist fehlgeschlagen oder abgelaufen. Versuchen Sie es erneut.
error-invalid_code = Dieser Code ist nicht richtig.
error-code_expired = Dieser Code ist abgelaufen. Fordern Sie einen neuen an.
error-weak_password = Wählen Sie ein sichereres Passwort.
error-invalid_credentials = E-Mail oder Passwort ist falsch.
error-account_locked = Zu viele fehlgeschlagene Anmeldungen. Versuchen Sie es später erneut.
error-no_tos = Es sind noch keine Nutzungsbedingungen veröffentlicht.
error-invalid_ticket = Die Anfrage zu den Nutzungsbedingungen ist abgelaufen. Melden Sie sich erneut an.
error-tos_version_mismatch = Die Nutzungsbedingungen wurden inzwischen geändert. Lesen Sie die neue Fassung.
error-invalid_grant = Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.
error-unsupported_audience = Der Server stellt für diese Anwendung keine Tokens aus.
error-unauthorized = Sie sind nicht angemeldet.
error-forbidden = Das dürfen Sie nicht.
error-not_found = Nicht gefunden.
error-already_member = Diese Person ist bereits Mitglied.
error-member_of_other_org = Diese Person gehört zu einer anderen Organisation.
error-invalid_csv = Die Datei ist keine gültige CSV-Datei.
error-unknown_role = Diese Rolle gibt es nicht.
error-role_not_grantable = Diese Rolle können Sie nicht vergeben.
error-last_administrator = Die Organisation muss einen Administrator behalten.
error-domain_not_verified = Diese Domain ist nicht bestätigt.
error-public_domain = Öffentliche E-Mail-Anbieter können nicht als Domain einer Organisation dienen.
error-domain_taken = Diese Domain gehört zu einer anderen Organisation.
error-download_not_permitted = Zum Herunterladen brauchen Sie die Rolle Produktlieferung – Download und die Erlaubnis Ihrer Organisation. Fragen Sie Ihren Administrator.
error-internal = Auf dem Server ist etwas schiefgelaufen.
error-not_signed_in = Sie sind nicht angemeldet.
error-tos_required = Stimmen Sie zuerst den Nutzungsbedingungen zu.
error-backend_unreachable = Der Latchkey-Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung.
error-timeout = Zeitüberschreitung.
error-no_interactive_session = Es gibt kein Fenster für die Anmeldung.
error-not_pending = Die Anfrage zu den Nutzungsbedingungen ist abgelaufen. Melden Sie sich erneut an.
error-sign_out_disabled = Ihre Organisation erlaubt kein Abmelden.
error-forbidden_peer = Das Programm eines anderen Benutzers wurde abgewiesen.
error-forbidden_origin = Anfragen von Webseiten werden abgewiesen.
error-backend_refused = Der Latchkey-Server hat die Anfrage abgelehnt.
error-no_server = Es ist kein Latchkey-Server eingerichtet.
error-method_not_allowed = Diese Aktion ist hier nicht verfügbar.
error-shutting_down = Latchkey startet neu. Versuchen Sie es gleich noch einmal.
error-no_release = Für diesen Computer wird von diesem Produkt nichts angeboten.
error-integrity_failed = Der Download stimmte nicht mit seiner signierten Beschreibung überein und wurde daher nicht installiert. Versuchen Sie es erneut; wenn es wieder passiert, informieren Sie Ihren Administrator.
error-install_failed = Die Installation ist fehlgeschlagen. Nichts blieb halb installiert.
error-app_not_allowed = Dieses Programm darf Ihre Latchkey-Anmeldung nicht verwenden. Erlauben Sie es in Latchkey, oder fragen Sie Ihren Administrator.

## Tray menu and tooltips
tray-not-signed-in = Nicht angemeldet
tray-open = Latchkey öffnen
tray-sign-in = Anmelden
tray-sign-out = Abmelden
tray-quit = Beenden
tooltip-signed-in = Latchkey – angemeldet als { $email }
tooltip-signed-out = Latchkey – abgemeldet
tooltip-offline = Latchkey – offline bis { $until }
tooltip-terms = Latchkey – neue Nutzungsbedingungen zum Zustimmen
tooltip-expired = Latchkey – Sitzung abgelaufen, bitte erneut anmelden

## First run, settings, password strength, tray, notifications
heading-first-run = Willkommen bei Latchkey
first-run-intro = Geben Sie die Adresse des Latchkey-Servers Ihrer Organisation ein. Ihre IT-Abteilung kann sie Ihnen nennen.
label-server-url = Serveradresse
button-continue = Weiter
language-automatic = Wie das System
label-start-at-login = Latchkey starten, wenn ich mich an diesem Computer anmelde
autostart-machine = Ihr Administrator hat Latchkey so eingerichtet, dass es für alle Benutzer dieses Computers bei der Anmeldung startet.
setting-saved = Gespeichert.
strength-label = Passwortstärke
strength-0 = Zu kurz
strength-1 = Schwach
strength-2 = Mittel
strength-3 = Gut
strength-4 = Stark
policy-rule-length = Mindestens { $min } und höchstens { $max } Zeichen
policy-rule-common = Kein häufig verwendetes Passwort
policy-rule-email = Enthält nicht Ihre E-Mail-Adresse
tray-start-at-login = Bei der Anmeldung starten
tray-language = Sprache
tray-about = Über Latchkey
notify-signed-in = Bei Latchkey angemeldet
notify-signed-in-body = Sie sind als { $email } angemeldet.
notify-expired = Latchkey-Sitzung abgelaufen
notify-expired-body = Melden Sie sich erneut an, um Ihre Anwendungen weiter zu nutzen.
notify-terms = Neue Nutzungsbedingungen
notify-terms-body = Öffnen Sie Latchkey, um die neuen Nutzungsbedingungen zu lesen und zu akzeptieren.
notify-offline = Latchkey arbeitet offline
notify-offline-body = Der Server ist nicht erreichbar. Ihre Anwendungen funktionieren bis { $until } weiter.
notify-update = Latchkey-Update verfügbar
notify-update-body = Latchkey { $version } ist verfügbar: Öffnen Sie in Latchkey die Anwendungen, um es zu installieren.
notify-updating = Latchkey wird aktualisiert
notify-updating-body = Latchkey { $version } wird installiert.
error-setting_enforced = Dies legt Ihre Organisation fest; es kann hier nicht geändert werden.
error-invalid_setting = Dieser Wert ist ungültig.
error-setting_unwritable = Die Einstellung konnte nicht gespeichert werden.
webview-missing-title = Latchkey kann sein Fenster nicht öffnen
webview-missing = Die Microsoft Edge WebView2 Runtime, die das Fenster von Latchkey braucht, ist nicht installiert. Die Anmeldung aus anderen Apps und der Befehl latchkey funktionieren weiter. Bitten Sie Ihre IT-Abteilung, die WebView2 Runtime zu installieren, oder laden Sie sie unter https://go.microsoft.com/fwlink/p/?LinkId=2124703 herunter

## The signed-in screen, for people
role-fulfillment_contact = Ansprechpartner Auftragsabwicklung
role-account_admin = Kontoadministrator
role-co_admin = Co-Administrator
role-product_delivery_download = Produktlieferung – Download
feature-download = Downloads
badge-offline = Offline
entitlement-offline-days = { $days ->
    [one] Noch einen Tag offline nutzbar
   *[other] Noch { $days } Tage offline nutzbar
}
entitlement-offline-hours = { $hours ->
    [one] Noch eine Stunde offline nutzbar
   *[other] Noch { $hours } Stunden offline nutzbar
}
entitlement-ends = Abonnement endet am { $date }
entitlements-empty = Ihnen sind noch keine Produkte zugewiesen. Wenden Sie sich an Ihren Administrator.
entitlements-loading = Ihre Produkte werden geladen …

## The command line (`latchkey`): answers, the terminal dialogue and its prompts (the program adds ": ")
cli-signed-in = Angemeldet als { $who }
cli-signed-in-offline = Angemeldet als { $who }, offline bis { $until }
cli-tos-pending = Den Nutzungsbedingungen muss zugestimmt werden: Führen Sie `latchkey sign-in` aus
cli-session-ended = Die Sitzung ist abgelaufen: Führen Sie `latchkey sign-in` aus
cli-signing-in = Anmeldung läuft …
cli-signed-out = Abgemeldet
cli-sign-out-done = Abgemeldet.
cli-setting-unset = (nicht festgelegt)
cli-entitled = { $product }: berechtigt ({ $features })
cli-not-entitled = { $product }: nicht berechtigt ({ $reason })
cli-entitlement-until = bis { $date }
cli-entitlement-no-end = kein Enddatum
cli-entitlements-summary = { $count ->
    [one] (eine Berechtigung, { $source }, offline nutzbar bis { $until })
   *[other] ({ $count } Berechtigungen, { $source }, offline nutzbar bis { $until })
}
cli-window-open = Das Latchkey-Fenster ist geöffnet: Melden Sie sich dort an.
cli-app-installed = installiert { $version }
cli-app-not-installed = nicht installiert
cli-app-available = { $version } verfügbar
cli-app-up-to-date = aktuell
cli-app-ask-admin = bitten Sie Ihren Administrator um die Rolle Produktlieferung – Download
cli-app-not-allowed = Ihre Organisation erlaubt die Installation nicht
cli-app-nothing-here = für diesen Computer wird nichts angeboten
cli-install-progress = { $product } { $version } wird heruntergeladen: { $percent } %
cli-install-verifying = Der Download wird geprüft…
cli-install-installing = { $product } { $version } wird installiert…
cli-consent-none-waiting = Kein Programm wartet auf eine Antwort.
cli-consent-approving = Zugelassen wird: { $program }
cli-consent-confirm = { $program } die Anmeldung verwenden lassen? [j/N]
cli-consent-unknown-program = Für { $program } ist keine Entscheidung gespeichert: Geben Sie Pfad oder SHA-256 so an, wie `latchkey apps list` sie zeigt.
cli-consent-name-one = Mehrere Programme warten: Geben Sie eines mit seiner ID an (latchkey apps approve ID).
cli-consent-mode = Zustimmungsmodus: { $mode }
cli-consent-by-organization = von Ihrer Organisation zugelassen
cli-consent-allowed = zugelassen
cli-consent-denied = abgelehnt
cli-consent-waiting = wartet
cli-install-done = { $product } { $version } ist installiert.
cli-install-cancelled = Abgebrochen. Führen Sie denselben Befehl erneut aus, um den Download fortzusetzen.
cli-prompt-email = E-Mail
cli-prompt-password = Passwort
cli-prompt-password-or-empty = Passwort (leer lassen, wenn Sie noch keines haben oder es vergessen haben)
cli-prompt-new-password = Neues Passwort
cli-prompt-code = Code aus der E-Mail
cli-no-email = Es wurde keine E-Mail-Adresse angegeben.
cli-code-format = Der Code besteht aus den 8 Ziffern aus der E-Mail.
cli-code-sent = Wenn die Adresse registriert ist, ist ein Code per E-Mail unterwegs.
cli-password-set = Passwort festgelegt.
cli-password-set-sign-in = Ihr Passwort ist festgelegt: Melden Sie sich mit `latchkey sign-in` an.
cli-accept-tos = Den Nutzungsbedingungen (Version { $version }) zustimmen? [j/N]
# The answers that mean yes to cli-accept-tos, comma-separated; "y" and "yes" are always accepted too.
cli-yes = j, ja
cli-tos-declined = Ohne Zustimmung zu den Nutzungsbedingungen können Sie Latchkey nicht verwenden; Sie sind abgemeldet.
cli-no-server = Es ist kein Server eingerichtet: Legen Sie ServerUrl fest (LATCHKEY_SERVER_URL oder server_url in ~/.config/latchkey/settings.toml).
cli-agent-not-running = Latchkey läuft nicht unter { $socket }: Öffnen Sie die Latchkey-App oder führen Sie `latchkey agent` aus (für Server und SSH-Sitzungen).
cli-foreign-agent = Der Latchkey-Agent unter { $socket } läuft als { $user }, nicht als Sie: Es wurde nichts an ihn gesendet.
cli-not-signed-in = Sie sind nicht angemeldet: Führen Sie `latchkey sign-in` aus oder öffnen Sie Latchkey.
cli-tos-required = Zuerst muss den Nutzungsbedingungen zugestimmt werden: Führen Sie `latchkey sign-in` aus oder öffnen Sie Latchkey.
cli-unexpected-answer = Die Antwort des Agenten wurde nicht verstanden: { $detail }
cli-agent-io = Die Kommunikation mit dem Agenten ist fehlgeschlagen: { $detail }
cli-agent-cannot-start = Der Agent kann nicht starten: { $detail }
cli-no-agent-program = Dieser Befehl braucht latchkey-agent, das neben latchkey installiert wird: { $detail }

## The Applications screen
button-applications = Anwendungen
heading-applications = Anwendungen
apps-loading = Ihre Anwendungen werden geladen…
apps-empty = Für Sie sind keine Anwendungen verfügbar.
app-installed = Installiert: { $version }
app-not-installed = Nicht installiert
app-available = Verfügbar: { $version }
app-up-to-date = Aktuell
app-nothing-here = Für diesen Computer wird nichts angeboten.
app-ask-admin = Zum Herunterladen von Anwendungen brauchen Sie die Rolle Produktlieferung – Download. Fragen Sie Ihren Administrator.
app-not-allowed = Ihre Organisation erlaubt die Installation dieser Anwendung nicht.
app-release-notes = Versionshinweise
button-install = Herunterladen und installieren
button-update = Aktualisieren
button-cancel = Abbrechen
install-downloading = Wird heruntergeladen… { $percent } %
install-verifying = Der Download wird geprüft…
install-installing = Wird installiert…
install-done = Installiert.
install-cancelled = Abgebrochen. Wählen Sie erneut Herunterladen und installieren, um fortzufahren.

## A program asking to use the sign-in, and the programs decided about (Settings)
heading-consent = Diesem Programm erlauben, Ihre Anmeldung zu verwenden?
heading-consent-none = Programme und Ihre Anmeldung
consent-label-path = Programm
consent-label-sha256 = SHA-256
consent-label-pid = Prozess-ID
consent-name = Es nennt sich „{ $name }“, doch jedes Programm kann sich einen Namen geben: Maßgeblich ist der Pfad oben.
consent-explain = Wenn Sie es erlauben, erhält es Zugriffstokens und Ihre Berechtigungen, solange Sie angemeldet sind.
consent-remembered = Latchkey merkt sich „Immer erlauben“ und „Ablehnen“ für dieses Programm; Sie können beides in den Einstellungen widerrufen.
consent-expires = Ohne Antwort bis { $time } wird das Programm abgewiesen.
consent-more = { $count ->
    [one] Ein weiteres Programm wartet.
   *[other] { $count } weitere Programme warten.
}
button-allow-once = Einmal erlauben
button-always-allow = Immer erlauben
button-deny = Ablehnen
consent-none = Kein Programm wartet auf Ihre Antwort.
consent-expired = Diese Anfrage ist abgelaufen: Das Programm wurde diesmal abgewiesen und kann erneut fragen.
heading-consent-apps = Programme, die Ihre Anmeldung verwenden dürfen
consent-apps-empty = Sie haben noch kein Programm erlaubt oder abgelehnt.
consent-app-name = Nennt sich „{ $name }“
consent-decision-allowed = Erlaubt am { $date }
consent-decision-denied = Abgelehnt am { $date }
button-revoke = Widerrufen
consent-revoked = Widerrufen: Latchkey merkt sich Ihre Entscheidung zu diesem Programm nicht mehr.
consent-mode-allow = Ihre Organisation erlaubt jedem Programm, Ihre Anmeldung zu verwenden.
consent-mode-deny-unknown = Nur Programme, die Ihre Organisation aufführt, dürfen Ihre Anmeldung verwenden.
consent-org-allowed = Von Ihrer Organisation erlaubt:
