# The User Management web portal (/admin), served by latchkey-server. Every locale has every key:
# crates/server/src/portal/i18n.rs tests it.

## Frame
portal-title = Latchkey-Benutzerverwaltung
skip-to-content = Zum Inhalt springen
nav-label = Hauptnavigation
nav-users = Benutzer
nav-add-user = Benutzer hinzufügen
nav-bulk = Massenregistrierung
nav-domains = Domains
nav-requests = Beitrittsanfragen
nav-organization = Organisation
signed-in-as = Angemeldet als { $email }
button-sign-out = Abmelden
language-label = Sprache
button-change-language = Ändern

## Sign-in and Terms
heading-sign-in = Bei der Benutzerverwaltung anmelden
sign-in-intro = Für Administratoren einer Organisation. Verwenden Sie dieselbe E-Mail-Adresse und dasselbe Passwort wie im Latchkey-Client.
label-email = E-Mail
label-password = Passwort
button-sign-in = Anmelden
forgot-hint = Noch kein Passwort oder Passwort vergessen? Wählen Sie im Latchkey-Client „Passwort vergessen?“ oder legen Sie es hier fest.
link-forgot = Passwort vergessen?
error-credentials = Die E-Mail-Adresse oder das Passwort ist falsch.
error-locked = Zu viele fehlgeschlagene Versuche. Versuchen Sie es in { $minutes } Minuten erneut.
error-rate-limited = Zu viele Versuche. Versuchen Sie es in { $minutes } Minuten erneut.
error-proof-required = Zu viele Anfragen von dieser Adresse oder diesem Netz. Schalten Sie JavaScript im Browser ein (es belegt, dass Sie kein Bot sind), und senden Sie das Formular erneut.
error-proof-invalid = Die Prüfung, dass Sie kein Bot sind, ist fehlgeschlagen oder abgelaufen. Senden Sie das Formular erneut.
error-not-admin = Dieses Portal ist für die Administratoren einer Organisation bestimmt. Ihr Konto hat keine Administratorrolle.
heading-terms = Nutzungsbedingungen
terms-intro = Akzeptieren Sie die Nutzungsbedingungen, um fortzufahren.
button-accept = Akzeptieren
button-decline = Ablehnen
terms-declined = Ohne Zustimmung zu den Nutzungsbedingungen können Sie die Benutzerverwaltung nicht verwenden.
terms-expired = Die Anmeldung hat zu lange gedauert. Melden Sie sich erneut an.
signed-out = Sie sind abgemeldet.

## Forgot password
heading-forgot = Passwort festlegen oder zurücksetzen
forgot-intro = Geben Sie Ihre E-Mail-Adresse ein. Wenn sie registriert ist, senden wir Ihnen einen Code.
button-send-code = Code senden
code-sent = Wenn { $email } registriert ist, haben wir einen Code an diese Adresse gesendet. Geben Sie ihn unten zusammen mit Ihrem neuen Passwort ein.
label-code = Code aus der E-Mail
label-new-password = Neues Passwort
password-hint = Mindestens { $min } Zeichen. Längere Passphrasen sind sicherer; alle Zeichen sind erlaubt.
button-set-password = Passwort festlegen
password-set = Ihr Passwort ist festgelegt. Melden Sie sich damit an.
error-code = Der Code ist falsch oder abgelaufen. Fordern Sie einen neuen an.
weak-password = Das Passwort ist zu schwach: { $reasons }
weak-too_short = kürzer als { $min } Zeichen
weak-too_long = zu lang
weak-common = ein häufig verwendetes Passwort
weak-contains_email = enthält Ihre E-Mail-Adresse

## Users
heading-users = Benutzer
search-label = Nach Adresse oder Name suchen
button-search = Suchen
column-email = E-Mail
column-name = Name
column-country = Land
column-roles = Rollen
column-status = Status
status-invited = Eingeladen
status-active = Aktiv
status-locked = Gesperrt
no-users = Keine passenden Benutzer gefunden.
link-next-page = Nächste Seite
link-first-page = Erste Seite
users-count = { $count ->
    [one] { $count } Benutzer auf dieser Seite
   *[other] { $count } Benutzer auf dieser Seite
}
link-manage = Verwalten
column-actions = Aktionen
pages-label = Seiten

## Add a user
heading-add-user = Benutzer hinzufügen
add-user-intro = Der Benutzer erhält eine E-Mail mit einer Anleitung, wie er sein Passwort im Latchkey-Client festlegt.
label-first-name = Vorname
label-last-name = Nachname
label-country = Land
choose-country = Land auswählen
label-roles = Rollen
label-mail-language = Sprache der E-Mail
button-add-user = Benutzer hinzufügen
user-added = { $email } wurde hinzugefügt und eingeladen.

