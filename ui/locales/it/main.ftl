# Latchkey – Italiano

## Screens
heading-sign-in = Accedi
heading-session-ended = La sessione è terminata: accedi di nuovo
heading-forgot = Password dimenticata
heading-terms = Condizioni d’uso
heading-signed-in = Accesso eseguito
heading-offline = Offline fino al { $until }
label-email = Email
label-password = Password
label-show-password = Mostra password
button-sign-in = Accedi
link-forgot = Password dimenticata?
forgot-intro = Inserisci il tuo indirizzo email. Se è registrato, ti inviamo un codice.
button-send-code = Invia codice
link-back = Torna all’accesso
code-sent = Se l’indirizzo è registrato, gli abbiamo inviato un codice.
label-code = Codice ricevuto via email
label-new-password = Nuova password
policy-hint = Almeno { $min } caratteri. Le frasi lunghe sono più sicure; sono ammessi tutti i caratteri.
button-set-password = Imposta password
link-resend = Invia di nuovo il codice
terms-read-to-end = Leggi fino in fondo per accettare.
button-accept = Accetta
button-decline = Rifiuta
terms-declined = Non puoi usare Latchkey senza accettare le condizioni d’uso. Sei stato disconnesso.
org = Organizzazione: { $name }
no-org = Nessuna organizzazione
heading-roles = Ruoli
heading-entitlements = Diritti d’uso
heading-register = Registrazione
link-register = Registrati
register-intro = Registrati con il tuo indirizzo email di lavoro. Ti inviamo un codice per impostare la password.
label-first-name = Nome
label-last-name = Cognome
label-country = Paese
button-register = Registrati
country-choose = Scegli il tuo paese
button-sign-out = Esci

## Settings and about
nav-settings = Impostazioni
nav-about = Informazioni
heading-settings = Impostazioni
heading-about = Informazioni su Latchkey
setting-ServerUrl = Server
setting-AutoStart = Avvia all’accesso
setting-AllowSignOut = Disconnessione consentita
setting-Proxy = Proxy
setting-ExtraCaFile = Autorità di certificazione aggiuntive
setting-Language = Lingua
setting-Updates = Aggiornamenti
setting-ConsentMode = Consenso dei programmi
setting-AllowedApps = Programmi consentiti
set-by-organization = impostato dalla tua organizzazione
value-unset = non impostato
value-yes = sì
value-no = no
about-version = Versione { $version }
about-server = Server: { $server }
button-export-diagnostics = Esporta diagnostica
diagnostics-saved = Diagnostica salvata in { $path }. Non contiene password, codici o token.
link-back-generic = Indietro
link-trust-center = Centro sicurezza

## Error details
not-accepted-because = Non accettata perché { $reasons }.
reason-too_short = è troppo corta
reason-too_long = è troppo lunga
reason-common = è una password molto comune
reason-contains_email = contiene il tuo indirizzo email
reasons-and = { $first } e { $second }
tries-left = Ancora { $count } tentativi.
retry-in = Riprova tra { $seconds } secondi.
error-unknown = Qualcosa è andato storto ({ $code }).

## Error codes of the backend and the local API
error-invalid_request = La richiesta non è valida.
error-invalid_email = Inserisci un indirizzo email valido.
error-payload_too_large = Troppi dati da inviare.
error-too_many_rows = Il file ha troppe righe.
error-rate_limited = Troppe richieste. Attendi un momento e riprova.
error-proof_required = Troppe richieste da questo indirizzo o rete. Riprova.
error-proof_invalid = Il controllo che non si tratti di un bot non è riuscito o è scaduto. Riprova.
error-invalid_code = Il codice non è corretto.
error-code_expired = Il codice è scaduto. Richiedine uno nuovo.
error-weak_password = Scegli una password più sicura.
error-invalid_credentials = Email o password errate.
error-account_locked = Troppi accessi non riusciti. Riprova più tardi.
error-no_tos = Non sono ancora state pubblicate condizioni d’uso.
error-invalid_ticket = La richiesta di accettazione è scaduta. Accedi di nuovo.
error-tos_version_mismatch = Le condizioni d’uso sono cambiate nel frattempo. Leggi la nuova versione.
error-invalid_grant = La sessione è terminata. Accedi di nuovo.
error-unsupported_audience = Il server non rilascia token per quell’applicazione.
error-unauthorized = Non hai eseguito l’accesso.
error-forbidden = Non hai il permesso di farlo.
error-not_found = Non trovato.
error-already_member = Questa persona è già un membro.
error-member_of_other_org = Questa persona appartiene a un’altra organizzazione.
error-invalid_csv = Il file non è un CSV valido.
error-unknown_role = Questo ruolo non esiste.
error-role_not_grantable = Non puoi assegnare questo ruolo.
error-last_administrator = L’organizzazione deve mantenere un amministratore.
error-domain_not_verified = Il dominio non è verificato.
error-public_domain = I provider di posta pubblici non possono essere il dominio di un’organizzazione.
error-domain_taken = Il dominio appartiene a un’altra organizzazione.
error-download_not_permitted = Per scaricarlo servono il ruolo Consegna prodotti – Download e il permesso della tua organizzazione. Chiedi al tuo amministratore.
error-internal = Qualcosa è andato storto sul server.
error-not_signed_in = Non hai eseguito l’accesso.
error-tos_required = Accetta prima le condizioni d’uso.
error-backend_unreachable = Impossibile raggiungere il server Latchkey. Controlla la connessione.
error-timeout = Tempo scaduto.
error-no_interactive_session = Non c’è una finestra per accedere.
error-not_pending = La richiesta di accettazione è scaduta. Accedi di nuovo.
error-sign_out_disabled = La tua organizzazione non consente di disconnettersi.
error-forbidden_peer = Il programma di un altro utente è stato rifiutato.
error-forbidden_origin = Le richieste dalle pagine web vengono rifiutate.
error-backend_refused = Il server Latchkey ha rifiutato la richiesta.
error-no_server = Nessun server Latchkey configurato.
error-method_not_allowed = Questa azione non è disponibile qui.
error-shutting_down = Latchkey si sta riavviando. Riprova tra un momento.
error-no_release = Per questo computer non è offerto nulla di questo prodotto.
error-integrity_failed = Il download non corrisponde alla sua descrizione firmata, quindi non è stato installato. Riprova; se succede ancora, avvisa il tuo amministratore.
error-install_failed = L’installazione non è riuscita. Non è rimasto nulla installato a metà.
error-app_not_allowed = Questo programma non può usare il tuo accesso a Latchkey. Consentilo in Latchkey o chiedi al tuo amministratore.

## Tray menu and tooltips
tray-not-signed-in = Accesso non eseguito
tray-open = Apri Latchkey
tray-sign-in = Accedi
tray-sign-out = Esci
tray-quit = Chiudi
tooltip-signed-in = Latchkey — accesso come { $email }
tooltip-signed-out = Latchkey — disconnesso
tooltip-offline = Latchkey — offline fino al { $until }
tooltip-terms = Latchkey — nuove condizioni d’uso da accettare
tooltip-expired = Latchkey — sessione scaduta, accedi di nuovo

## First run, settings, password strength, tray, notifications
heading-first-run = Benvenuto in Latchkey
first-run-intro = Inserisci l'indirizzo del server Latchkey della tua organizzazione. Il reparto IT può indicartelo.
label-server-url = Indirizzo del server
button-continue = Continua
language-automatic = Come il sistema
label-start-at-login = Avvia Latchkey quando accedo a questo computer
autostart-machine = L'amministratore ha impostato l'avvio di Latchkey all'accesso per tutti gli utenti di questo computer.
setting-saved = Salvato.
strength-label = Robustezza della password
strength-0 = Troppo corta
strength-1 = Debole
strength-2 = Discreta
strength-3 = Buona
strength-4 = Robusta
policy-rule-length = Da { $min } a { $max } caratteri
policy-rule-common = Non è una password di uso comune
policy-rule-email = Non contiene il tuo indirizzo email
tray-start-at-login = Avvia all'accesso
tray-language = Lingua
tray-about = Informazioni su Latchkey
notify-signed-in = Accesso a Latchkey eseguito
notify-signed-in-body = Hai eseguito l'accesso come { $email }.
notify-expired = Sessione Latchkey scaduta
notify-expired-body = Accedi di nuovo per continuare a usare le tue applicazioni.
notify-terms = Nuovi Termini di servizio
notify-terms-body = Apri Latchkey per leggere e accettare i nuovi Termini di servizio.
notify-offline = Latchkey funziona offline
notify-offline-body = Il server non è raggiungibile. Le tue applicazioni continuano a funzionare fino al { $until }.
notify-update = Aggiornamento di Latchkey disponibile
notify-update-body = Latchkey { $version } è disponibile: apri Applicazioni in Latchkey per installarlo.
notify-updating = Aggiornamento di Latchkey
notify-updating-body = Latchkey { $version } è in fase di installazione.
error-setting_enforced = Questa impostazione è definita dalla tua organizzazione e non può essere modificata qui.
error-invalid_setting = Questo valore non è valido.
error-setting_unwritable = Impossibile salvare l'impostazione.
webview-missing-title = Latchkey non riesce ad aprire la sua finestra
webview-missing = Microsoft Edge WebView2 Runtime, necessario alla finestra di Latchkey, non è installato. L'accesso dalle altre app e il comando latchkey continuano a funzionare. Chieda al reparto IT di installare WebView2 Runtime, oppure lo scarichi da https://go.microsoft.com/fwlink/p/?LinkId=2124703

## The signed-in screen, for people
role-fulfillment_contact = Referente evasione ordini
role-account_admin = Amministratore dell’account
role-co_admin = Coamministratore
role-product_delivery_download = Consegna prodotti – Download
feature-download = Download
badge-offline = Offline
entitlement-offline-days = { $days ->
    [one] Utilizzabile offline ancora per un giorno
   *[other] Utilizzabile offline ancora per { $days } giorni
}
entitlement-offline-hours = { $hours ->
    [one] Utilizzabile offline ancora per un’ora
   *[other] Utilizzabile offline ancora per { $hours } ore
}
entitlement-ends = L’abbonamento scade il { $date }
entitlements-empty = Non ti è ancora stato assegnato nessun prodotto. Chiedi al tuo amministratore.
entitlements-loading = Caricamento dei tuoi prodotti…

## The command line (`latchkey`): answers, the terminal dialogue and its prompts (the program adds ": ")
cli-signed-in = Accesso eseguito come { $who }
cli-signed-in-offline = Accesso eseguito come { $who }, offline fino al { $until }
cli-tos-pending = Devi accettare le condizioni d’uso: esegui `latchkey sign-in`
cli-session-ended = La sessione è terminata: esegui `latchkey sign-in`
cli-signing-in = Accesso in corso…
cli-signed-out = Disconnesso
cli-sign-out-done = Disconnessione eseguita.
cli-setting-unset = (non impostato)
cli-entitled = { $product }: diritto d’uso attivo ({ $features })
cli-not-entitled = { $product }: nessun diritto d’uso ({ $reason })
cli-entitlement-until = fino al { $date }
cli-entitlement-no-end = nessuna data di fine
cli-entitlements-summary = { $count ->
    [one] (un diritto d’uso, { $source }, utilizzabile offline fino al { $until })
   *[other] ({ $count } diritti d’uso, { $source }, utilizzabili offline fino al { $until })
}
cli-window-open = La finestra di Latchkey è aperta: accedi da lì.
cli-app-installed = installato { $version }
cli-app-not-installed = non installato
cli-app-available = { $version } disponibile
cli-app-up-to-date = aggiornato
cli-app-ask-admin = chiedi al tuo amministratore il ruolo Consegna prodotti – Download
cli-app-not-allowed = la tua organizzazione non ne consente l’installazione
cli-app-nothing-here = nulla è offerto per questo computer
cli-install-progress = Download di { $product } { $version }: { $percent } %
cli-install-verifying = Verifica del download…
cli-install-installing = Installazione di { $product } { $version }…
cli-consent-none-waiting = Nessun programma è in attesa di una risposta.
cli-consent-approving = Consenso a: { $program }
cli-consent-confirm = Consentire a { $program } di usare il tuo accesso? [s/N]
cli-consent-unknown-program = Nessuna decisione memorizzata per { $program }: indicalo con il percorso o lo SHA-256 mostrati da `latchkey apps list`.
cli-consent-name-one = Più programmi sono in attesa: indicane uno con il suo id (latchkey apps approve ID).
cli-consent-mode = Modalità di consenso: { $mode }
cli-consent-by-organization = consentito dalla tua organizzazione
cli-consent-allowed = consentito
cli-consent-denied = negato
cli-consent-waiting = in attesa
cli-install-done = { $product } { $version } è installato.
cli-install-cancelled = Annullato. Esegui di nuovo lo stesso comando per riprendere il download.
cli-prompt-email = Email
cli-prompt-password = Password
cli-prompt-password-or-empty = Password (lascia vuoto se non ne hai ancora una o l’hai dimenticata)
cli-prompt-new-password = Nuova password
cli-prompt-code = Codice ricevuto via email
cli-no-email = Non è stato indicato nessun indirizzo email.
cli-code-format = Il codice è formato dalle 8 cifre ricevute via email.
cli-code-sent = Se l’indirizzo è registrato, riceverai un codice via email.
cli-password-set = Password impostata.
cli-password-set-sign-in = La password è impostata: accedi con `latchkey sign-in`.
cli-accept-tos = Accetti le condizioni d’uso (versione { $version })? [s/N]
# The answers that mean yes to cli-accept-tos, comma-separated; "y" and "yes" are always accepted too.
cli-yes = s, sì, si
cli-tos-declined = Non puoi usare Latchkey senza accettare le condizioni d’uso; sei stato disconnesso.
cli-no-server = Nessun server configurato: imposta ServerUrl (LATCHKEY_SERVER_URL, oppure server_url in ~/.config/latchkey/settings.toml).
cli-agent-not-running = Latchkey non è in esecuzione su { $socket }: apri l’app Latchkey oppure esegui `latchkey agent` (per server e sessioni SSH).
cli-foreign-agent = L’agente Latchkey su { $socket } è in esecuzione come { $user }, non come te: non gli è stato inviato nulla.
cli-not-signed-in = Non hai eseguito l’accesso: esegui `latchkey sign-in` o apri Latchkey.
cli-tos-required = Devi prima accettare le condizioni d’uso: esegui `latchkey sign-in` o apri Latchkey.
cli-unexpected-answer = Risposta dell’agente non compresa: { $detail }
cli-agent-io = Comunicazione con l’agente non riuscita: { $detail }
cli-agent-cannot-start = Impossibile avviare l’agente: { $detail }
cli-no-agent-program = Questo comando richiede latchkey-agent, installato accanto a latchkey: { $detail }

## The Applications screen
button-applications = Applicazioni
heading-applications = Applicazioni
apps-loading = Caricamento delle tue applicazioni…
apps-empty = Non ci sono applicazioni disponibili per te.
app-installed = Installato: { $version }
app-not-installed = Non installato
app-available = Disponibile: { $version }
app-up-to-date = Aggiornato
app-nothing-here = Per questo computer non è offerto nulla.
app-ask-admin = Per scaricare applicazioni serve il ruolo Consegna prodotti – Download. Chiedi al tuo amministratore.
app-not-allowed = La tua organizzazione non consente di installare questa applicazione.
app-release-notes = Note di rilascio
button-install = Scarica e installa
button-update = Aggiorna
button-cancel = Annulla
install-downloading = Download… { $percent } %
install-verifying = Verifica del download…
install-installing = Installazione…
install-done = Installato.
install-cancelled = Annullato. Scarica e installa di nuovo per riprendere.

## A program asking to use the sign-in, and the programs decided about (Settings)
heading-consent = Consentire a questo programma di usare il tuo accesso?
heading-consent-none = I programmi e il tuo accesso
consent-label-path = Programma
consent-label-sha256 = SHA-256
consent-label-pid = ID processo
consent-name = Si presenta come «{ $name }», ma qualsiasi programma può darsi un nome: a identificarlo è il percorso qui sopra.
consent-explain = Se lo consenti, riceverà token di accesso e i tuoi diritti d’uso finché hai eseguito l’accesso.
consent-remembered = Latchkey ricorda «Consenti sempre» e «Nega» per questo programma; puoi revocare entrambe le scelte in Impostazioni.
consent-expires = Termine per rispondere: { $time }. Dopo, il programma viene rifiutato.
consent-more = { $count ->
    [one] Un altro programma è in attesa.
   *[other] Altri { $count } programmi sono in attesa.
}
button-allow-once = Consenti una volta
button-always-allow = Consenti sempre
button-deny = Nega
consent-none = Nessun programma attende la tua risposta.
consent-expired = La richiesta è scaduta: questa volta il programma è stato rifiutato e può chiedere di nuovo.
heading-consent-apps = Programmi autorizzati a usare il tuo accesso
consent-apps-empty = Non hai ancora consentito né negato alcun programma.
consent-app-name = Si presenta come «{ $name }»
consent-decision-allowed = Consentito il { $date }
consent-decision-denied = Negato il { $date }
button-revoke = Revoca
consent-revoked = Revocato: Latchkey non ricorda più la tua decisione su quel programma.
consent-mode-allow = La tua organizzazione consente a ogni programma di usare il tuo accesso.
consent-mode-deny-unknown = Solo i programmi elencati dalla tua organizzazione possono usare il tuo accesso.
consent-org-allowed = Consentiti dalla tua organizzazione:
