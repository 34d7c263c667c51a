# The User Management web portal (/admin), served by latchkey-server. Every locale has every key:
# crates/server/src/portal/i18n.rs tests it.

## Frame
portal-title = Latchkey Kullanıcı Yönetimi
skip-to-content = İçeriğe geç
nav-label = Ana menü
nav-users = Kullanıcılar
nav-add-user = Kullanıcı ekle
nav-bulk = Toplu kayıt
nav-domains = Alan adları
nav-requests = Katılım istekleri
nav-organization = Kuruluş
signed-in-as = Oturum açan: { $email }
button-sign-out = Oturumu kapat
language-label = Dil
button-change-language = Değiştir

## Sign-in and Terms
heading-sign-in = Kullanıcı Yönetimi'nde oturum açın
sign-in-intro = Kuruluş yöneticileri içindir. Latchkey istemcisinde kullandığınız e-posta adresini ve parolayı kullanın.
label-email = E-posta
label-password = Parola
button-sign-in = Oturum aç
forgot-hint = Henüz parolanız yok mu veya parolanızı mı unuttunuz? Latchkey istemcisinde “Parolanızı mı unuttunuz?” seçeneğini seçin veya parolanızı burada ayarlayın.
link-forgot = Parolanızı mı unuttunuz?
error-credentials = E-posta adresi veya parola yanlış.
error-locked = Çok fazla başarısız deneme yapıldı. { $minutes } dakika sonra tekrar deneyin.
error-rate-limited = Çok fazla deneme yapıldı. { $minutes } dakika sonra tekrar deneyin.
error-proof-required = Bu adresten veya ağdan çok fazla istek geldi. Tarayıcıda JavaScript’i açın (bot olmadığınızı kanıtlar) ve formu yeniden gönderin.
error-proof-invalid = Bot olmadığınıza dair denetim başarısız oldu veya süresi doldu. Formu yeniden gönderin.
error-not-admin = Bu portal, kuruluş yöneticileri içindir. Hesabınızın yönetici rolü yok.
heading-terms = Hizmet Koşulları
terms-intro = Devam etmek için Hizmet Koşulları'nı kabul edin.
button-accept = Kabul et
button-decline = Reddet
terms-declined = Hizmet Koşulları'nı kabul etmeden Kullanıcı Yönetimi'ni kullanamazsınız.
terms-expired = Oturum açma işlemi çok uzun sürdü. Tekrar oturum açın.
signed-out = Oturumunuz kapatıldı.

## Forgot password
heading-forgot = Parolanızı belirleyin veya sıfırlayın
forgot-intro = E-posta adresinizi girin. Adres kayıtlıysa size bir kod göndeririz.
button-send-code = Kod gönder
code-sent = { $email } kayıtlıysa bu adrese bir kod gönderdik. Kodu yeni parolanızla birlikte aşağıya girin.
label-code = E-postadaki kod
label-new-password = Yeni parola
password-hint = En az { $min } karakter. Daha uzun parola ifadeleri daha güçlüdür; her karakter kullanılabilir.
button-set-password = Parolayı belirle
password-set = Parolanız belirlendi. Bu parolayla oturum açın.
error-code = Kod yanlış veya süresi dolmuş. Yeni bir kod isteyin.
weak-password = Parola çok zayıf: { $reasons }
weak-too_short = { $min } karakterden kısa
weak-too_long = çok uzun
weak-common = yaygın olarak kullanılan bir parola
weak-contains_email = e-posta adresinizi içeriyor

## Users
heading-users = Kullanıcılar
search-label = Adrese veya ada göre ara
button-search = Ara
column-email = E-posta
column-name = Ad
column-country = Ülke
column-roles = Roller
column-status = Durum
status-invited = Davet edildi
status-active = Etkin
status-locked = Kilitli
no-users = Eşleşen kullanıcı yok.
link-next-page = Sonraki sayfa
link-first-page = İlk sayfa
users-count = { $count ->
    [one] Bu sayfada { $count } kullanıcı
   *[other] Bu sayfada { $count } kullanıcı
}
link-manage = Yönet
column-actions = İşlemler
pages-label = Sayfalar

## Add a user
heading-add-user = Kullanıcı ekle
add-user-intro = Kullanıcıya, parolasını Latchkey istemcisinde nasıl belirleyeceğini açıklayan bir e-posta gönderilir.
label-first-name = Ad
label-last-name = Soyadı
label-country = Ülke
choose-country = Bir ülke seçin
label-roles = Roller
label-mail-language = E-postanın dili
button-add-user = Kullanıcı ekle
user-added = { $email } eklendi ve davet edildi.

## Roles
role-fulfillment_contact = Sipariş İşlemleri Sorumlusu
role-account_admin = Hesap Yöneticisi
role-co_admin = Yardımcı Yönetici
role-product_delivery_download = Ürün Teslimatı – İndirme
role-not-grantable = (kendi rolünüzün üzerinde)

## One user
heading-user = { $name }
label-status = Durum
label-member-since = Üyelik başlangıcı
button-save-roles = Rolleri kaydet
roles-saved = { $email } kullanıcısının rolleri kaydedildi.
heading-remove = Kuruluştan çıkar
remove-intro = { $email } kuruluşun ürünlerine erişimini hemen kaybeder ve her yerde oturumu kapatılır. Hesabın kendisi silinmez.
button-remove = { $email } kullanıcısını çıkar
confirm-remove = { $email } kuruluştan çıkarılsın mı?
user-removed = { $email } kuruluştan çıkarıldı.

## Bulk register
heading-bulk = Toplu kullanıcı kaydı
bulk-intro = email, first_name, last_name, country sütunlarını ve isteğe bağlı olarak roles (; ile ayrılmış) ve language sütunlarını içeren bir CSV dosyası yükleyin. Önce her satırın denetim sonucunu görürsünüz; siz içe aktarana kadar hiçbir şey kaydedilmez.
link-template = Şablonu indir (CSV)
label-file = CSV dosyası (en fazla 10 MiB, 100.000 satır)
button-check = Dosyayı denetle
heading-report = { $file } dosyasının denetimi
report-ready = { $count ->
    [one] { $count } kullanıcı eklenebilir.
   *[other] { $count } kullanıcı eklenebilir.
}
report-already = { $count ->
    [one] { $count } adres zaten üye; değiştirilmeyecek.
   *[other] { $count } adres zaten üye; değiştirilmeyecek.
}
report-failed = { $count ->
    [0] Hiçbir satırda hata yok.
    [one] { $count } satırda hata var; bu satır içe aktarılmayacak:
   *[other] { $count } satırda hata var; bu satırlar içe aktarılmayacak:
}
column-line = Satır
column-problem = Sorun
link-error-report = Hatalı satırları indir (CSV)
link-upload-another = Başka bir dosya yükleyin
button-import = { $count ->
    [one] { $count } kullanıcıyı içe aktar
   *[other] { $count } kullanıcıyı içe aktar
}
report-fix-hint = Dosyanızdaki hatalı satırları düzeltip dosyayı yeniden yükleyin veya geçerli satırları şimdi içe aktarın.
heading-imported = İçe aktarma tamamlandı
imported = { $count ->
    [one] { $count } kullanıcı eklendi ve davet edildi.
   *[other] { $count } kullanıcı eklendi ve davet edildi.
}
upload-expired = Bu yükleme artık kullanılamıyor. Dosyayı yeniden yükleyin.
error-file-missing = Yüklenecek bir CSV dosyası seçin.
problem-invalid_email = E-posta adresi geçerli değil.
problem-invalid_country = Ülke, DE veya US gibi bir ISO 3166 kodu değil.
problem-unknown_role = Bir rol bilinmiyor.
problem-duplicate_row = Adres, dosyada daha önce geçiyor.
problem-missing_field = Zorunlu bir alan boş.
problem-field_too_long = Bir alan çok uzun.
problem-invalid_characters = Bir alan, satır sonu gibi izin verilmeyen karakterler içeriyor.
problem-member_of_other_org = Adres başka bir kuruluşa ait.
problem-role_not_grantable = Bir rol, kendi rolünüzün üzerinde.
problem-invalid_language = Dil şunlardan biri değil: en, es, fr, tr, nl, it, de, pl, cs.

## Domains
heading-domains = Alan adları
domains-intro = Otomatik onay açıkken, bu alan adındaki bir adresle kaydolan herkes bir yöneticiyi beklemeden kuruluşa katılır.
column-domain = Alan adı
column-verified = Doğrulandı
column-auto-approval = Otomatik onay
yes = Evet
no = Hayır
button-turn-on = Otomatik onayı aç
button-turn-off = Otomatik onayı kapat
no-domains = Kuruluşun henüz alan adı yok.
heading-add-domain = Alan adınızı doğrulayın
add-domain-intro = Kendi adresinizin alan adını ({ $domain }) doğrulayabilirsiniz.
label-auto-approve = Otomatik onayı hemen aç
button-verify-domain = { $domain } alan adını doğrula
domain-saved = { $domain } kaydedildi.

## Join requests
heading-requests = Katılım istekleri
requests-intro = Otomatik onay kapalıyken kuruluşun doğrulanmış bir alan adındaki adresle kaydolan kişiler.
column-requested = İstek tarihi
button-approve = Onayla
button-reject = Reddet
no-requests = Bekleyen kimse yok.
request-approved = { $email } kuruluşa katıldı.
request-rejected = { $email } kullanıcısının isteği reddedildi.

## Organization
heading-organization = Kuruluş
label-org-name = Ad
label-org-id = Tanımlayıcı
label-fulfillment-contact = Sipariş İşlemleri Sorumlusu
label-offline-grace = Çevrimdışı kullanım
offline-grace-days = { $days ->
    [one] Bağlantı olmadan { $days } gün
   *[other] Bağlantı olmadan { $days } gün
}
heading-subscriptions = Abonelikler
column-product = Ürün
column-expires = Bitiş tarihi
never-expires = Süresi dolmaz
no-subscriptions = Kuruluşun aboneliği yok.

## Errors
heading-error = Bir sorun oluştu
error-forbidden = Bu işlemi yapma yetkiniz yok. Bunu yalnızca bu kuruluşun yöneticileri yapabilir.
error-not-found = Bu sayfa mevcut değil veya kullanıcı kuruluşunuzun üyesi değil.
error-csrf = Formun süresi doldu. Sayfayı yeniden yükleyip tekrar deneyin.
error-too-large = Dosya boyutu 10 MiB sınırını aşıyor.
error-too-many-rows = Dosyada 100.000'den fazla satır var.
error-invalid-csv = Dosya CSV olarak okunamıyor: { $detail }
error-last-administrator = Kuruluşta bir Sipariş İşlemleri Sorumlusu ve bir yönetici kalmalıdır.
error-validation = Vurgulanan alanları kontrol edin.
error-field-email = Geçerli bir e-posta adresi girin.
error-field-name = Bir ad girin (en fazla 100 karakter, satır sonu olmadan).
error-field-country = Bir ülke seçin.
error-already-member = Bu adres zaten kuruluşun üyesi.
error-other-org = Bu adres başka bir kuruluşa ait.
error-public-domain = Herkese açık bir e-posta alan adı bir kuruluşa ait olamaz.
error-domain-taken = Bu alan adı başka bir kuruluşa ait.
error-domain-not-verified = Burada yalnızca kendi adresinizin alan adı doğrulanabilir.
error-bad-request = İstek geçerli değil: { $detail }
error-generic = Sunucu bu işlemi gerçekleştiremedi. Daha sonra tekrar deneyin. (Referans: { $code })
link-back-to-users = Kullanıcılara dön

## Software: the policy page and the public download page
nav-software = Yazılım
heading-software = Yazılım
software-intro = Ürün Teslimatı – İndirme rolüne sahip üyelerin Latchkey’den hangi ürünlerinizi ve hangi sürümü kurabileceğini seçin.
label-update-channel = Latchkey güncellemeleri
update-channel-auto = Otomatik
update-channel-notify = Kullanıcıya bildir
update-channel-off = Kapalı (güncellemeleri BT dağıtır)
update-channel-hint = Updates ilkesi daha katı olan bir bilgisayar kendi ayarını korur.
column-members-may-install = Üyeler kurabilir
column-version = Sürüm
version-latest = En yeni
button-save = Kaydet
software-saved = Yazılım ilkesi kaydedildi.
heading-download = Latchkey’i indirin
download-intro = Latchkey sizi kuruluşunuzun uygulamalarına bağlar. Bilgisayarınıza kurun, ardından parolanızı belirlemek için Parolanızı mı unuttunuz?’u seçin.
no-downloads = Henüz yayımlanmış bir yükleyici yok.
download-link = { $platform }: Latchkey { $version }
download-size = ({ $megabytes } MB)
download-admin-link = Yöneticiler: Kullanıcı Yönetimi’ne giriş yapın
platform-windows-x64 = Windows (64 bit)
platform-windows-x86 = Windows (32 bit)
platform-linux-deb = Linux (Debian, Ubuntu)
platform-linux-rpm = Linux (Fedora, RHEL, SUSE)
platform-macos = macOS
download-page-link = Kullanıcılarınız için Latchkey yükleyicileri: herkese açık indirme sayfası