## Roles
role-fulfillment_contact = Ansprechpartner Auftragsabwicklung
role-account_admin = Kontoadministrator
role-co_admin = Co-Administrator
role-product_delivery_download = Produktlieferung – Download
role-not-grantable = (über Ihrer eigenen Rolle)

## One user
heading-user = { $name }
label-status = Status
label-member-since = Mitglied seit
button-save-roles = Rollen speichern
roles-saved = Die Rollen von { $email } wurden gespeichert.
heading-remove = Aus der Organisation entfernen
remove-intro = { $email } verliert sofort den Zugriff auf die Produkte der Organisation und wird überall abgemeldet. Das Konto selbst bleibt bestehen.
button-remove = { $email } entfernen
confirm-remove = { $email } aus der Organisation entfernen?
user-removed = { $email } wurde aus der Organisation entfernt.

## Bulk register
heading-bulk = Massenregistrierung von Benutzern
bulk-intro = Laden Sie eine CSV-Datei mit den Spalten email, first_name, last_name, country und optional roles (getrennt durch ;) und language hoch. Zuerst sehen Sie eine Prüfung jeder Zeile; gespeichert wird erst, wenn Sie importieren.
link-template = Vorlage herunterladen (CSV)
label-file = CSV-Datei (höchstens 10 MiB, 100.000 Zeilen)
button-check = Datei prüfen
heading-report = Prüfung von { $file }
report-ready = { $count ->
    [one] { $count } Benutzer kann hinzugefügt werden.
   *[other] { $count } Benutzer können hinzugefügt werden.
}
report-already = { $count ->
    [one] { $count } Adresse ist bereits Mitglied und bleibt unverändert.
   *[other] { $count } Adressen sind bereits Mitglieder und bleiben unverändert.
}
report-failed = { $count ->
    [0] Keine Zeile enthält einen Fehler.
    [one] { $count } Zeile enthält einen Fehler und wird nicht importiert:
   *[other] { $count } Zeilen enthalten Fehler und werden nicht importiert:
}
column-line = Zeile
column-problem = Problem
link-error-report = Fehlerhafte Zeilen herunterladen (CSV)
link-upload-another = Andere Datei hochladen
button-import = { $count ->
    [one] { $count } Benutzer importieren
   *[other] { $count } Benutzer importieren
}
report-fix-hint = Korrigieren Sie die fehlerhaften Zeilen in Ihrer Datei und laden Sie sie erneut hoch, oder importieren Sie jetzt die gültigen Zeilen.
heading-imported = Import abgeschlossen
imported = { $count ->
    [one] { $count } Benutzer wurde hinzugefügt und eingeladen.
   *[other] { $count } Benutzer wurden hinzugefügt und eingeladen.
}
upload-expired = Dieser Upload ist nicht mehr verfügbar. Laden Sie die Datei erneut hoch.
error-file-missing = Wählen Sie eine CSV-Datei zum Hochladen aus.
problem-invalid_email = Die E-Mail-Adresse ist ungültig.
problem-invalid_country = Das Land ist kein Code nach ISO 3166 wie DE oder US.
problem-unknown_role = Eine Rolle ist unbekannt.
problem-duplicate_row = Die Adresse kommt bereits weiter oben in der Datei vor.
problem-missing_field = Ein Pflichtfeld ist leer.
problem-field_too_long = Ein Feld ist zu lang.
problem-invalid_characters = Ein Feld enthält unzulässige Zeichen, zum Beispiel einen Zeilenumbruch.
problem-member_of_other_org = Die Adresse gehört zu einer anderen Organisation.
problem-role_not_grantable = Eine Rolle liegt über Ihrer eigenen.
problem-invalid_language = Die Sprache ist keine von en, es, fr, tr, nl, it, de, pl, cs.

## Domains
heading-domains = Domains
domains-intro = Bei aktivierter automatischer Genehmigung tritt jeder, der sich mit einer Adresse der Domain registriert, der Organisation bei, ohne auf einen Administrator zu warten.
column-domain = Domain
column-verified = Verifiziert
column-auto-approval = Automatische Genehmigung
yes = Ja
no = Nein
button-turn-on = Automatische Genehmigung aktivieren
button-turn-off = Automatische Genehmigung deaktivieren
no-domains = Die Organisation hat noch keine Domains.
heading-add-domain = Ihre Domain verifizieren
add-domain-intro = Sie können die Domain Ihrer eigenen Adresse verifizieren: { $domain }.
label-auto-approve = Automatische Genehmigung sofort aktivieren
button-verify-domain = { $domain } verifizieren
domain-saved = { $domain } wurde gespeichert.

## Join requests
heading-requests = Beitrittsanfragen
requests-intro = Personen, die sich mit einer verifizierten Domain der Organisation registriert haben, während die automatische Genehmigung deaktiviert war.
column-requested = Angefragt am
button-approve = Genehmigen
button-reject = Ablehnen
no-requests = Es wartet niemand.
request-approved = { $email } ist der Organisation beigetreten.
request-rejected = Die Anfrage von { $email } wurde abgelehnt.

## Organization
heading-organization = Organisation
label-org-name = Name
label-org-id = Kennung
label-fulfillment-contact = Ansprechpartner Auftragsabwicklung
label-offline-grace = Offline-Nutzung
offline-grace-days = { $days ->
    [one] { $days } Tag ohne Verbindung
   *[other] { $days } Tage ohne Verbindung
}
heading-subscriptions = Abonnements
column-product = Produkt
column-expires = Läuft ab am
never-expires = Läuft nicht ab
no-subscriptions = Die Organisation hat keine Abonnements.

## Errors
heading-error = Etwas ist schiefgelaufen
error-forbidden = Dazu sind Sie nicht berechtigt. Nur die Administratoren dieser Organisation dürfen das.
error-not-found = Diese Seite existiert nicht, oder der Benutzer ist kein Mitglied Ihrer Organisation.
error-csrf = Das Formular ist abgelaufen. Laden Sie die Seite neu und versuchen Sie es erneut.
error-too-large = Die Datei ist größer als 10 MiB.
error-too-many-rows = Die Datei hat mehr als 100.000 Zeilen.
error-invalid-csv = Die Datei kann nicht als CSV gelesen werden: { $detail }
error-last-administrator = Die Organisation muss einen Ansprechpartner für die Auftragsabwicklung und einen Administrator behalten.
error-validation = Prüfen Sie die markierten Felder.
error-field-email = Geben Sie eine gültige E-Mail-Adresse ein.
error-field-name = Geben Sie einen Namen ein (höchstens 100 Zeichen, keine Zeilenumbrüche).
error-field-country = Wählen Sie ein Land aus.
error-already-member = Diese Adresse ist bereits Mitglied der Organisation.
error-other-org = Diese Adresse gehört zu einer anderen Organisation.
error-public-domain = Eine öffentliche E-Mail-Domain kann nicht zu einer Organisation gehören.
error-domain-taken = Diese Domain gehört bereits einer anderen Organisation.
error-domain-not-verified = Hier kann nur die Domain Ihrer eigenen Adresse verifiziert werden.
error-bad-request = Die Anfrage ist ungültig: { $detail }
error-generic = Der Server konnte dies nicht ausführen. Versuchen Sie es später erneut. (Referenz: { $code })
link-back-to-users = Zurück zu den Benutzern

## Software: the policy page and the public download page
nav-software = Software
heading-software = Software
software-intro = Legen Sie fest, welche Ihrer Produkte Mitglieder mit der Rolle Produktlieferung – Download aus Latchkey installieren dürfen, und in welcher Version.
label-update-channel = Latchkey-Updates
update-channel-auto = Automatisch
update-channel-notify = Benutzer benachrichtigen
update-channel-off = Aus (die IT verteilt Updates)
update-channel-hint = Ein Computer mit einer strengeren Updates-Richtlinie behält seine eigene Einstellung.
column-members-may-install = Mitglieder dürfen installieren
column-version = Version
version-latest = Neueste
button-save = Speichern
software-saved = Die Software-Richtlinie ist gespeichert.
heading-download = Latchkey herunterladen
download-intro = Latchkey meldet Sie bei den Anwendungen Ihrer Organisation an. Installieren Sie es auf Ihrem Computer und wählen Sie dann Passwort vergessen?, um Ihr Passwort festzulegen.
no-downloads = Es ist noch kein Installationsprogramm veröffentlicht.
download-link = { $platform }: Latchkey { $version }
download-size = ({ $megabytes } MB)
download-admin-link = Administratoren: bei der Benutzerverwaltung anmelden
platform-windows-x64 = Windows (64 Bit)
platform-windows-x86 = Windows (32 Bit)
platform-linux-deb = Linux (Debian, Ubuntu)
platform-linux-rpm = Linux (Fedora, RHEL, SUSE)
platform-macos = macOS
download-page-link = Die Latchkey-Installationsprogramme für Ihre Benutzer: die öffentliche Download-Seite
