# Latchkey – Türkçe

## Screens
heading-sign-in = Oturum aç
heading-session-ended = Oturumunuz sona erdi: yeniden oturum açın
heading-forgot = Parolamı unuttum
heading-terms = Hizmet Koşulları
heading-signed-in = Oturum açıldı
heading-offline = { $until } tarihine kadar çevrimdışı çalışılıyor
label-email = E-posta
label-password = Parola
label-show-password = Parolayı göster
button-sign-in = Oturum aç
link-forgot = Parolanızı mı unuttunuz?
forgot-intro = E-posta adresinizi girin. Adres kayıtlıysa size bir kod göndeririz.
button-send-code = Kod gönder
link-back = Oturum açmaya dön
code-sent = Adres kayıtlıysa ona bir kod gönderdik.
label-code = E-postadaki kod
label-new-password = Yeni parola
policy-hint = En az { $min } karakter. Uzun parola cümleleri daha güçlüdür; her karakter kullanılabilir.
button-set-password = Parolayı belirle
link-resend = Kodu yeniden gönder
terms-read-to-end = Kabul etmek için sonuna kadar okuyun.
button-accept = Kabul et
button-decline = Reddet
terms-declined = Hizmet Koşullarını kabul etmeden Latchkey kullanılamaz. Oturumunuz kapatıldı.
org = Kuruluş: { $name }
no-org = Kuruluş yok
heading-roles = Roller
heading-entitlements = Kullanım hakları
heading-register = Kaydol
link-register = Kaydol
register-intro = İş e-posta adresinizle kaydolun. Parolanızı belirlemeniz için size bir kod göndeririz.
label-first-name = Ad
label-last-name = Soyadı
label-country = Ülke
button-register = Kaydol
country-choose = Ülkenizi seçin
button-sign-out = Oturumu kapat

## Settings and about
nav-settings = Ayarlar
nav-about = Hakkında
heading-settings = Ayarlar
heading-about = Latchkey hakkında
setting-ServerUrl = Sunucu
setting-AutoStart = Oturum açılışında başlat
setting-AllowSignOut = Oturumu kapatmaya izin var
setting-Proxy = Vekil sunucu
setting-ExtraCaFile = Ek sertifika yetkilileri
setting-Language = Dil
setting-Updates = Güncellemeler
setting-ConsentMode = Program onayı
setting-AllowedApps = İzin verilen programlar
set-by-organization = kuruluşunuz tarafından belirlendi
value-unset = ayarlanmadı
value-yes = evet
value-no = hayır
about-version = Sürüm { $version }
about-server = Sunucu: { $server }
button-export-diagnostics = Tanılama verilerini dışa aktar
diagnostics-saved = Tanılama verileri { $path } konumuna kaydedildi. Parola, kod veya belirteç içermez.
link-back-generic = Geri
link-trust-center = Güven Merkezi

## Error details
not-accepted-because = Kabul edilmedi: { $reasons }.
reason-too_short = çok kısa
reason-too_long = çok uzun
reason-common = çok yaygın bir parola
reason-contains_email = e-posta adresinizi içeriyor
reasons-and = { $first } ve { $second }
tries-left = { $count } deneme hakkı kaldı.
retry-in = { $seconds } saniye sonra yeniden deneyin.
error-unknown = Bir sorun oluştu ({ $code }).

## Error codes of the backend and the local API
error-invalid_request = İstek geçerli değil.
error-invalid_email = Geçerli bir e-posta adresi girin.
error-payload_too_large = Gönderilecek veri çok büyük.
error-too_many_rows = Dosyada çok fazla satır var.
error-rate_limited = Çok fazla istek. Biraz bekleyip yeniden deneyin.
error-proof_required = Bu adresten veya ağdan çok fazla istek geldi. Yeniden deneyin.
error-proof_invalid = Bot olmadığınıza dair denetim başarısız oldu veya süresi doldu. Yeniden deneyin.
error-invalid_code = Bu kod doğru değil.
error-code_expired = Bu kodun süresi doldu. Yeni bir kod isteyin.
error-weak_password = Daha güçlü bir parola seçin.
error-invalid_credentials = E-posta veya parola yanlış.
error-account_locked = Çok fazla başarısız oturum açma denemesi. Daha sonra yeniden deneyin.
error-no_tos = Henüz yayımlanmış Hizmet Koşulları yok.
error-invalid_ticket = Kabul isteğinin süresi doldu. Yeniden oturum açın.
error-tos_version_mismatch = Hizmet Koşulları bu arada değişti. Yeni sürümü okuyun.
error-invalid_grant = Oturumunuz sona erdi. Yeniden oturum açın.
error-unsupported_audience = Sunucu bu uygulama için belirteç vermiyor.
error-unauthorized = Oturum açmadınız.
error-forbidden = Bunu yapma izniniz yok.
error-not_found = Bulunamadı.
error-already_member = Bu kişi zaten üye.
error-member_of_other_org = Bu kişi başka bir kuruluşa ait.
error-invalid_csv = Dosya geçerli bir CSV dosyası değil.
error-unknown_role = Böyle bir rol yok.
error-role_not_grantable = Bu rolü veremezsiniz.
error-last_administrator = Kuruluşun bir yöneticisi kalmalı.
error-domain_not_verified = Bu alan adı doğrulanmamış.
error-public_domain = Genel e-posta sağlayıcıları bir kuruluşun alan adı olamaz.
error-domain_taken = Bu alan adı başka bir kuruluşa ait.
error-download_not_permitted = Bunu indirmek için Ürün Teslimatı – İndirme rolü ve kuruluşunuzun izni gerekir. Yöneticinize başvurun.
error-internal = Sunucuda bir sorun oluştu.
error-not_signed_in = Oturum açmadınız.
error-tos_required = Önce Hizmet Koşullarını kabul edin.
error-backend_unreachable = Latchkey sunucusuna ulaşılamıyor. Bağlantınızı kontrol edin.
error-timeout = Zaman aşımı.
error-no_interactive_session = Oturum açmak için bir pencere yok.
error-not_pending = Kabul isteğinin süresi doldu. Yeniden oturum açın.
error-sign_out_disabled = Kuruluşunuz oturumu kapatmaya izin vermiyor.
error-forbidden_peer = Başka bir kullanıcının programı reddedildi.
error-forbidden_origin = Web sayfalarından gelen istekler reddedilir.
error-backend_refused = Latchkey sunucusu isteği reddetti.
error-no_server = Yapılandırılmış bir Latchkey sunucusu yok.
error-method_not_allowed = Bu işlem burada kullanılamıyor.
error-shutting_down = Latchkey yeniden başlatılıyor. Birazdan yeniden deneyin.
error-no_release = Bu ürünün bu bilgisayar için sunulan bir sürümü yok.
error-integrity_failed = İndirilen dosya imzalı açıklamasıyla eşleşmedi, bu yüzden kurulmadı. Yeniden deneyin; tekrarlanırsa yöneticinize bildirin.
error-install_failed = Kurulum başarısız oldu. Yarım kurulu bir şey kalmadı.
error-app_not_allowed = Bu program Latchkey oturumunuzu kullanamaz. Latchkey’de izin verin veya yöneticinize başvurun.

## Tray menu and tooltips
tray-not-signed-in = Oturum açılmadı
tray-open = Latchkey'i aç
tray-sign-in = Oturum aç
tray-sign-out = Oturumu kapat
tray-quit = Çık
tooltip-signed-in = Latchkey — { $email } olarak oturum açıldı
tooltip-signed-out = Latchkey — oturum kapalı
tooltip-offline = Latchkey — { $until } tarihine kadar çevrimdışı
tooltip-terms = Latchkey — kabul edilecek yeni Hizmet Koşulları var
tooltip-expired = Latchkey — oturumun süresi doldu, yeniden oturum açın

## First run, settings, password strength, tray, notifications
heading-first-run = Latchkey'e hoş geldiniz
first-run-intro = Kuruluşunuzun Latchkey sunucusunun adresini girin. BT bölümünüz bu adresi size söyleyebilir.
label-server-url = Sunucu adresi
button-continue = Devam
language-automatic = Sistemle aynı
label-start-at-login = Bu bilgisayarda oturum açtığımda Latchkey'i başlat
autostart-machine = Yöneticiniz Latchkey'i bu bilgisayardaki herkes için oturum açılışında başlayacak şekilde ayarladı.
setting-saved = Kaydedildi.
strength-label = Parola gücü
strength-0 = Çok kısa
strength-1 = Zayıf
strength-2 = Orta
strength-3 = İyi
strength-4 = Güçlü
policy-rule-length = En az { $min }, en fazla { $max } karakter
policy-rule-common = Yaygın kullanılan bir parola değil
policy-rule-email = E-posta adresinizi içermiyor
tray-start-at-login = Oturum açılışında başlat
tray-language = Dil
tray-about = Latchkey hakkında
notify-signed-in = Latchkey'de oturum açıldı
notify-signed-in-body = { $email } olarak oturum açtınız.
notify-expired = Latchkey oturumunun süresi doldu
notify-expired-body = Uygulamalarınızı kullanmaya devam etmek için yeniden oturum açın.
notify-terms = Yeni Hizmet Koşulları
notify-terms-body = Yeni Hizmet Koşullarını okumak ve kabul etmek için Latchkey'i açın.
notify-offline = Latchkey çevrimdışı çalışıyor
notify-offline-body = Sunucuya ulaşılamıyor. Uygulamalarınız { $until } tarihine kadar çalışmaya devam eder.
notify-update = Latchkey güncellemesi var
notify-update-body = Latchkey { $version } kullanıma sunuldu: kurmak için Latchkey’de Uygulamalar’ı açın.
notify-updating = Latchkey güncelleniyor
notify-updating-body = Latchkey { $version } kuruluyor.
error-setting_enforced = Bu ayar kuruluşunuz tarafından belirlendiği için burada değiştirilemez.
error-invalid_setting = Bu değer geçerli değil.
error-setting_unwritable = Ayar kaydedilemedi.
webview-missing-title = Latchkey penceresini açamıyor
webview-missing = Latchkey penceresinin ihtiyaç duyduğu Microsoft Edge WebView2 Runtime yüklü değil. Diğer uygulamalardan oturum açma ve latchkey komutu çalışmaya devam eder. BT bölümünüzden WebView2 Runtime'ı yüklemesini isteyin veya https://go.microsoft.com/fwlink/p/?LinkId=2124703 adresinden indirin

## The signed-in screen, for people
role-fulfillment_contact = Sipariş İşlemleri Sorumlusu
role-account_admin = Hesap Yöneticisi
role-co_admin = Yardımcı Yönetici
role-product_delivery_download = Ürün Teslimatı – İndirme
feature-download = İndirmeler
badge-offline = Çevrimdışı
entitlement-offline-days = { $days ->
    [one] Bir gün daha çevrimdışı kullanılabilir
   *[other] { $days } gün daha çevrimdışı kullanılabilir
}
entitlement-offline-hours = { $hours ->
    [one] Bir saat daha çevrimdışı kullanılabilir
   *[other] { $hours } saat daha çevrimdışı kullanılabilir
}
entitlement-ends = Abonelik { $date } tarihinde sona erer
entitlements-empty = Size henüz ürün atanmadı. Yöneticinize başvurun.
entitlements-loading = Ürünleriniz yükleniyor…

## The command line (`latchkey`): answers, the terminal dialogue and its prompts (the program adds ": ")
cli-signed-in = { $who } olarak oturum açıldı
cli-signed-in-offline = { $who } olarak oturum açıldı, { $until } tarihine kadar çevrimdışı çalışılıyor
cli-tos-pending = Hizmet Koşulları kabul edilmeli: `latchkey sign-in` komutunu çalıştırın
cli-session-ended = Oturum sona erdi: `latchkey sign-in` komutunu çalıştırın
cli-signing-in = Oturum açılıyor…
cli-signed-out = Oturum kapalı
cli-sign-out-done = Oturum kapatıldı.
cli-setting-unset = (ayarlanmadı)
cli-entitled = { $product }: kullanım hakkı var ({ $features })
cli-not-entitled = { $product }: kullanım hakkı yok ({ $reason })
cli-entitlement-until = { $date } tarihine kadar
cli-entitlement-no-end = bitiş tarihi yok
cli-entitlements-summary = { $count ->
    [one] (bir kullanım hakkı, { $source }, { $until } tarihine kadar çevrimdışı kullanılabilir)
   *[other] ({ $count } kullanım hakkı, { $source }, { $until } tarihine kadar çevrimdışı kullanılabilir)
}
cli-window-open = Latchkey penceresi açık: oturumu orada açın.
cli-app-installed = kurulu { $version }
cli-app-not-installed = kurulu değil
cli-app-available = { $version } mevcut
cli-app-up-to-date = güncel
cli-app-ask-admin = yöneticinizden Ürün Teslimatı – İndirme rolünü isteyin
cli-app-not-allowed = kuruluşunuz kurulmasına izin vermiyor
cli-app-nothing-here = bu bilgisayar için sunulan bir şey yok
cli-install-progress = { $product } { $version } indiriliyor: %{ $percent }
cli-install-verifying = İndirilen dosya denetleniyor…
cli-install-installing = { $product } { $version } kuruluyor…
cli-consent-none-waiting = Yanıt bekleyen bir program yok.
cli-consent-approving = İzin veriliyor: { $program }
cli-consent-confirm = { $program } oturum açma bilginizi kullanabilsin mi? [e/H]
cli-consent-unknown-program = { $program } için kayıtlı bir karar yok: onu `latchkey apps list` çıktısındaki yolu veya SHA-256 değeriyle belirtin.
cli-consent-name-one = Birden çok program bekliyor: birini kimliğiyle belirtin (latchkey apps approve ID).
cli-consent-mode = Onay modu: { $mode }
cli-consent-by-organization = kuruluşunuz tarafından izin verildi
cli-consent-allowed = izin verildi
cli-consent-denied = reddedildi
cli-consent-waiting = bekliyor
cli-install-done = { $product } { $version } kuruldu.
cli-install-cancelled = İptal edildi. İndirmeyi sürdürmek için aynı komutu yeniden çalıştırın.
cli-prompt-email = E-posta
cli-prompt-password = Parola
cli-prompt-password-or-empty = Parola (henüz parolanız yoksa veya unuttuysanız boş bırakın)
cli-prompt-new-password = Yeni parola
cli-prompt-code = E-postadaki kod
cli-no-email = E-posta adresi girilmedi.
cli-code-format = Kod, e-postadaki 8 haneli sayıdır.
cli-code-sent = Adres kayıtlıysa e-postayla bir kod gönderiliyor.
cli-password-set = Parola belirlendi.
cli-password-set-sign-in = Parolanız belirlendi: `latchkey sign-in` ile oturum açın.
cli-accept-tos = Hizmet Koşullarını (sürüm { $version }) kabul ediyor musunuz? [e/H]
# The answers that mean yes to cli-accept-tos, comma-separated; "y" and "yes" are always accepted too.
cli-yes = e, evet
cli-tos-declined = Hizmet Koşullarını kabul etmeden Latchkey kullanılamaz; oturumunuz kapatıldı.
cli-no-server = Yapılandırılmış bir sunucu yok: ServerUrl ayarını yapın (LATCHKEY_SERVER_URL veya ~/.config/latchkey/settings.toml içindeki server_url).
cli-agent-not-running = Latchkey { $socket } üzerinde çalışmıyor: Latchkey uygulamasını açın veya `latchkey agent` komutunu çalıştırın (sunucular ve SSH oturumları için).
cli-foreign-agent = { $socket } üzerindeki Latchkey aracısı sizin adınıza değil, { $user } kullanıcısı olarak çalışıyor: ona hiçbir şey gönderilmedi.
cli-not-signed-in = Oturum açmadınız: `latchkey sign-in` komutunu çalıştırın veya Latchkey'i açın.
cli-tos-required = Önce Hizmet Koşulları kabul edilmeli: `latchkey sign-in` komutunu çalıştırın veya Latchkey'i açın.
cli-unexpected-answer = Aracının yanıtı anlaşılamadı: { $detail }
cli-agent-io = Aracıyla iletişim kurulamadı: { $detail }
cli-agent-cannot-start = Aracı başlatılamıyor: { $detail }
cli-no-agent-program = Bu komut, latchkey ile birlikte kurulan latchkey-agent programını gerektirir: { $detail }

## The Applications screen
button-applications = Uygulamalar
heading-applications = Uygulamalar
apps-loading = Uygulamalarınız yükleniyor…
apps-empty = Size sunulan bir uygulama yok.
app-installed = Kurulu: { $version }
app-not-installed = Kurulu değil
app-available = Mevcut: { $version }
app-up-to-date = Güncel
app-nothing-here = Bu bilgisayar için sunulan bir şey yok.
app-ask-admin = Uygulama indirmek için Ürün Teslimatı – İndirme rolü gerekir. Yöneticinize başvurun.
app-not-allowed = Kuruluşunuz bu uygulamanın kurulmasına izin vermiyor.
app-release-notes = Sürüm notları
button-install = İndir ve kur
button-update = Güncelle
button-cancel = İptal
install-downloading = İndiriliyor… %{ $percent }
install-verifying = İndirilen dosya denetleniyor…
install-installing = Kuruluyor…
install-done = Kuruldu.
install-cancelled = İptal edildi. Sürdürmek için yeniden İndir ve kur’a basın.

## A program asking to use the sign-in, and the programs decided about (Settings)
heading-consent = Bu programın oturumunuzu kullanmasına izin verilsin mi?
heading-consent-none = Programlar ve oturumunuz
consent-label-path = Program
consent-label-sha256 = SHA-256
consent-label-pid = İşlem kimliği
consent-name = Kendine “{ $name }” diyor, ancak her program kendine bir ad verebilir: onu tanımlayan, yukarıdaki yoldur.
consent-explain = İzin verirseniz, oturumunuz açık olduğu sürece erişim belirteçlerini ve kullanım haklarınızı alır.
consent-remembered = Latchkey bu program için “Her zaman izin ver” ve “Reddet” kararlarını hatırlar; ikisini de Ayarlar’dan geri alabilirsiniz.
consent-expires = { $time } saatine kadar yanıt verilmezse program reddedilir.
consent-more = { $count ->
    [one] Bir program daha bekliyor.
   *[other] { $count } program daha bekliyor.
}
button-allow-once = Bir kez izin ver
button-always-allow = Her zaman izin ver
button-deny = Reddet
consent-none = Yanıtınızı bekleyen bir program yok.
consent-expired = Bu isteğin süresi doldu: program bu kez reddedildi ve yeniden sorabilir.
heading-consent-apps = Oturumunuzu kullanmasına izin verilen programlar
consent-apps-empty = Henüz hiçbir program için izin verme veya reddetme kararı vermediniz.
consent-app-name = Kendine “{ $name }” diyor
consent-decision-allowed = { $date } tarihinde izin verildi
consent-decision-denied = { $date } tarihinde reddedildi
button-revoke = Geri al
consent-revoked = Geri alındı: Latchkey bu programla ilgili kararınızı artık hatırlamıyor.
consent-mode-allow = Kuruluşunuz her programın oturumunuzu kullanmasına izin veriyor.
consent-mode-deny-unknown = Oturumunuzu yalnızca kuruluşunuzun listelediği programlar kullanabilir.
consent-org-allowed = Kuruluşunuzun izin verdiği programlar:
