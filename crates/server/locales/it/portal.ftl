# The User Management web portal (/admin), served by latchkey-server. Every locale has every key:
# crates/server/src/portal/i18n.rs tests it.

## Frame
portal-title = Gestione utenti Latchkey
skip-to-content = Vai al contenuto
nav-label = Menu principale
nav-users = Utenti
nav-add-user = Aggiungi utente
nav-bulk = Registrazione in blocco
nav-domains = Domini
nav-requests = Richieste di adesione
nav-organization = Organizzazione
signed-in-as = Accesso eseguito come { $email }
button-sign-out = Esci
language-label = Lingua
button-change-language = Cambia

## Sign-in and Terms
heading-sign-in = Accesso a Gestione utenti
sign-in-intro = Per gli amministratori di un’organizzazione. Utilizzare lo stesso indirizzo email e la stessa password del client Latchkey.
label-email = Email
label-password = Password
button-sign-in = Accedi
forgot-hint = Non ha ancora una password o l’ha dimenticata? Selezionare “Password dimenticata?” nel client Latchkey oppure impostarla qui.
link-forgot = Password dimenticata?
error-credentials = L’indirizzo email o la password non sono corretti.
error-locked = Troppi tentativi non riusciti. Riprovare tra { $minutes } minuti.
error-rate-limited = Troppi tentativi. Riprovare tra { $minutes } minuti.
error-proof-required = Troppe richieste da questo indirizzo o rete. Attivare JavaScript nel browser (dimostra che non si tratta di un bot) e inviare di nuovo il modulo.
error-proof-invalid = Il controllo che non si tratti di un bot non è riuscito o è scaduto. Inviare di nuovo il modulo.
error-not-admin = Questo portale è riservato agli amministratori di un’organizzazione. Il suo account non ha un ruolo di amministratore.
heading-terms = Termini di servizio
terms-intro = Accettare i Termini di servizio per continuare.
button-accept = Accetta
button-decline = Rifiuta
terms-declined = Non è possibile utilizzare Gestione utenti senza accettare i Termini di servizio.
terms-expired = L’accesso ha richiesto troppo tempo. Accedere di nuovo.
signed-out = Disconnessione eseguita.

## Forgot password
heading-forgot = Impostare o reimpostare la password
forgot-intro = Inserire il proprio indirizzo email. Se è registrato, invieremo un codice.
button-send-code = Invia codice
code-sent = Se { $email } è registrato, abbiamo inviato un codice a questo indirizzo. Inserirlo qui sotto insieme alla nuova password.
label-code = Codice ricevuto via email
label-new-password = Nuova password
password-hint = Almeno { $min } caratteri. Le passphrase più lunghe sono più sicure; sono ammessi tutti i caratteri.
button-set-password = Imposta password
password-set = La password è stata impostata. Accedere con la nuova password.
error-code = Il codice è errato o scaduto. Richiederne uno nuovo.
weak-password = La password è troppo debole: { $reasons }
weak-too_short = più corta di { $min } caratteri
weak-too_long = troppo lunga
weak-common = una password di uso comune
weak-contains_email = contiene il suo indirizzo email

## Users
heading-users = Utenti
search-label = Cerca per indirizzo o nome
button-search = Cerca
column-email = Email
column-name = Nome
column-country = Paese
column-roles = Ruoli
column-status = Stato
status-invited = Invitato
status-active = Attivo
status-locked = Bloccato
no-users = Nessun utente corrispondente.
link-next-page = Pagina successiva
link-first-page = Prima pagina
users-count = { $count ->
    [one] { $count } utente in questa pagina
   *[other] { $count } utenti in questa pagina
}
link-manage = Gestisci
column-actions = Azioni
pages-label = Pagine

## Add a user
heading-add-user = Aggiungi un utente
add-user-intro = L’utente riceve un’email che spiega come impostare la propria password nel client Latchkey.
label-first-name = Nome
label-last-name = Cognome
label-country = Paese
choose-country = Scegliere un paese
label-roles = Ruoli
label-mail-language = Lingua dell’email
button-add-user = Aggiungi utente
user-added = { $email } è stato aggiunto e invitato.

## Roles
role-fulfillment_contact = Referente evasione ordini
role-account_admin = Amministratore dell’account
role-co_admin = Coamministratore
role-product_delivery_download = Consegna prodotti – Download
role-not-grantable = (superiore al suo ruolo)

## One user
heading-user = { $name }
label-status = Stato
label-member-since = Membro dal
button-save-roles = Salva ruoli
roles-saved = I ruoli di { $email } sono stati salvati.
heading-remove = Rimuovi dall’organizzazione
remove-intro = { $email } perde immediatamente l’accesso ai prodotti dell’organizzazione e viene disconnesso ovunque. L’account in sé rimane.
button-remove = Rimuovi { $email }
confirm-remove = Rimuovere { $email } dall’organizzazione?
user-removed = { $email } è stato rimosso dall’organizzazione.

## Bulk register
heading-bulk = Registrazione utenti in blocco
bulk-intro = Caricare un file CSV con le colonne email, first_name, last_name, country e, facoltativamente, roles (separati da ;) e language. Prima viene mostrato un controllo di ogni riga; non viene salvato nulla finché non si esegue l’importazione.
link-template = Scarica il modello (CSV)
label-file = File CSV (massimo 10 MiB, 100.000 righe)
button-check = Controlla il file
heading-report = Controllo di { $file }
report-ready = { $count ->
    [one] È possibile aggiungere { $count } utente.
   *[other] È possibile aggiungere { $count } utenti.
}
report-already = { $count ->
    [one] { $count } indirizzo è già membro e rimane invariato.
   *[other] { $count } indirizzi sono già membri e rimangono invariati.
}
report-failed = { $count ->
    [0] Nessuna riga contiene errori.
    [one] { $count } riga contiene un errore e non verrà importata:
   *[other] { $count } righe contengono errori e non verranno importate:
}
column-line = Riga
column-problem = Problema
link-error-report = Scarica le righe con errori (CSV)
link-upload-another = Carica un altro file
button-import = Importa { $count ->
    [one] { $count } utente
   *[other] { $count } utenti
}
report-fix-hint = Correggere le righe con errori nel file e caricarlo di nuovo, oppure importare ora le righe valide.
heading-imported = Importazione completata
imported = { $count ->
    [one] { $count } utente è stato aggiunto e invitato.
   *[other] { $count } utenti sono stati aggiunti e invitati.
}
upload-expired = Questo caricamento non è più disponibile. Caricare di nuovo il file.
error-file-missing = Scegliere un file CSV da caricare.
problem-invalid_email = L’indirizzo email non è valido.
problem-invalid_country = Il paese non è un codice ISO 3166 come DE o US.
problem-unknown_role = Un ruolo è sconosciuto.
problem-duplicate_row = L’indirizzo compare già in precedenza nel file.
problem-missing_field = Un campo obbligatorio è vuoto.
problem-field_too_long = Un campo è troppo lungo.
problem-invalid_characters = Un campo contiene caratteri non consentiti, ad esempio un a capo.
problem-member_of_other_org = L’indirizzo appartiene a un’altra organizzazione.
problem-role_not_grantable = Un ruolo è superiore al suo.
problem-invalid_language = La lingua non è una tra en, es, fr, tr, nl, it, de, pl, cs.

## Domains
heading-domains = Domini
domains-intro = Con l’approvazione automatica attiva, chiunque si registri con un indirizzo del dominio entra nell’organizzazione senza attendere un amministratore.
column-domain = Dominio
column-verified = Verificato
column-auto-approval = Approvazione automatica
yes = Sì
no = No
button-turn-on = Attiva approvazione automatica
button-turn-off = Disattiva approvazione automatica
no-domains = L’organizzazione non ha ancora domini.
heading-add-domain = Verifica del dominio
add-domain-intro = È possibile verificare il dominio del proprio indirizzo, { $domain }.
label-auto-approve = Attiva subito l’approvazione automatica
button-verify-domain = Verifica { $domain }
domain-saved = { $domain } è stato salvato.

## Join requests
heading-requests = Richieste di adesione
requests-intro = Persone che si sono registrate con un dominio verificato dell’organizzazione mentre l’approvazione automatica era disattivata.
column-requested = Richiesta il
button-approve = Approva
button-reject = Rifiuta
no-requests = Nessuno è in attesa.
request-approved = { $email } è entrato nell’organizzazione.
request-rejected = La richiesta di { $email } è stata rifiutata.

## Organization
heading-organization = Organizzazione
label-org-name = Nome
label-org-id = Identificativo
label-fulfillment-contact = Referente evasione ordini
label-offline-grace = Uso offline
offline-grace-days = { $days ->
    [one] { $days } giorno senza connessione
   *[other] { $days } giorni senza connessione
}
heading-subscriptions = Abbonamenti
column-product = Prodotto
column-expires = Scadenza
never-expires = Non scade
no-subscriptions = L’organizzazione non ha abbonamenti.

## Errors
heading-error = Si è verificato un problema
error-forbidden = Non si dispone dell’autorizzazione per questa operazione. Solo gli amministratori di questa organizzazione possono eseguirla.
error-not-found = Questa pagina non esiste oppure l’utente non è membro della sua organizzazione.
error-csrf = Il modulo è scaduto. Ricaricare la pagina e riprovare.
error-too-large = Il file supera i 10 MiB.
error-too-many-rows = Il file contiene più di 100.000 righe.
error-invalid-csv = Impossibile leggere il file come CSV: { $detail }
error-last-administrator = L’organizzazione deve mantenere un referente evasione ordini e un amministratore.
error-validation = Controllare i campi evidenziati.
error-field-email = Inserire un indirizzo email valido.
error-field-name = Inserire un nome (massimo 100 caratteri, senza a capo).
error-field-country = Scegliere un paese.
error-already-member = Questo indirizzo è già membro dell’organizzazione.
error-other-org = Questo indirizzo appartiene a un’altra organizzazione.
error-public-domain = Un dominio di posta pubblico non può appartenere a un’organizzazione.
error-domain-taken = Questo dominio appartiene già a un’altra organizzazione.
error-domain-not-verified = Qui è possibile verificare solo il dominio del proprio indirizzo.
error-bad-request = La richiesta non è valida: { $detail }
error-generic = Il server non è riuscito a eseguire l’operazione. Riprovare più tardi. (Riferimento: { $code })
link-back-to-users = Torna agli utenti

## Software: the policy page and the public download page
nav-software = Software
heading-software = Software
software-intro = Scegli quali dei tuoi prodotti i membri con il ruolo Consegna prodotti – Download possono installare da Latchkey, e in quale versione.
label-update-channel = Aggiornamenti di Latchkey
update-channel-auto = Automaticamente
update-channel-notify = Avvisa l’utente
update-channel-off = Disattivati (l’IT distribuisce gli aggiornamenti)
update-channel-hint = Un computer con un criterio Updates più restrittivo mantiene la propria impostazione.
column-members-may-install = I membri possono installare
column-version = Versione
version-latest = La più recente
button-save = Salva
software-saved = Il criterio software è salvato.
heading-download = Scarica Latchkey
download-intro = Latchkey ti collega alle applicazioni della tua organizzazione. Installalo sul computer, poi scegli Password dimenticata? per impostare la password.
no-downloads = Non è ancora stato pubblicato alcun programma di installazione.
download-link = { $platform }: Latchkey { $version }
download-size = ({ $megabytes } MB)
download-admin-link = Amministratori: accedete alla Gestione utenti
platform-windows-x64 = Windows (64 bit)
platform-windows-x86 = Windows (32 bit)
platform-linux-deb = Linux (Debian, Ubuntu)
platform-linux-rpm = Linux (Fedora, RHEL, SUSE)
platform-macos = macOS
download-page-link = I programmi di installazione di Latchkey per i tuoi utenti: la pagina pubblica di download
