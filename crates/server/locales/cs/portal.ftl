# The User Management web portal (/admin), served by latchkey-server. Every locale has every key:
# crates/server/src/portal/i18n.rs tests it.

## Frame
portal-title = Správa uživatelů Latchkey
skip-to-content = Přejít na obsah
nav-label = Hlavní navigace
nav-users = Uživatelé
nav-add-user = Přidat uživatele
nav-bulk = Hromadná registrace
nav-domains = Domény
nav-requests = Žádosti o připojení
nav-organization = Organizace
signed-in-as = Přihlášený uživatel: { $email }
button-sign-out = Odhlásit se
language-label = Jazyk
button-change-language = Změnit

## Sign-in and Terms
heading-sign-in = Přihlášení do Správy uživatelů
sign-in-intro = Pro správce organizace. Použijte stejnou e-mailovou adresu a heslo jako v klientovi Latchkey.
label-email = E-mail
label-password = Heslo
button-sign-in = Přihlásit se
forgot-hint = Ještě nemáte heslo, nebo jste ho zapomněli? V klientovi Latchkey zvolte „Zapomněli jste heslo?“, nebo si ho nastavte zde.
link-forgot = Zapomněli jste heslo?
error-credentials = E-mailová adresa nebo heslo jsou nesprávné.
error-locked = Příliš mnoho neúspěšných pokusů. Zkuste to znovu za { $minutes } min.
error-rate-limited = Příliš mnoho pokusů. Zkuste to znovu za { $minutes } min.
error-proof-required = Příliš mnoho požadavků z této adresy nebo sítě. Zapněte v prohlížeči JavaScript (prokazuje, že nejste robot) a odešlete formulář znovu.
error-proof-invalid = Ověření, že nejste robot, selhalo nebo vypršelo. Odešlete formulář znovu.
error-not-admin = Tento portál je určen pro správce organizace. Váš účet nemá roli správce.
heading-terms = Podmínky služby
terms-intro = Chcete-li pokračovat, přijměte Podmínky služby.
button-accept = Přijmout
button-decline = Odmítnout
terms-declined = Bez přijetí Podmínek služby nemůžete Správu uživatelů používat.
terms-expired = Přihlášení trvalo příliš dlouho. Přihlaste se znovu.
signed-out = Byli jste odhlášeni.

## Forgot password
heading-forgot = Nastavení nebo obnovení hesla
forgot-intro = Zadejte svou e-mailovou adresu. Pokud je registrovaná, pošleme vám kód.
button-send-code = Odeslat kód
code-sent = Pokud je adresa { $email } registrovaná, poslali jsme na ni kód. Zadejte ho níže spolu s novým heslem.
label-code = Kód z e-mailu
label-new-password = Nové heslo
password-hint = Alespoň { $min } znaků. Delší přístupové fráze jsou silnější; povoleny jsou jakékoli znaky.
button-set-password = Nastavit heslo
password-set = Vaše heslo je nastaveno. Přihlaste se s ním.
error-code = Kód je nesprávný nebo vypršela jeho platnost. Vyžádejte si nový.
weak-password = Heslo je příliš slabé: { $reasons }
weak-too_short = kratší než { $min } znaků
weak-too_long = příliš dlouhé
weak-common = často používané heslo
weak-contains_email = obsahuje vaši e-mailovou adresu

## Users
heading-users = Uživatelé
search-label = Hledat podle adresy nebo jména
button-search = Hledat
column-email = E-mail
column-name = Jméno
column-country = Země
column-roles = Role
column-status = Stav
status-invited = Pozvánka odeslána
status-active = Aktivní
status-locked = Uzamčeno
no-users = Hledání neodpovídá žádný uživatel.
link-next-page = Další stránka
link-first-page = První stránka
users-count = { $count ->
    [one] { $count } uživatel na této stránce
    [few] { $count } uživatelé na této stránce
    [many] { $count } uživatele na této stránce
   *[other] { $count } uživatelů na této stránce
}
link-manage = Spravovat
column-actions = Akce
pages-label = Stránky

## Add a user
heading-add-user = Přidání uživatele
add-user-intro = Uživatel obdrží e-mail s pokyny, jak si nastavit heslo v klientovi Latchkey.
label-first-name = Jméno
label-last-name = Příjmení
label-country = Země
choose-country = Vyberte zemi
label-roles = Role
label-mail-language = Jazyk e-mailu
button-add-user = Přidat uživatele
user-added = Uživatel { $email } byl přidán a pozván.

## Roles
role-fulfillment_contact = Kontaktní osoba pro vyřizování objednávek
role-account_admin = Správce účtu
role-co_admin = Spolusprávce
role-product_delivery_download = Dodávka produktů – stahování
role-not-grantable = (vyšší než vaše vlastní role)

## One user
heading-user = { $name }
label-status = Stav
label-member-since = Členem od
button-save-roles = Uložit role
roles-saved = Role uživatele { $email } byly uloženy.
heading-remove = Odebrání z organizace
remove-intro = Uživatel { $email } okamžitě ztratí přístup k produktům organizace a bude všude odhlášen. Samotný účet zůstane zachován.
button-remove = Odebrat uživatele { $email }
confirm-remove = Odebrat uživatele { $email } z organizace?
user-removed = Uživatel { $email } byl odebrán z organizace.

## Bulk register
heading-bulk = Hromadná registrace uživatelů
bulk-intro = Nahrajte soubor CSV se sloupci email, first_name, last_name, country a volitelně roles (oddělené znakem ;) a language. Nejprve uvidíte kontrolu každého řádku; nic se neuloží, dokud import nespustíte.
link-template = Stáhnout šablonu (CSV)
label-file = Soubor CSV (nejvýše 10 MiB, 100 000 řádků)
button-check = Zkontrolovat soubor
heading-report = Kontrola souboru { $file }
report-ready = { $count ->
    [one] Lze přidat { $count } uživatele.
    [few] Lze přidat { $count } uživatele.
    [many] Lze přidat { $count } uživatele.
   *[other] Lze přidat { $count } uživatelů.
}
report-already = { $count ->
    [one] { $count } adresa už je členem a zůstane beze změny.
    [few] { $count } adresy už jsou členy a zůstanou beze změny.
    [many] { $count } adresy už je členy a zůstane beze změny.
   *[other] { $count } adres už je členy a zůstane beze změny.
}
report-failed = { $count ->
    [0] Žádný řádek neobsahuje chybu.
    [one] { $count } řádek obsahuje chybu a nebude importován:
    [few] { $count } řádky obsahují chyby a nebudou importovány:
    [many] { $count } řádku obsahuje chyby a nebude importováno:
   *[other] { $count } řádků obsahuje chyby a nebude importováno:
}
column-line = Řádek
column-problem = Problém
link-error-report = Stáhnout řádky s chybami (CSV)
link-upload-another = Nahrát jiný soubor
button-import = Importovat { $count ->
    [one] { $count } uživatele
    [few] { $count } uživatele
    [many] { $count } uživatele
   *[other] { $count } uživatelů
}
report-fix-hint = Opravte chybné řádky v souboru a nahrajte jej znovu, nebo nyní importujte platné řádky.
heading-imported = Import dokončen
imported = { $count ->
    [one] { $count } uživatel byl přidán a pozván.
    [few] { $count } uživatelé byli přidáni a pozváni.
    [many] { $count } uživatele bylo přidáno a pozváno.
   *[other] { $count } uživatelů bylo přidáno a pozváno.
}
upload-expired = Tento nahraný soubor už není k dispozici. Nahrajte soubor znovu.
error-file-missing = Vyberte soubor CSV k nahrání.
problem-invalid_email = E-mailová adresa není platná.
problem-invalid_country = Země není kód ISO 3166, například DE nebo US.
problem-unknown_role = Některá role je neznámá.
problem-duplicate_row = Adresa se v souboru vyskytuje už dříve.
problem-missing_field = Povinné pole je prázdné.
problem-field_too_long = Pole je příliš dlouhé.
problem-invalid_characters = Pole obsahuje nepovolené znaky, například zalomení řádku.
problem-member_of_other_org = Adresa patří jiné organizaci.
problem-role_not_grantable = Některá role je vyšší než vaše vlastní.
problem-invalid_language = Jazyk není žádný z en, es, fr, tr, nl, it, de, pl, cs.

## Domains
heading-domains = Domény
domains-intro = Při zapnutém automatickém schvalování se každý, kdo se zaregistruje s adresou v této doméně, připojí k organizaci bez čekání na správce.
column-domain = Doména
column-verified = Ověřeno
column-auto-approval = Automatické schvalování
yes = Ano
no = Ne
button-turn-on = Zapnout automatické schvalování
button-turn-off = Vypnout automatické schvalování
no-domains = Organizace zatím nemá žádné domény.
heading-add-domain = Ověření vaší domény
add-domain-intro = Můžete ověřit doménu své vlastní adresy: { $domain }.
label-auto-approve = Rovnou zapnout automatické schvalování
button-verify-domain = Ověřit { $domain }
domain-saved = Doména { $domain } byla uložena.

## Join requests
heading-requests = Žádosti o připojení
requests-intro = Lidé, kteří se zaregistrovali s adresou v ověřené doméně organizace v době, kdy bylo automatické schvalování vypnuté.
column-requested = Datum žádosti
button-approve = Schválit
button-reject = Zamítnout
no-requests = Nikdo nečeká.
request-approved = Uživatel { $email } se připojil k organizaci.
request-rejected = Žádost uživatele { $email } byla zamítnuta.

## Organization
heading-organization = Organizace
label-org-name = Název
label-org-id = Identifikátor
label-fulfillment-contact = Kontaktní osoba pro vyřizování objednávek
label-offline-grace = Používání offline
offline-grace-days = { $days ->
    [one] { $days } den bez připojení
    [few] { $days } dny bez připojení
    [many] { $days } dne bez připojení
   *[other] { $days } dní bez připojení
}
heading-subscriptions = Předplatná
column-product = Produkt
column-expires = Platnost do
never-expires = Bez omezení platnosti
no-subscriptions = Organizace nemá žádná předplatná.

## Errors
heading-error = Něco se pokazilo
error-forbidden = K této akci nemáte oprávnění. Mohou ji provést pouze správci této organizace.
error-not-found = Tato stránka neexistuje, nebo uživatel není členem vaší organizace.
error-csrf = Platnost formuláře vypršela. Obnovte stránku a zkuste to znovu.
error-too-large = Soubor je větší než 10 MiB.
error-too-many-rows = Soubor má více než 100 000 řádků.
error-invalid-csv = Soubor nelze načíst jako CSV: { $detail }
error-last-administrator = V organizaci musí zůstat kontaktní osoba pro vyřizování objednávek a správce.
error-validation = Zkontrolujte zvýrazněná pole.
error-field-email = Zadejte platnou e-mailovou adresu.
error-field-name = Zadejte jméno (nejvýše 100 znaků, bez zalomení řádků).
error-field-country = Vyberte zemi.
error-already-member = Tato adresa už je členem organizace.
error-other-org = Tato adresa patří jiné organizaci.
error-public-domain = Veřejná e-mailová doména nemůže patřit organizaci.
error-domain-taken = Tuto doménu už má jiná organizace.
error-domain-not-verified = Zde lze ověřit pouze doménu vaší vlastní adresy.
error-bad-request = Požadavek není platný: { $detail }
error-generic = Server tuto akci nemohl provést. Zkuste to později znovu. (Referenční kód: { $code })
link-back-to-users = Zpět na uživatele

## Software: the policy page and the public download page
nav-software = Software
heading-software = Software
software-intro = Zvolte, které z vašich produktů smějí členové s rolí Dodávka produktů – stahování instalovat z Latchkey, a v jaké verzi.
label-update-channel = Aktualizace Latchkey
update-channel-auto = Automaticky
update-channel-notify = Upozornit uživatele
update-channel-off = Vypnuto (aktualizace nasazuje IT)
update-channel-hint = Počítač s přísnější zásadou Updates si ponechá vlastní nastavení.
column-members-may-install = Členové smějí instalovat
column-version = Verze
version-latest = Nejnovější
button-save = Uložit
software-saved = Zásady softwaru jsou uloženy.
heading-download = Stáhnout Latchkey
download-intro = Latchkey vás přihlašuje k aplikacím vaší organizace. Nainstalujte jej do počítače a pak zvolte Zapomenuté heslo? a nastavte si heslo.
no-downloads = Zatím nebyl zveřejněn žádný instalační program.
download-link = { $platform }: Latchkey { $version }
download-size = ({ $megabytes } MB)
download-admin-link = Správci: přihlaste se ke správě uživatelů
platform-windows-x64 = Windows (64bitový)
platform-windows-x86 = Windows (32bitový)
platform-linux-deb = Linux (Debian, Ubuntu)
platform-linux-rpm = Linux (Fedora, RHEL, SUSE)
platform-macos = macOS
download-page-link = Instalační programy Latchkey pro vaše uživatele: veřejná stránka ke stažení
