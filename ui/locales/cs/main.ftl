# Latchkey – Čeština

## Screens
heading-sign-in = Přihlášení
heading-session-ended = Relace skončila: přihlaste se znovu
heading-forgot = Zapomenuté heslo
heading-terms = Podmínky služby
heading-signed-in = Přihlášeno
heading-offline = Offline do { $until }
label-email = E-mail
label-password = Heslo
label-show-password = Zobrazit heslo
button-sign-in = Přihlásit se
link-forgot = Zapomněli jste heslo?
forgot-intro = Zadejte svou e-mailovou adresu. Pokud je registrovaná, pošleme vám kód.
button-send-code = Poslat kód
link-back = Zpět na přihlášení
code-sent = Pokud je adresa registrovaná, poslali jsme na ni kód.
label-code = Kód z e-mailu
label-new-password = Nové heslo
policy-hint = Alespoň { $min } znaků. Delší hesla jsou silnější; povoleny jsou všechny znaky.
button-set-password = Nastavit heslo
link-resend = Poslat kód znovu
terms-read-to-end = Pro přijetí dočtěte až do konce.
button-accept = Přijmout
button-decline = Odmítnout
terms-declined = Bez přijetí podmínek služby nelze Latchkey používat. Byli jste odhlášeni.
org = Organizace: { $name }
no-org = Bez organizace
heading-roles = Role
heading-entitlements = Oprávnění
heading-register = Registrace
link-register = Zaregistrovat se
register-intro = Zaregistrujte se pracovní e-mailovou adresou. Pošleme vám kód pro nastavení hesla.
label-first-name = Jméno
label-last-name = Příjmení
label-country = Země
button-register = Zaregistrovat se
country-choose = Vyberte svou zemi
button-sign-out = Odhlásit se

## Settings and about
nav-settings = Nastavení
nav-about = O aplikaci
heading-settings = Nastavení
heading-about = O aplikaci Latchkey
setting-ServerUrl = Server
setting-AutoStart = Spouštět po přihlášení
setting-AllowSignOut = Odhlášení povoleno
setting-Proxy = Proxy
setting-ExtraCaFile = Další certifikační autority
setting-Language = Jazyk
setting-Updates = Aktualizace
setting-ConsentMode = Souhlas pro programy
setting-AllowedApps = Povolené programy
set-by-organization = nastaveno vaší organizací
value-unset = nenastaveno
value-yes = ano
value-no = ne
about-version = Verze { $version }
about-server = Server: { $server }
button-export-diagnostics = Exportovat diagnostiku
diagnostics-saved = Diagnostika uložena do { $path }. Neobsahuje hesla, kódy ani tokeny.
link-back-generic = Zpět
link-trust-center = Centrum důvěryhodnosti

## Error details
not-accepted-because = Nepřijato, protože { $reasons }.
reason-too_short = je příliš krátké
reason-too_long = je příliš dlouhé
reason-common = je to často používané heslo
reason-contains_email = obsahuje vaši e-mailovou adresu
reasons-and = { $first } a { $second }
tries-left = Zbývá pokusů: { $count }.
retry-in = Zkuste to znovu za { $seconds } s.
error-unknown = Něco se pokazilo ({ $code }).

## Error codes of the backend and the local API
error-invalid_request = Požadavek není platný.
error-invalid_email = Zadejte platnou e-mailovou adresu.
error-payload_too_large = Příliš mnoho dat k odeslání.
error-too_many_rows = Soubor má příliš mnoho řádků.
error-rate_limited = Příliš mnoho požadavků. Chvíli počkejte a zkuste to znovu.
error-proof_required = Příliš mnoho požadavků z této adresy nebo sítě. Zkuste to znovu.
error-proof_invalid = Ověření, že nejste robot, selhalo nebo vypršelo. Zkuste to znovu.
error-invalid_code = Tento kód není správný.
error-code_expired = Platnost kódu vypršela. Vyžádejte si nový.
error-weak_password = Zvolte silnější heslo.
error-invalid_credentials = Nesprávný e-mail nebo heslo.
error-account_locked = Příliš mnoho neúspěšných přihlášení. Zkuste to později.
error-no_tos = Zatím nejsou zveřejněny žádné podmínky služby.
error-invalid_ticket = Žádost o přijetí vypršela. Přihlaste se znovu.
error-tos_version_mismatch = Podmínky služby se mezitím změnily. Přečtěte si novou verzi.
error-invalid_grant = Relace skončila. Přihlaste se znovu.
error-unsupported_audience = Server pro tuto aplikaci nevydává tokeny.
error-unauthorized = Nejste přihlášeni.
error-forbidden = K tomu nemáte oprávnění.
error-not_found = Nenalezeno.
error-already_member = Tato osoba už je členem.
error-member_of_other_org = Tato osoba patří do jiné organizace.
error-invalid_csv = Soubor není platný soubor CSV.
error-unknown_role = Tato role neexistuje.
error-role_not_grantable = Tuto roli nemůžete udělit.
error-last_administrator = Organizace si musí ponechat správce.
error-domain_not_verified = Tato doména není ověřená.
error-public_domain = Veřejní poskytovatelé e-mailu nemohou být doménou organizace.
error-domain_taken = Tato doména patří jiné organizaci.
error-download_not_permitted = Stažení vyžaduje roli Dodávka produktů – stahování a svolení vaší organizace. Obraťte se na svého správce.
error-internal = Na serveru se něco pokazilo.
error-not_signed_in = Nejste přihlášeni.
error-tos_required = Nejprve přijměte podmínky služby.
error-backend_unreachable = Server Latchkey není dostupný. Zkontrolujte připojení.
error-timeout = Vypršel časový limit.
error-no_interactive_session = Není k dispozici okno pro přihlášení.
error-not_pending = Žádost o přijetí vypršela. Přihlaste se znovu.
error-sign_out_disabled = Vaše organizace nepovoluje odhlášení.
error-forbidden_peer = Program jiného uživatele byl odmítnut.
error-forbidden_origin = Požadavky z webových stránek jsou odmítány.
error-backend_refused = Server Latchkey požadavek odmítl.
error-no_server = Není nastaven žádný server Latchkey.
error-method_not_allowed = Tato akce zde není dostupná.
error-shutting_down = Latchkey se restartuje. Zkuste to za chvíli znovu.
error-no_release = Pro tento počítač se z tohoto produktu nic nenabízí.
error-integrity_failed = Stažený soubor neodpovídá svému podepsanému popisu, proto nebyl nainstalován. Zkuste to znovu; pokud se to opakuje, informujte svého správce.
error-install_failed = Instalace selhala. Nic nezůstalo napůl nainstalované.
error-app_not_allowed = Tento program nesmí používat vaše přihlášení do Latchkey. Povolte ho v Latchkey, nebo se obraťte na svého správce.

## Tray menu and tooltips
tray-not-signed-in = Nepřihlášeno
tray-open = Otevřít Latchkey
tray-sign-in = Přihlásit se
tray-sign-out = Odhlásit se
tray-quit = Ukončit
tooltip-signed-in = Latchkey — přihlášeno jako { $email }
tooltip-signed-out = Latchkey — odhlášeno
tooltip-offline = Latchkey — offline do { $until }
tooltip-terms = Latchkey — nové podmínky služby k přijetí
tooltip-expired = Latchkey — relace vypršela, přihlaste se znovu

## First run, settings, password strength, tray, notifications
heading-first-run = Vítejte v Latchkey
first-run-intro = Zadejte adresu serveru Latchkey vaší organizace. Sdělí vám ji vaše oddělení IT.
label-server-url = Adresa serveru
button-continue = Pokračovat
language-automatic = Podle systému
label-start-at-login = Spouštět Latchkey po přihlášení k tomuto počítači
autostart-machine = Správce nastavil spouštění Latchkey po přihlášení pro všechny uživatele tohoto počítače.
setting-saved = Uloženo.
strength-label = Síla hesla
strength-0 = Příliš krátké
strength-1 = Slabé
strength-2 = Průměrné
strength-3 = Dobré
strength-4 = Silné
policy-rule-length = Nejméně { $min } a nejvýše { $max } znaků
policy-rule-common = Není to běžně používané heslo
policy-rule-email = Neobsahuje vaši e-mailovou adresu
tray-start-at-login = Spouštět po přihlášení
tray-language = Jazyk
tray-about = O aplikaci Latchkey
notify-signed-in = Přihlášeno do Latchkey
notify-signed-in-body = Jste přihlášeni jako { $email }.
notify-expired = Relace Latchkey vypršela
notify-expired-body = Přihlaste se znovu, abyste mohli dál používat své aplikace.
notify-terms = Nové podmínky služby
notify-terms-body = Otevřete Latchkey a přečtěte si a přijměte nové podmínky služby.
notify-offline = Latchkey pracuje offline
notify-offline-body = Server není dostupný. Vaše aplikace fungují do { $until }.
notify-update = Je k dispozici aktualizace Latchkey
notify-update-body = Latchkey { $version } je k dispozici: otevřete v Latchkey Aplikace a nainstalujte jej.
notify-updating = Aktualizace Latchkey
notify-updating-body = Instaluje se Latchkey { $version }.
error-setting_enforced = Toto nastavuje vaše organizace, proto to zde nelze změnit.
error-invalid_setting = Tato hodnota není platná.
error-setting_unwritable = Nastavení se nepodařilo uložit.
webview-missing-title = Latchkey nemůže otevřít své okno
webview-missing = Není nainstalován Microsoft Edge WebView2 Runtime, který okno aplikace Latchkey potřebuje. Přihlašování z jiných aplikací a příkaz latchkey fungují dál. Požádejte oddělení IT o instalaci WebView2 Runtime, nebo si ho stáhněte z https://go.microsoft.com/fwlink/p/?LinkId=2124703

## The signed-in screen, for people
role-fulfillment_contact = Kontaktní osoba pro vyřizování objednávek
role-account_admin = Správce účtu
role-co_admin = Spolusprávce
role-product_delivery_download = Dodávka produktů – stahování
feature-download = Stahování
badge-offline = Offline
entitlement-offline-days = { $days ->
    [one] Offline použitelné ještě jeden den
    [few] Offline použitelné ještě { $days } dny
    [many] Offline použitelné ještě { $days } dne
   *[other] Offline použitelné ještě { $days } dní
}
entitlement-offline-hours = { $hours ->
    [one] Offline použitelné ještě hodinu
    [few] Offline použitelné ještě { $hours } hodiny
    [many] Offline použitelné ještě { $hours } hodiny
   *[other] Offline použitelné ještě { $hours } hodin
}
entitlement-ends = Předplatné končí { $date }
entitlements-empty = Zatím vám nebyly přiřazeny žádné produkty. Obraťte se na svého správce.
entitlements-loading = Načítání produktů…

## The command line (`latchkey`): answers, the terminal dialogue and its prompts (the program adds ": ")
cli-signed-in = Přihlášeno jako { $who }
cli-signed-in-offline = Přihlášeno jako { $who }, offline do { $until }
cli-tos-pending = Je třeba přijmout podmínky služby: spusťte `latchkey sign-in`
cli-session-ended = Relace skončila: spusťte `latchkey sign-in`
cli-signing-in = Přihlašování…
cli-signed-out = Odhlášeno
cli-sign-out-done = Odhlášeno.
cli-setting-unset = (nenastaveno)
cli-entitled = { $product }: máte oprávnění ({ $features })
cli-not-entitled = { $product }: nemáte oprávnění ({ $reason })
cli-entitlement-until = do { $date }
cli-entitlement-no-end = bez data ukončení
cli-entitlements-summary = { $count ->
    [one] (jedno oprávnění, { $source }, použitelné offline do { $until })
    [few] ({ $count } oprávnění, { $source }, použitelné offline do { $until })
    [many] ({ $count } oprávnění, { $source }, použitelné offline do { $until })
   *[other] ({ $count } oprávnění, { $source }, použitelné offline do { $until })
}
cli-window-open = Okno Latchkey je otevřené: přihlaste se v něm.
cli-app-installed = nainstalováno { $version }
cli-app-not-installed = nenainstalováno
cli-app-available = k dispozici { $version }
cli-app-up-to-date = aktuální
cli-app-ask-admin = požádejte správce o roli Dodávka produktů – stahování
cli-app-not-allowed = vaše organizace jeho instalaci nepovoluje
cli-app-nothing-here = pro tento počítač se nic nenabízí
cli-install-progress = Stahování { $product } { $version }: { $percent } %
cli-install-verifying = Kontrola staženého souboru…
cli-install-installing = Instalace { $product } { $version }…
cli-consent-none-waiting = Žádný program nečeká na odpověď.
cli-consent-approving = Povoluje se: { $program }
cli-consent-confirm = Povolit programu { $program } používat vaše přihlášení? [a/N]
cli-consent-unknown-program = Pro { $program } není uloženo žádné rozhodnutí: uveďte jej cestou nebo SHA-256 tak, jak je ukazuje `latchkey apps list`.
cli-consent-name-one = Čeká několik programů: uveďte jeden jeho ID (latchkey apps approve ID).
cli-consent-mode = Režim souhlasu: { $mode }
cli-consent-by-organization = povoleno vaší organizací
cli-consent-allowed = povoleno
cli-consent-denied = zamítnuto
cli-consent-waiting = čeká
cli-install-done = { $product } { $version } je nainstalován.
cli-install-cancelled = Zrušeno. Spusťte stejný příkaz znovu a stahování bude pokračovat.
cli-prompt-email = E-mail
cli-prompt-password = Heslo
cli-prompt-password-or-empty = Heslo (nechte prázdné, pokud ještě žádné nemáte nebo jste ho zapomněli)
cli-prompt-new-password = Nové heslo
cli-prompt-code = Kód z e-mailu
cli-no-email = Nebyla zadána žádná e-mailová adresa.
cli-code-format = Kód tvoří 8 číslic z e-mailu.
cli-code-sent = Pokud je adresa registrovaná, posíláme na ni e-mailem kód.
cli-password-set = Heslo nastaveno.
cli-password-set-sign-in = Heslo je nastaveno: přihlaste se pomocí `latchkey sign-in`.
cli-accept-tos = Přijmout podmínky služby (verze { $version })? [a/N]
# The answers that mean yes to cli-accept-tos, comma-separated; "y" and "yes" are always accepted too.
cli-yes = a, ano
cli-tos-declined = Bez přijetí podmínek služby nelze Latchkey používat; byli jste odhlášeni.
cli-no-server = Není nastaven žádný server: nastavte ServerUrl (LATCHKEY_SERVER_URL nebo server_url v ~/.config/latchkey/settings.toml).
cli-agent-not-running = Latchkey na { $socket } neběží: otevřete aplikaci Latchkey, nebo spusťte `latchkey agent` (pro servery a relace SSH).
cli-foreign-agent = Agent Latchkey na { $socket } běží jako { $user }, ne jako vy: nic mu nebylo odesláno.
cli-not-signed-in = Nejste přihlášeni: spusťte `latchkey sign-in` nebo otevřete Latchkey.
cli-tos-required = Nejprve je třeba přijmout podmínky služby: spusťte `latchkey sign-in` nebo otevřete Latchkey.
cli-unexpected-answer = Odpověď agenta nebyla srozumitelná: { $detail }
cli-agent-io = Komunikace s agentem selhala: { $detail }
cli-agent-cannot-start = Agenta nelze spustit: { $detail }
cli-no-agent-program = Tento příkaz potřebuje latchkey-agent, který se instaluje vedle latchkey: { $detail }

## The Applications screen
button-applications = Aplikace
heading-applications = Aplikace
apps-loading = Načítání vašich aplikací…
apps-empty = Nemáte k dispozici žádné aplikace.
app-installed = Nainstalováno: { $version }
app-not-installed = Nenainstalováno
app-available = K dispozici: { $version }
app-up-to-date = Aktuální
app-nothing-here = Pro tento počítač se nic nenabízí.
app-ask-admin = Ke stahování aplikací potřebujete roli Dodávka produktů – stahování. Obraťte se na svého správce.
app-not-allowed = Vaše organizace instalaci této aplikace nepovoluje.
app-release-notes = Poznámky k vydání
button-install = Stáhnout a nainstalovat
button-update = Aktualizovat
button-cancel = Zrušit
install-downloading = Stahování… { $percent } %
install-verifying = Kontrola staženého souboru…
install-installing = Instalace…
install-done = Nainstalováno.
install-cancelled = Zrušeno. Pokračujte opětovným Stáhnout a nainstalovat.

## A program asking to use the sign-in, and the programs decided about (Settings)
heading-consent = Povolit tomuto programu používat vaše přihlášení?
heading-consent-none = Programy a vaše přihlášení
consent-label-path = Program
consent-label-sha256 = SHA-256
consent-label-pid = ID procesu
consent-name = Říká si „{ $name }“, ale jméno si může dát jakýkoli program: identifikuje ho cesta výše.
consent-explain = Pokud ho povolíte, bude dostávat přístupové tokeny a vaše oprávnění, dokud jste přihlášeni.
consent-remembered = Latchkey si pro tento program pamatuje „Vždy povolit“ a „Zamítnout“; obojí můžete odvolat v Nastavení.
consent-expires = Bez odpovědi do { $time } bude program odmítnut.
consent-more = { $count ->
    [one] Čeká ještě jeden program.
    [few] Čekají ještě { $count } programy.
    [many] Čeká ještě { $count } programu.
   *[other] Čeká ještě { $count } programů.
}
button-allow-once = Povolit jednou
button-always-allow = Vždy povolit
button-deny = Zamítnout
consent-none = Na vaši odpověď nečeká žádný program.
consent-expired = Platnost žádosti vypršela: program byl tentokrát odmítnut a může požádat znovu.
heading-consent-apps = Programy, které smějí používat vaše přihlášení
consent-apps-empty = Zatím jste žádný program nepovolili ani nezamítli.
consent-app-name = Říká si „{ $name }“
consent-decision-allowed = Povoleno { $date }
consent-decision-denied = Zamítnuto { $date }
button-revoke = Odvolat
consent-revoked = Odvoláno: Latchkey si už nepamatuje vaše rozhodnutí o tomto programu.
consent-mode-allow = Vaše organizace povoluje všem programům používat vaše přihlášení.
consent-mode-deny-unknown = Vaše přihlášení smějí používat jen programy, které uvádí vaše organizace.
consent-org-allowed = Povoleno vaší organizací:
