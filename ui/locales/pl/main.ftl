# Latchkey – Polski

## Screens
heading-sign-in = Logowanie
heading-session-ended = Sesja wygasła: zaloguj się ponownie
heading-forgot = Nie pamiętam hasła
heading-terms = Warunki korzystania
heading-signed-in = Zalogowano
heading-offline = Praca offline do { $until }
label-email = E-mail
label-password = Hasło
label-show-password = Pokaż hasło
button-sign-in = Zaloguj się
link-forgot = Nie pamiętasz hasła?
forgot-intro = Podaj swój adres e-mail. Jeśli jest zarejestrowany, wyślemy na niego kod.
button-send-code = Wyślij kod
link-back = Wróć do logowania
code-sent = Jeśli adres jest zarejestrowany, wysłaliśmy na niego kod.
label-code = Kod z wiadomości e-mail
label-new-password = Nowe hasło
policy-hint = Co najmniej { $min } znaków. Dłuższe frazy są silniejsze; dozwolone są wszystkie znaki.
button-set-password = Ustaw hasło
link-resend = Wyślij kod ponownie
terms-read-to-end = Przeczytaj do końca, aby zaakceptować.
button-accept = Akceptuję
button-decline = Odrzucam
terms-declined = Bez akceptacji warunków korzystania nie można używać Latchkey. Wylogowano Cię.
org = Organizacja: { $name }
no-org = Brak organizacji
heading-roles = Role
heading-entitlements = Uprawnienia
heading-register = Rejestracja
link-register = Zarejestruj się
register-intro = Zarejestruj się służbowym adresem e-mail. Wyślemy Ci kod do ustawienia hasła.
label-first-name = Imię
label-last-name = Nazwisko
label-country = Kraj
button-register = Zarejestruj się
country-choose = Wybierz kraj
button-sign-out = Wyloguj się

## Settings and about
nav-settings = Ustawienia
nav-about = Informacje
heading-settings = Ustawienia
heading-about = O programie Latchkey
setting-ServerUrl = Serwer
setting-AutoStart = Uruchamiaj po zalogowaniu
setting-AllowSignOut = Wylogowanie dozwolone
setting-Proxy = Serwer proxy
setting-ExtraCaFile = Dodatkowe urzędy certyfikacji
setting-Language = Język
setting-Updates = Aktualizacje
setting-ConsentMode = Zgoda dla programów
setting-AllowedApps = Dozwolone programy
set-by-organization = ustawione przez Twoją organizację
value-unset = nie ustawiono
value-yes = tak
value-no = nie
about-version = Wersja { $version }
about-server = Serwer: { $server }
button-export-diagnostics = Eksportuj diagnostykę
diagnostics-saved = Zapisano diagnostykę w { $path }. Nie zawiera haseł, kodów ani tokenów.
link-back-generic = Wstecz
link-trust-center = Centrum zaufania

## Error details
not-accepted-because = Odrzucono, ponieważ { $reasons }.
reason-too_short = jest za krótkie
reason-too_long = jest za długie
reason-common = jest często używanym hasłem
reason-contains_email = zawiera Twój adres e-mail
reasons-and = { $first } i { $second }
tries-left = Pozostało prób: { $count }.
retry-in = Spróbuj ponownie za { $seconds } s.
error-unknown = Coś poszło nie tak ({ $code }).

## Error codes of the backend and the local API
error-invalid_request = Żądanie jest nieprawidłowe.
error-invalid_email = Podaj prawidłowy adres e-mail.
error-payload_too_large = Za dużo danych do wysłania.
error-too_many_rows = Plik ma zbyt wiele wierszy.
error-rate_limited = Zbyt wiele żądań. Odczekaj chwilę i spróbuj ponownie.
error-proof_required = Zbyt wiele żądań z tego adresu lub sieci. Spróbuj ponownie.
error-proof_invalid = Sprawdzenie, że to nie bot, nie powiodło się lub wygasło. Spróbuj ponownie.
error-invalid_code = Ten kod jest nieprawidłowy.
error-code_expired = Ten kod wygasł. Poproś o nowy.
error-weak_password = Wybierz silniejsze hasło.
error-invalid_credentials = Nieprawidłowy e-mail lub hasło.
error-account_locked = Zbyt wiele nieudanych logowań. Spróbuj ponownie później.
error-no_tos = Nie opublikowano jeszcze warunków korzystania.
error-invalid_ticket = Prośba o akceptację wygasła. Zaloguj się ponownie.
error-tos_version_mismatch = Warunki korzystania zmieniły się w międzyczasie. Przeczytaj nową wersję.
error-invalid_grant = Sesja wygasła. Zaloguj się ponownie.
error-unsupported_audience = Serwer nie wydaje tokenów dla tej aplikacji.
error-unauthorized = Nie zalogowano.
error-forbidden = Nie masz uprawnień do tej operacji.
error-not_found = Nie znaleziono.
error-already_member = Ta osoba jest już członkiem.
error-member_of_other_org = Ta osoba należy do innej organizacji.
error-invalid_csv = Plik nie jest prawidłowym plikiem CSV.
error-unknown_role = Taka rola nie istnieje.
error-role_not_grantable = Nie możesz nadać tej roli.
error-last_administrator = Organizacja musi zachować administratora.
error-domain_not_verified = Ta domena nie jest zweryfikowana.
error-public_domain = Publiczni dostawcy poczty nie mogą być domeną organizacji.
error-domain_taken = Ta domena należy do innej organizacji.
error-download_not_permitted = Pobranie wymaga roli Dostarczanie produktów – pobieranie i zgody Twojej organizacji. Zapytaj administratora.
error-internal = Na serwerze coś poszło nie tak.
error-not_signed_in = Nie zalogowano.
error-tos_required = Najpierw zaakceptuj warunki korzystania.
error-backend_unreachable = Serwer Latchkey jest nieosiągalny. Sprawdź połączenie.
error-timeout = Przekroczono limit czasu.
error-no_interactive_session = Brak okna do zalogowania.
error-not_pending = Prośba o akceptację wygasła. Zaloguj się ponownie.
error-sign_out_disabled = Twoja organizacja nie pozwala na wylogowanie.
error-forbidden_peer = Odrzucono program innego użytkownika.
error-forbidden_origin = Żądania ze stron internetowych są odrzucane.
error-backend_refused = Serwer Latchkey odrzucił żądanie.
error-no_server = Nie skonfigurowano serwera Latchkey.
error-method_not_allowed = Ta czynność nie jest tutaj dostępna.
error-shutting_down = Latchkey uruchamia się ponownie. Spróbuj za chwilę.
error-no_release = Dla tego komputera nie ma żadnej wersji tego produktu.
error-integrity_failed = Pobrany plik nie zgadza się z podpisanym opisem, więc nie został zainstalowany. Spróbuj ponownie; jeśli to się powtórzy, powiadom administratora.
error-install_failed = Instalacja nie powiodła się. Nic nie zostało zainstalowane w połowie.
error-app_not_allowed = Ten program nie może korzystać z Twojego logowania w Latchkey. Udziel mu zgody w Latchkey lub zapytaj administratora.

## Tray menu and tooltips
tray-not-signed-in = Nie zalogowano
tray-open = Otwórz Latchkey
tray-sign-in = Zaloguj się
tray-sign-out = Wyloguj się
tray-quit = Zakończ
tooltip-signed-in = Latchkey — zalogowano jako { $email }
tooltip-signed-out = Latchkey — wylogowano
tooltip-offline = Latchkey — offline do { $until }
tooltip-terms = Latchkey — nowe warunki korzystania do akceptacji
tooltip-expired = Latchkey — sesja wygasła, zaloguj się ponownie

## First run, settings, password strength, tray, notifications
heading-first-run = Witamy w Latchkey
first-run-intro = Wpisz adres serwera Latchkey swojej organizacji. Dział IT może go podać.
label-server-url = Adres serwera
button-continue = Dalej
language-automatic = Jak w systemie
label-start-at-login = Uruchamiaj Latchkey po zalogowaniu do tego komputera
autostart-machine = Administrator ustawił uruchamianie Latchkey po zalogowaniu dla wszystkich użytkowników tego komputera.
setting-saved = Zapisano.
strength-label = Siła hasła
strength-0 = Za krótkie
strength-1 = Słabe
strength-2 = Średnie
strength-3 = Dobre
strength-4 = Silne
policy-rule-length = Od { $min } do { $max } znaków
policy-rule-common = Nie jest popularnym hasłem
policy-rule-email = Nie zawiera Twojego adresu e-mail
tray-start-at-login = Uruchamiaj po zalogowaniu
tray-language = Język
tray-about = O Latchkey
notify-signed-in = Zalogowano do Latchkey
notify-signed-in-body = Zalogowano jako { $email }.
notify-expired = Sesja Latchkey wygasła
notify-expired-body = Zaloguj się ponownie, aby dalej korzystać z aplikacji.
notify-terms = Nowe Warunki korzystania z usługi
notify-terms-body = Otwórz Latchkey, aby przeczytać i zaakceptować nowe Warunki korzystania z usługi.
notify-offline = Latchkey działa offline
notify-offline-body = Nie można połączyć się z serwerem. Aplikacje działają do { $until }.
notify-update = Dostępna aktualizacja Latchkey
notify-update-body = Latchkey { $version } jest dostępny: otwórz Aplikacje w Latchkey, aby go zainstalować.
notify-updating = Aktualizowanie Latchkey
notify-updating-body = Trwa instalacja Latchkey { $version }.
error-setting_enforced = To ustawienie określa Twoja organizacja, więc nie można go tu zmienić.
error-invalid_setting = Ta wartość jest nieprawidłowa.
error-setting_unwritable = Nie udało się zapisać ustawienia.
webview-missing-title = Latchkey nie może otworzyć swojego okna
webview-missing = Nie zainstalowano środowiska Microsoft Edge WebView2 Runtime, którego potrzebuje okno Latchkey. Logowanie z innych aplikacji i polecenie latchkey nadal działają. Poproś dział IT o zainstalowanie WebView2 Runtime albo pobierz je ze strony https://go.microsoft.com/fwlink/p/?LinkId=2124703

## The signed-in screen, for people
role-fulfillment_contact = Osoba kontaktowa ds. realizacji zamówień
role-account_admin = Administrator konta
role-co_admin = Współadministrator
role-product_delivery_download = Dostarczanie produktów – pobieranie
feature-download = Pobieranie
badge-offline = Offline
entitlement-offline-days = { $days ->
    [one] Można używać offline jeszcze przez jeden dzień
    [few] Można używać offline jeszcze przez { $days } dni
    [many] Można używać offline jeszcze przez { $days } dni
   *[other] Można używać offline jeszcze przez { $days } dnia
}
entitlement-offline-hours = { $hours ->
    [one] Można używać offline jeszcze przez godzinę
    [few] Można używać offline jeszcze przez { $hours } godziny
    [many] Można używać offline jeszcze przez { $hours } godzin
   *[other] Można używać offline jeszcze przez { $hours } godziny
}
entitlement-ends = Subskrypcja kończy się { $date }
entitlements-empty = Nie masz jeszcze przypisanych produktów. Zwróć się do administratora.
entitlements-loading = Wczytywanie produktów…

## The command line (`latchkey`): answers, the terminal dialogue and its prompts (the program adds ": ")
cli-signed-in = Zalogowano jako { $who }
cli-signed-in-offline = Zalogowano jako { $who }, praca offline do { $until }
cli-tos-pending = Trzeba zaakceptować warunki korzystania: uruchom `latchkey sign-in`
cli-session-ended = Sesja wygasła: uruchom `latchkey sign-in`
cli-signing-in = Logowanie…
cli-signed-out = Wylogowano
cli-sign-out-done = Wylogowano.
cli-setting-unset = (nie ustawiono)
cli-entitled = { $product }: masz uprawnienie ({ $features })
cli-not-entitled = { $product }: brak uprawnienia ({ $reason })
cli-entitlement-until = do { $date }
cli-entitlement-no-end = bez daty końcowej
cli-entitlements-summary = { $count ->
    [one] (jedno uprawnienie, { $source }, można używać offline do { $until })
    [few] ({ $count } uprawnienia, { $source }, można używać offline do { $until })
    [many] ({ $count } uprawnień, { $source }, można używać offline do { $until })
   *[other] ({ $count } uprawnienia, { $source }, można używać offline do { $until })
}
cli-window-open = Okno Latchkey jest otwarte: zaloguj się w nim.
cli-app-installed = zainstalowano { $version }
cli-app-not-installed = nie zainstalowano
cli-app-available = dostępna { $version }
cli-app-up-to-date = aktualne
cli-app-ask-admin = poproś administratora o rolę Dostarczanie produktów – pobieranie
cli-app-not-allowed = Twoja organizacja nie pozwala go instalować
cli-app-nothing-here = nic nie jest oferowane dla tego komputera
cli-install-progress = Pobieranie { $product } { $version }: { $percent }%
cli-install-verifying = Sprawdzanie pobranego pliku…
cli-install-installing = Instalowanie { $product } { $version }…
cli-consent-none-waiting = Żaden program nie czeka na odpowiedź.
cli-consent-approving = Zezwalanie: { $program }
cli-consent-confirm = Zezwolić programowi { $program } na użycie Twojego logowania? [t/N]
cli-consent-unknown-program = Brak zapamiętanej decyzji dla { $program }: wskaż go ścieżką lub SHA-256 tak, jak pokazuje je `latchkey apps list`.
cli-consent-name-one = Czeka kilka programów: wskaż jeden jego identyfikatorem (latchkey apps approve ID).
cli-consent-mode = Tryb zgody: { $mode }
cli-consent-by-organization = dozwolony przez Twoją organizację
cli-consent-allowed = dozwolony
cli-consent-denied = odrzucony
cli-consent-waiting = czeka
cli-install-done = { $product } { $version } jest zainstalowany.
cli-install-cancelled = Anulowano. Uruchom to samo polecenie ponownie, aby wznowić pobieranie.
cli-prompt-email = E-mail
cli-prompt-password = Hasło
cli-prompt-password-or-empty = Hasło (zostaw puste, jeśli jeszcze go nie masz lub go nie pamiętasz)
cli-prompt-new-password = Nowe hasło
cli-prompt-code = Kod z wiadomości e-mail
cli-no-email = Nie podano adresu e-mail.
cli-code-format = Kod to 8 cyfr z wiadomości e-mail.
cli-code-sent = Jeśli adres jest zarejestrowany, wysłaliśmy na niego kod e-mailem.
cli-password-set = Ustawiono hasło.
cli-password-set-sign-in = Hasło zostało ustawione: zaloguj się poleceniem `latchkey sign-in`.
cli-accept-tos = Zaakceptować warunki korzystania (wersja { $version })? [t/N]
# The answers that mean yes to cli-accept-tos, comma-separated; "y" and "yes" are always accepted too.
cli-yes = t, tak
cli-tos-declined = Bez akceptacji warunków korzystania nie można używać Latchkey; wylogowano Cię.
cli-no-server = Nie skonfigurowano serwera: ustaw ServerUrl (LATCHKEY_SERVER_URL lub server_url w ~/.config/latchkey/settings.toml).
cli-agent-not-running = Latchkey nie działa na { $socket }: otwórz aplikację Latchkey lub uruchom `latchkey agent` (dla serwerów i sesji SSH).
cli-foreign-agent = Agent Latchkey na { $socket } działa jako { $user }, a nie jako Ty: nic do niego nie wysłano.
cli-not-signed-in = Nie zalogowano: uruchom `latchkey sign-in` lub otwórz Latchkey.
cli-tos-required = Najpierw trzeba zaakceptować warunki korzystania: uruchom `latchkey sign-in` lub otwórz Latchkey.
cli-unexpected-answer = Nie zrozumiano odpowiedzi agenta: { $detail }
cli-agent-io = Komunikacja z agentem nie powiodła się: { $detail }
cli-agent-cannot-start = Nie można uruchomić agenta: { $detail }
cli-no-agent-program = To polecenie wymaga programu latchkey-agent, instalowanego obok latchkey: { $detail }

## The Applications screen
button-applications = Aplikacje
heading-applications = Aplikacje
apps-loading = Wczytywanie aplikacji…
apps-empty = Nie masz dostępnych aplikacji.
app-installed = Zainstalowano: { $version }
app-not-installed = Nie zainstalowano
app-available = Dostępna: { $version }
app-up-to-date = Aktualne
app-nothing-here = Dla tego komputera nic nie jest oferowane.
app-ask-admin = Do pobierania aplikacji potrzebna jest rola Dostarczanie produktów – pobieranie. Zapytaj administratora.
app-not-allowed = Twoja organizacja nie pozwala instalować tej aplikacji.
app-release-notes = Informacje o wydaniu
button-install = Pobierz i zainstaluj
button-update = Aktualizuj
button-cancel = Anuluj
install-downloading = Pobieranie… { $percent }%
install-verifying = Sprawdzanie pobranego pliku…
install-installing = Instalowanie…
install-done = Zainstalowano.
install-cancelled = Anulowano. Wybierz ponownie Pobierz i zainstaluj, aby wznowić.

## A program asking to use the sign-in, and the programs decided about (Settings)
heading-consent = Zezwolić temu programowi na korzystanie z Twojego logowania?
heading-consent-none = Programy a Twoje logowanie
consent-label-path = Program
consent-label-sha256 = SHA-256
consent-label-pid = Identyfikator procesu
consent-name = Przedstawia się jako „{ $name }”, ale każdy program może nadać sobie nazwę: to ścieżka powyżej go identyfikuje.
consent-explain = Jeśli zezwolisz, będzie otrzymywać tokeny dostępu i Twoje uprawnienia, dopóki trwa Twoja sesja.
consent-remembered = Latchkey zapamiętuje „Zawsze zezwalaj” i „Odmów” dla tego programu; obie decyzje możesz odwołać w Ustawieniach.
consent-expires = Bez odpowiedzi do { $time } program zostanie odrzucony.
consent-more = { $count ->
    [one] Czeka jeszcze jeden program.
    [few] Czekają jeszcze { $count } programy.
    [many] Czeka jeszcze { $count } programów.
   *[other] Czeka jeszcze { $count } programu.
}
button-allow-once = Zezwól raz
button-always-allow = Zawsze zezwalaj
button-deny = Odmów
consent-none = Żaden program nie czeka na Twoją odpowiedź.
consent-expired = To żądanie wygasło: program został tym razem odrzucony i może zapytać ponownie.
heading-consent-apps = Programy, które mogą korzystać z Twojego logowania
consent-apps-empty = Nie podjęto jeszcze decyzji w sprawie żadnego programu.
consent-app-name = Przedstawia się jako „{ $name }”
consent-decision-allowed = Zezwolono { $date }
consent-decision-denied = Odmówiono { $date }
button-revoke = Odwołaj
consent-revoked = Odwołano: Latchkey nie pamięta już Twojej decyzji dotyczącej tego programu.
consent-mode-allow = Twoja organizacja pozwala każdemu programowi korzystać z Twojego logowania.
consent-mode-deny-unknown = Z Twojego logowania mogą korzystać tylko programy wskazane przez Twoją organizację.
consent-org-allowed = Dozwolone przez Twoją organizację:
