# The User Management web portal (/admin), served by latchkey-server. Every locale has every key:
# crates/server/src/portal/i18n.rs tests it.

## Frame
portal-title = Zarządzanie użytkownikami Latchkey
skip-to-content = Przejdź do treści
nav-label = Menu główne
nav-users = Użytkownicy
nav-add-user = Dodaj użytkownika
nav-bulk = Rejestracja zbiorcza
nav-domains = Domeny
nav-requests = Prośby o dołączenie
nav-organization = Organizacja
signed-in-as = Zalogowano jako { $email }
button-sign-out = Wyloguj się
language-label = Język
button-change-language = Zmień

## Sign-in and Terms
heading-sign-in = Logowanie do Zarządzania użytkownikami
sign-in-intro = Dla administratorów organizacji. Należy użyć tego samego adresu e-mail i hasła co w kliencie Latchkey.
label-email = E-mail
label-password = Hasło
button-sign-in = Zaloguj się
forgot-hint = Brak hasła lub zapomniane hasło? Proszę wybrać „Zapomniane hasło?” w kliencie Latchkey albo ustawić hasło tutaj.
link-forgot = Zapomniane hasło?
error-credentials = Adres e-mail lub hasło jest nieprawidłowe.
error-locked = Zbyt wiele nieudanych prób. Proszę spróbować ponownie za { $minutes } min.
error-rate-limited = Zbyt wiele prób. Proszę spróbować ponownie za { $minutes } min.
error-proof-required = Zbyt wiele żądań z tego adresu lub sieci. Proszę włączyć JavaScript w przeglądarce (potwierdza, że to nie bot) i wysłać formularz ponownie.
error-proof-invalid = Sprawdzenie, że to nie bot, nie powiodło się lub wygasło. Proszę wysłać formularz ponownie.
error-not-admin = Ten portal jest przeznaczony dla administratorów organizacji. To konto nie ma roli administratora.
heading-terms = Warunki korzystania z usługi
terms-intro = Aby kontynuować, należy zaakceptować Warunki korzystania z usługi.
button-accept = Akceptuję
button-decline = Odrzucam
terms-declined = Bez zaakceptowania Warunków korzystania z usługi nie można korzystać z Zarządzania użytkownikami.
terms-expired = Logowanie trwało zbyt długo. Proszę zalogować się ponownie.
signed-out = Wylogowano.

## Forgot password
heading-forgot = Ustawianie lub resetowanie hasła
forgot-intro = Proszę podać adres e-mail. Jeśli jest zarejestrowany, wyślemy na niego kod.
button-send-code = Wyślij kod
code-sent = Jeśli adres { $email } jest zarejestrowany, wysłaliśmy na niego kod. Proszę wpisać go poniżej wraz z nowym hasłem.
label-code = Kod z wiadomości e-mail
label-new-password = Nowe hasło
password-hint = Minimalna liczba znaków: { $min }. Dłuższe frazy hasła są silniejsze; dozwolone są dowolne znaki.
button-set-password = Ustaw hasło
password-set = Hasło zostało ustawione. Można się nim teraz zalogować.
error-code = Kod jest nieprawidłowy lub wygasł. Proszę poprosić o nowy.
weak-password = Hasło jest zbyt słabe: { $reasons }
weak-too_short = za krótkie (minimalna liczba znaków: { $min })
weak-too_long = za długie
weak-common = często używane hasło
weak-contains_email = zawiera adres e-mail

## Users
heading-users = Użytkownicy
search-label = Wyszukaj według adresu lub imienia i nazwiska
button-search = Szukaj
column-email = E-mail
column-name = Imię i nazwisko
column-country = Kraj
column-roles = Role
column-status = Status
status-invited = Zaproszony
status-active = Aktywny
status-locked = Zablokowany
no-users = Brak pasujących użytkowników.
link-next-page = Następna strona
link-first-page = Pierwsza strona
users-count = { $count ->
    [one] { $count } użytkownik na tej stronie
    [few] { $count } użytkownicy na tej stronie
    [many] { $count } użytkowników na tej stronie
   *[other] { $count } użytkownika na tej stronie
}
link-manage = Zarządzaj
column-actions = Działania
pages-label = Strony

## Add a user
heading-add-user = Dodawanie użytkownika
add-user-intro = Użytkownik otrzyma wiadomość e-mail z informacją, jak ustawić hasło w kliencie Latchkey.
label-first-name = Imię
label-last-name = Nazwisko
label-country = Kraj
choose-country = Proszę wybrać kraj
label-roles = Role
label-mail-language = Język wiadomości e-mail
button-add-user = Dodaj użytkownika
user-added = Użytkownik { $email } został dodany i zaproszony.

## Roles
role-fulfillment_contact = Osoba kontaktowa ds. realizacji zamówień
role-account_admin = Administrator konta
role-co_admin = Współadministrator
role-product_delivery_download = Dostarczanie produktów – pobieranie
role-not-grantable = (wyższa niż własna rola)

## One user
heading-user = { $name }
label-status = Status
label-member-since = Członek od
button-save-roles = Zapisz role
roles-saved = Role użytkownika { $email } zostały zapisane.
heading-remove = Usuwanie z organizacji
remove-intro = Użytkownik { $email } natychmiast utraci dostęp do produktów organizacji i zostanie wszędzie wylogowany. Samo konto pozostanie.
button-remove = Usuń użytkownika { $email }
confirm-remove = Usunąć użytkownika { $email } z organizacji?
user-removed = Użytkownik { $email } został usunięty z organizacji.

## Bulk register
heading-bulk = Zbiorcza rejestracja użytkowników
bulk-intro = Proszę przesłać plik CSV z kolumnami email, first_name, last_name, country oraz opcjonalnie roles (rozdzielone znakiem ;) i language. Najpierw zostanie wyświetlony wynik sprawdzenia każdego wiersza; nic nie zostanie zapisane przed importem.
link-template = Pobierz szablon (CSV)
label-file = Plik CSV (maks. 10 MiB, 100 000 wierszy)
button-check = Sprawdź plik
heading-report = Sprawdzenie pliku { $file }
report-ready = { $count ->
    [one] Można dodać { $count } użytkownika.
    [few] Można dodać { $count } użytkowników.
    [many] Można dodać { $count } użytkowników.
   *[other] Można dodać { $count } użytkownika.
}
report-already = { $count ->
    [one] { $count } adres należy już do organizacji i pozostaje bez zmian.
    [few] { $count } adresy należą już do organizacji i pozostają bez zmian.
    [many] { $count } adresów należy już do organizacji i pozostaje bez zmian.
   *[other] { $count } adresu należy już do organizacji i pozostaje bez zmian.
}
report-failed = { $count ->
    [0] Żaden wiersz nie zawiera błędów.
    [one] { $count } wiersz zawiera błąd i nie zostanie zaimportowany:
    [few] { $count } wiersze zawierają błędy i nie zostaną zaimportowane:
    [many] { $count } wierszy zawiera błędy i nie zostanie zaimportowanych:
   *[other] { $count } wiersza zawiera błędy i nie zostanie zaimportowane:
}
column-line = Wiersz
column-problem = Problem
link-error-report = Pobierz wiersze z błędami (CSV)
link-upload-another = Prześlij inny plik
button-import = Importuj { $count ->
    [one] { $count } użytkownika
    [few] { $count } użytkowników
    [many] { $count } użytkowników
   *[other] { $count } użytkownika
}
report-fix-hint = Proszę poprawić błędne wiersze w pliku i przesłać go ponownie albo zaimportować teraz poprawne wiersze.
heading-imported = Import zakończony
imported = { $count ->
    [one] Dodano i zaproszono { $count } użytkownika.
    [few] Dodano i zaproszono { $count } użytkowników.
    [many] Dodano i zaproszono { $count } użytkowników.
   *[other] Dodano i zaproszono { $count } użytkownika.
}
upload-expired = Przesłany plik nie jest już dostępny. Proszę przesłać plik ponownie.
error-file-missing = Proszę wybrać plik CSV do przesłania.
problem-invalid_email = Adres e-mail jest nieprawidłowy.
problem-invalid_country = Kraj nie jest kodem ISO 3166, takim jak DE lub US.
problem-unknown_role = Nieznana rola.
problem-duplicate_row = Adres występuje wcześniej w pliku.
problem-missing_field = Wymagane pole jest puste.
problem-field_too_long = Pole jest za długie.
problem-invalid_characters = Pole zawiera niedozwolone znaki, np. podział wiersza.
problem-member_of_other_org = Adres należy do innej organizacji.
problem-role_not_grantable = Jedna z ról jest wyższa niż własna rola.
problem-invalid_language = Język nie jest jednym z: en, es, fr, tr, nl, it, de, pl, cs.

## Domains
heading-domains = Domeny
domains-intro = Gdy automatyczne zatwierdzanie jest włączone, każda osoba, która zarejestruje się z adresem w tej domenie, dołącza do organizacji bez czekania na administratora.
column-domain = Domena
column-verified = Zweryfikowana
column-auto-approval = Automatyczne zatwierdzanie
yes = Tak
no = Nie
button-turn-on = Włącz automatyczne zatwierdzanie
button-turn-off = Wyłącz automatyczne zatwierdzanie
no-domains = Organizacja nie ma jeszcze domen.
heading-add-domain = Weryfikacja domeny
add-domain-intro = Można zweryfikować domenę własnego adresu: { $domain }.
label-auto-approve = Od razu włącz automatyczne zatwierdzanie
button-verify-domain = Zweryfikuj { $domain }
domain-saved = Domena { $domain } została zapisana.

## Join requests
heading-requests = Prośby o dołączenie
requests-intro = Osoby, które zarejestrowały się z adresem w zweryfikowanej domenie organizacji, gdy automatyczne zatwierdzanie było wyłączone.
column-requested = Data prośby
button-approve = Zatwierdź
button-reject = Odrzuć
no-requests = Nikt nie oczekuje.
request-approved = Użytkownik { $email } dołączył do organizacji.
request-rejected = Prośba użytkownika { $email } została odrzucona.

## Organization
heading-organization = Organizacja
label-org-name = Nazwa
label-org-id = Identyfikator
label-fulfillment-contact = Osoba kontaktowa ds. realizacji zamówień
label-offline-grace = Korzystanie offline
offline-grace-days = { $days ->
    [one] { $days } dzień bez połączenia
    [few] { $days } dni bez połączenia
    [many] { $days } dni bez połączenia
   *[other] { $days } dnia bez połączenia
}
heading-subscriptions = Subskrypcje
column-product = Produkt
column-expires = Wygasa
never-expires = Nie wygasa
no-subscriptions = Organizacja nie ma subskrypcji.

## Errors
heading-error = Coś poszło nie tak
error-forbidden = Brak uprawnień do tej operacji. Mogą ją wykonać tylko administratorzy tej organizacji.
error-not-found = Ta strona nie istnieje lub użytkownik nie jest członkiem tej organizacji.
error-csrf = Formularz wygasł. Proszę odświeżyć stronę i spróbować ponownie.
error-too-large = Plik jest większy niż 10 MiB.
error-too-many-rows = Plik ma więcej niż 100 000 wierszy.
error-invalid-csv = Nie można odczytać pliku jako CSV: { $detail }
error-last-administrator = W organizacji musi pozostać osoba kontaktowa ds. realizacji zamówień i administrator.
error-validation = Proszę sprawdzić wyróżnione pola.
error-field-email = Proszę podać prawidłowy adres e-mail.
error-field-name = Proszę wpisać imię lub nazwisko (maks. 100 znaków, bez podziałów wiersza).
error-field-country = Proszę wybrać kraj.
error-already-member = Ten adres należy już do organizacji.
error-other-org = Ten adres należy do innej organizacji.
error-public-domain = Publiczna domena poczty e-mail nie może należeć do organizacji.
error-domain-taken = Ta domena należy już do innej organizacji.
error-domain-not-verified = Tutaj można zweryfikować tylko domenę własnego adresu.
error-bad-request = Żądanie jest nieprawidłowe: { $detail }
error-generic = Serwer nie mógł wykonać tej operacji. Proszę spróbować ponownie później. (Numer referencyjny: { $code })
link-back-to-users = Powrót do listy użytkowników

## Software: the policy page and the public download page
nav-software = Oprogramowanie
heading-software = Oprogramowanie
software-intro = Wybierz, które produkty członkowie z rolą Dostarczanie produktów – pobieranie mogą instalować z Latchkey i w jakiej wersji.
label-update-channel = Aktualizacje Latchkey
update-channel-auto = Automatycznie
update-channel-notify = Powiadom użytkownika
update-channel-off = Wyłączone (aktualizacje wdraża dział IT)
update-channel-hint = Komputer z bardziej restrykcyjną zasadą Updates zachowuje własne ustawienie.
column-members-may-install = Członkowie mogą instalować
column-version = Wersja
version-latest = Najnowsza
button-save = Zapisz
software-saved = Zasady oprogramowania zostały zapisane.
heading-download = Pobierz Latchkey
download-intro = Latchkey loguje Cię do aplikacji Twojej organizacji. Zainstaluj go na komputerze, a potem wybierz Nie pamiętasz hasła?, aby ustawić hasło.
no-downloads = Nie opublikowano jeszcze żadnego instalatora.
download-link = { $platform }: Latchkey { $version }
download-size = ({ $megabytes } MB)
download-admin-link = Administratorzy: zaloguj się do zarządzania użytkownikami
platform-windows-x64 = Windows (64-bitowy)
platform-windows-x86 = Windows (32-bitowy)
platform-linux-deb = Linux (Debian, Ubuntu)
platform-linux-rpm = Linux (Fedora, RHEL, SUSE)
platform-macos = macOS
download-page-link = Instalatory Latchkey dla Twoich użytkowników: publiczna strona pobierania
