//! Localized texts of every mail the server sends, one table per language.
//!
//! Placeholders in braces are filled by `mail::render`; every language has every text, which the
//! compiler checks because each table is a `MailTexts` value.

use latchkey_protocol::Language;

/// The texts of one language. Subjects are one line; bodies are plain text, lines separated by `\n`.
pub struct MailTexts {
    /// A one-time code to set a (new) password, asked for with forgot-password.
    /// Placeholders: `{code}`, `{minutes}`
    pub reset_code_subject: &'static str,
    pub reset_code_body: &'static str,
    /// A one-time code that completes a self-registration (the user then chooses a password).
    /// Placeholders: `{first_name}`, `{code}`, `{minutes}`
    pub register_code_subject: &'static str,
    pub register_code_body: &'static str,
    /// Someone tried to register an address that already has an account: tell the owner to use
    /// "Forgot password?" in the Latchkey client if they need a new password, and to ignore the mail otherwise.
    /// Placeholders: none
    pub already_registered_subject: &'static str,
    pub already_registered_body: &'static str,
    /// The organization's purchase is registered; the Fulfillment Contact completes registration by
    /// opening the Latchkey client, choosing "Forgot password?" and entering this address (`{email}`).
    /// Placeholders: `{first_name}`, `{org}`, `{email}`
    pub purchase_subject: &'static str,
    pub purchase_body: &'static str,
    /// An administrator added the user to the organization; complete registration with "Forgot password?".
    /// Placeholders: `{first_name}`, `{org}`, `{email}`
    pub invitation_subject: &'static str,
    pub invitation_body: &'static str,
    /// To the organization's administrators: a person asked to join; approve or reject in User Management.
    /// Placeholders: `{name}`, `{email}`, `{org}`
    pub join_request_subject: &'static str,
    pub join_request_body: &'static str,
    /// Ending appended to every body.
    pub signature: &'static str,
}

/// The mail texts of `language`.
pub fn texts(language: Language) -> &'static MailTexts {
    match language {
        Language::En => &EN,
        Language::Es => &ES,
        Language::Fr => &FR,
        Language::Tr => &TR,
        Language::Nl => &NL,
        Language::It => &IT,
        Language::De => &DE,
        Language::Pl => &PL,
        Language::Cs => &CS,
    }
}

static EN: MailTexts = MailTexts {
    reset_code_subject: "Your Latchkey verification code",
    reset_code_body: "Hello,\n\nUse this code in the Latchkey client to set your password:\n\n{code}\n\nThe code is valid for {minutes} minutes and can only be used once.\n\nIf you didn't request this code, you can ignore this email. Your password has not been changed.",
    register_code_subject: "Complete your Latchkey registration",
    register_code_body: "Hi {first_name},\n\nThanks for signing up for Latchkey. Enter this code in the Latchkey client to complete your registration:\n\n{code}\n\nThe code is valid for {minutes} minutes and can only be used once. After that, you'll choose your password.\n\nIf you didn't sign up for Latchkey, you can ignore this email. No account will be created.",
    already_registered_subject: "You already have a Latchkey account",
    already_registered_body: "Hello,\n\nSomeone tried to register a new Latchkey account with this email address, but an account already exists for it.\n\nIf that was you and you need a new password, open the Latchkey client and choose “Forgot password?”.\n\nIf it wasn't you, you can ignore this email. Your account and password have not been changed.",
    purchase_subject: "Complete your Latchkey registration for {org}",
    purchase_body: "Hi {first_name},\n\nThank you for your purchase. Latchkey for {org} is now registered, and you are the Fulfillment Contact for the order.\n\nTo complete your registration, open the Latchkey client, choose “Forgot password?” and enter your email address ({email}). We'll then send you a code to set your password.",
    invitation_subject: "You've been added to {org} on Latchkey",
    invitation_body: "Hi {first_name},\n\nAn administrator has added you to {org} on Latchkey.\n\nTo complete your registration, open the Latchkey client, choose “Forgot password?” and enter your email address ({email}). We'll then send you a code to set your password.\n\nIf you don't have the Latchkey client yet, please contact your administrator.",
    join_request_subject: "{name} wants to join {org} on Latchkey",
    join_request_body: "Hello,\n\n{name} ({email}) has asked to join {org} on Latchkey.\n\nYou can approve or reject the request in User Management.\n\nYou're receiving this email because you're an administrator of {org}.",
    signature: "— The Latchkey team",
};

static ES: MailTexts = MailTexts {
    reset_code_subject: "Su código de verificación de Latchkey",
    reset_code_body: "Hola:\n\nUtilice este código en la aplicación Latchkey para establecer su contraseña:\n\n{code}\n\nEl código es válido durante {minutes} minutos y solo puede usarse una vez.\n\nSi no ha solicitado este código, puede ignorar este correo. Su contraseña no ha cambiado.",
    register_code_subject: "Complete su registro en Latchkey",
    register_code_body: "Hola, {first_name}:\n\nGracias por registrarse en Latchkey. Introduzca este código en la aplicación Latchkey para completar su registro:\n\n{code}\n\nEl código es válido durante {minutes} minutos y solo puede usarse una vez. A continuación, elegirá su contraseña.\n\nSi no se ha registrado en Latchkey, puede ignorar este correo. No se creará ninguna cuenta.",
    already_registered_subject: "Ya tiene una cuenta de Latchkey",
    already_registered_body: "Hola:\n\nAlguien ha intentado registrar una nueva cuenta de Latchkey con esta dirección de correo electrónico, pero ya existe una cuenta asociada a ella.\n\nSi fue usted y necesita una nueva contraseña, abra la aplicación Latchkey y elija “¿Olvidó su contraseña?”.\n\nSi no fue usted, puede ignorar este correo. Su cuenta y su contraseña no han cambiado.",
    purchase_subject: "Complete su registro en Latchkey para {org}",
    purchase_body: "Hola, {first_name}:\n\nGracias por su compra. Hemos registrado el pedido de Latchkey para {org}, y usted figura como persona de contacto.\n\nPara completar su registro, abra la aplicación Latchkey, elija “¿Olvidó su contraseña?” e introduzca su dirección de correo electrónico ({email}). Le enviaremos un código para establecer su contraseña.",
    invitation_subject: "Invitación a {org} en Latchkey",
    invitation_body: "Hola, {first_name}:\n\nUn administrador le ha añadido a {org} en Latchkey.\n\nPara completar su registro, abra la aplicación Latchkey, elija “¿Olvidó su contraseña?” e introduzca su dirección de correo electrónico ({email}). Le enviaremos un código para establecer su contraseña.\n\nSi aún no tiene la aplicación Latchkey, póngase en contacto con su administrador.",
    join_request_subject: "{name} quiere unirse a {org} en Latchkey",
    join_request_body: "Hola:\n\n{name} ({email}) ha solicitado unirse a {org} en Latchkey.\n\nPuede aprobar o rechazar la solicitud en Gestión de usuarios.\n\nRecibe este correo porque es administrador de {org}.",
    signature: "— El equipo de Latchkey",
};

// French typography: a no-break space (U+00A0) before `:`, `?`, `;` and inside « ».
static FR: MailTexts = MailTexts {
    reset_code_subject: "Votre code de vérification Latchkey",
    reset_code_body: "Bonjour,\n\nUtilisez ce code dans l'application Latchkey pour définir votre mot de passe\u{a0}:\n\n{code}\n\nCe code est valable {minutes}\u{a0}minutes et ne peut être utilisé qu'une seule fois.\n\nSi vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer cet e-mail. Votre mot de passe n'a pas été modifié.",
    register_code_subject: "Finalisez votre inscription à Latchkey",
    register_code_body: "Bonjour {first_name},\n\nMerci pour votre inscription à Latchkey. Saisissez ce code dans l'application Latchkey pour la finaliser\u{a0}:\n\n{code}\n\nCe code est valable {minutes}\u{a0}minutes et ne peut être utilisé qu'une seule fois. Vous choisirez ensuite votre mot de passe.\n\nSi vous n'avez pas demandé cette inscription, vous pouvez ignorer cet e-mail. Aucun compte ne sera créé.",
    already_registered_subject: "Vous avez déjà un compte Latchkey",
    already_registered_body: "Bonjour,\n\nQuelqu'un a tenté de créer un compte Latchkey avec votre adresse e-mail, alors qu'un compte y est déjà associé.\n\nSi c'était vous et que vous avez besoin d'un nouveau mot de passe, ouvrez l'application Latchkey et choisissez «\u{a0}Mot de passe oublié\u{a0}?\u{a0}».\n\nSi ce n'était pas vous, vous pouvez ignorer cet e-mail. Votre compte et votre mot de passe n'ont pas été modifiés.",
    purchase_subject: "Finalisez votre inscription à Latchkey pour {org}",
    purchase_body: "Bonjour {first_name},\n\nMerci pour votre confiance. L'achat de Latchkey pour {org} a bien été enregistré, et vous êtes la personne de contact pour cette commande.\n\nPour finaliser votre inscription, ouvrez l'application Latchkey, choisissez «\u{a0}Mot de passe oublié\u{a0}?\u{a0}» et saisissez votre adresse e-mail ({email}). Nous vous enverrons alors un code pour définir votre mot de passe.",
    invitation_subject: "Invitation à rejoindre {org} sur Latchkey",
    invitation_body: "Bonjour {first_name},\n\nUn administrateur a ajouté votre adresse e-mail à {org} sur Latchkey.\n\nPour finaliser votre inscription, ouvrez l'application Latchkey, choisissez «\u{a0}Mot de passe oublié\u{a0}?\u{a0}» et saisissez votre adresse e-mail ({email}). Nous vous enverrons alors un code pour définir votre mot de passe.\n\nSi vous n'avez pas encore l'application Latchkey, contactez votre administrateur.",
    join_request_subject: "{name} souhaite rejoindre {org} sur Latchkey",
    join_request_body: "Bonjour,\n\n{name} ({email}) a demandé à rejoindre {org} sur Latchkey.\n\nVous pouvez approuver ou refuser cette demande dans «\u{a0}Gestion des utilisateurs\u{a0}».\n\nVous recevez cet e-mail, car vous êtes administrateur de {org}.",
    signature: "— L'équipe Latchkey",
};

static TR: MailTexts = MailTexts {
    reset_code_subject: "Latchkey doğrulama kodunuz",
    reset_code_body: "Merhaba,\n\nŞifrenizi belirlemek için bu kodu Latchkey uygulamasında kullanın:\n\n{code}\n\nKod {minutes} dakika boyunca geçerlidir ve yalnızca bir kez kullanılabilir.\n\nBu kodu siz istemediyseniz bu e-postayı dikkate almayabilirsiniz. Şifreniz değiştirilmedi.",
    register_code_subject: "Latchkey kaydınızı tamamlayın",
    register_code_body: "Merhaba {first_name},\n\nLatchkey'e kaydolduğunuz için teşekkür ederiz. Kaydınızı tamamlamak için bu kodu Latchkey uygulamasına girin:\n\n{code}\n\nKod {minutes} dakika boyunca geçerlidir ve yalnızca bir kez kullanılabilir. Ardından şifrenizi belirleyeceksiniz.\n\nLatchkey'e kaydolmadıysanız bu e-postayı dikkate almayabilirsiniz. Hiçbir hesap oluşturulmayacaktır.",
    already_registered_subject: "Zaten bir Latchkey hesabınız var",
    already_registered_body: "Merhaba,\n\nBirisi bu e-posta adresiyle yeni bir Latchkey hesabı oluşturmaya çalıştı, ancak bu adrese ait bir hesap zaten mevcut.\n\nBu işlemi siz yaptıysanız ve yeni bir şifreye ihtiyacınız varsa Latchkey uygulamasını açıp “Şifremi unuttum” seçeneğine tıklayın.\n\nSiz yapmadıysanız bu e-postayı dikkate almayabilirsiniz. Hesabınız ve şifreniz değiştirilmedi.",
    purchase_subject: "{org} için Latchkey kaydınızı tamamlayın",
    purchase_body: "Merhaba {first_name},\n\nSiparişiniz için teşekkür ederiz. {org} için Latchkey satın alımı kaydedildi; bu siparişin irtibat kişisi sizsiniz.\n\nKaydınızı tamamlamak için Latchkey uygulamasını açın, “Şifremi unuttum” seçeneğine tıklayın ve e-posta adresinizi ({email}) girin. Ardından şifrenizi belirlemeniz için size bir kod göndereceğiz.",
    invitation_subject: "Latchkey'de {org} kuruluşuna eklendiniz",
    invitation_body: "Merhaba {first_name},\n\nBir yönetici sizi Latchkey'de {org} kuruluşuna ekledi.\n\nKaydınızı tamamlamak için Latchkey uygulamasını açın, “Şifremi unuttum” seçeneğine tıklayın ve e-posta adresinizi ({email}) girin. Ardından şifrenizi belirlemeniz için size bir kod göndereceğiz.\n\nLatchkey uygulaması henüz sizde yoksa yöneticinize başvurun.",
    join_request_subject: "{name}, Latchkey'de {org} kuruluşuna katılmak istiyor",
    join_request_body: "Merhaba,\n\n{name} ({email}), Latchkey'de {org} kuruluşuna katılmak istiyor.\n\nİsteği Kullanıcı Yönetimi bölümünden onaylayabilir veya reddedebilirsiniz.\n\nBu e-postayı, {org} kuruluşunun yöneticisi olduğunuz için alıyorsunuz.",
    signature: "— Latchkey Ekibi",
};

static NL: MailTexts = MailTexts {
    reset_code_subject: "Je Latchkey-verificatiecode",
    reset_code_body: "Hallo,\n\nGebruik deze code in de Latchkey-client om je wachtwoord in te stellen:\n\n{code}\n\nDe code is {minutes} minuten geldig en kan maar één keer worden gebruikt.\n\nHeb je deze code niet aangevraagd? Dan kun je deze e-mail negeren. Je wachtwoord is niet gewijzigd.",
    register_code_subject: "Rond je registratie bij Latchkey af",
    register_code_body: "Hallo {first_name},\n\nBedankt voor je registratie bij Latchkey. Voer deze code in de Latchkey-client in om je registratie af te ronden:\n\n{code}\n\nDe code is {minutes} minuten geldig en kan maar één keer worden gebruikt. Daarna kies je je wachtwoord.\n\nHeb je je niet geregistreerd bij Latchkey? Dan kun je deze e-mail negeren. Er wordt geen account aangemaakt.",
    already_registered_subject: "Je hebt al een Latchkey-account",
    already_registered_body: "Hallo,\n\nIemand heeft geprobeerd een nieuw Latchkey-account te registreren met dit e-mailadres, maar er bestaat al een account voor dit adres.\n\nWas jij dat en heb je een nieuw wachtwoord nodig? Open dan de Latchkey-client en kies ‘Wachtwoord vergeten?’.\n\nWas jij het niet? Dan kun je deze e-mail negeren. Je account en wachtwoord zijn niet gewijzigd.",
    purchase_subject: "Rond je Latchkey-registratie voor {org} af",
    purchase_body: "Hallo {first_name},\n\nBedankt voor je aankoop. We hebben de bestelling van Latchkey voor {org} geregistreerd, met jou als contactpersoon.\n\nOm je registratie af te ronden, open je de Latchkey-client, kies je ‘Wachtwoord vergeten?’ en voer je je e-mailadres ({email}) in. We sturen je dan een code om je wachtwoord in te stellen.",
    invitation_subject: "Je bent toegevoegd aan {org} in Latchkey",
    invitation_body: "Hallo {first_name},\n\nEen beheerder heeft je toegevoegd aan {org} in Latchkey.\n\nOm je registratie af te ronden, open je de Latchkey-client, kies je ‘Wachtwoord vergeten?’ en voer je je e-mailadres ({email}) in. We sturen je dan een code om je wachtwoord in te stellen.\n\nHeb je de Latchkey-client nog niet? Neem dan contact op met je beheerder.",
    join_request_subject: "{name} wil lid worden van {org} in Latchkey",
    join_request_body: "Hallo,\n\n{name} ({email}) heeft gevraagd om lid te worden van {org} in Latchkey.\n\nJe kunt het verzoek goedkeuren of afwijzen in Gebruikersbeheer.\n\nJe ontvangt deze e-mail omdat je beheerder bent van {org}.",
    signature: "— Het Latchkey-team",
};

static IT: MailTexts = MailTexts {
    reset_code_subject: "Il tuo codice di verifica Latchkey",
    reset_code_body: "Ciao,\n\nUsa questo codice nell'applicazione Latchkey per impostare la tua password:\n\n{code}\n\nIl codice è valido per {minutes} minuti e può essere usato una sola volta.\n\nSe non hai richiesto questo codice, puoi ignorare questa email. La tua password non è stata modificata.",
    register_code_subject: "Completa la registrazione a Latchkey",
    register_code_body: "Ciao {first_name},\n\nGrazie per la registrazione a Latchkey. Inserisci questo codice nell'applicazione Latchkey per completarla:\n\n{code}\n\nIl codice è valido per {minutes} minuti e può essere usato una sola volta. Subito dopo sceglierai la tua password.\n\nSe non hai richiesto la registrazione, puoi ignorare questa email. Non verrà creato alcun account.",
    already_registered_subject: "Hai già un account Latchkey",
    already_registered_body: "Ciao,\n\nQualcuno ha provato a registrare un nuovo account Latchkey con questo indirizzo email, ma esiste già un account associato.\n\nSe la richiesta è tua e ti serve una nuova password, apri l'applicazione Latchkey e scegli “Password dimenticata?”.\n\nAltrimenti puoi ignorare questa email. Il tuo account e la tua password non sono stati modificati.",
    purchase_subject: "Completa la registrazione a Latchkey per {org}",
    purchase_body: "Ciao {first_name},\n\nGrazie per aver scelto Latchkey. L'acquisto per {org} è stato registrato e sei tu la persona di riferimento per questo ordine.\n\nPer completare la registrazione, apri l'applicazione Latchkey, scegli “Password dimenticata?” e inserisci il tuo indirizzo email ({email}). Ti invieremo un codice per impostare la password.",
    invitation_subject: "Invito a {org} su Latchkey",
    invitation_body: "Ciao {first_name},\n\nUn amministratore ti ha aggiunto a {org} su Latchkey.\n\nPer completare la registrazione, apri l'applicazione Latchkey, scegli “Password dimenticata?” e inserisci il tuo indirizzo email ({email}). Ti invieremo un codice per impostare la password.\n\nSe non hai ancora l'applicazione Latchkey, rivolgiti al tuo amministratore.",
    join_request_subject: "{name} vuole unirsi a {org} su Latchkey",
    join_request_body: "Ciao,\n\n{name} ({email}) ha chiesto di unirsi a {org} su Latchkey.\n\nPuoi approvare o rifiutare la richiesta nella sezione Gestione utenti.\n\nRicevi questa email perché hai i permessi di amministratore per {org}.",
    signature: "— Il team di Latchkey",
};

static DE: MailTexts = MailTexts {
    reset_code_subject: "Ihr Latchkey-Bestätigungscode",
    reset_code_body: "Hallo,\n\ngeben Sie diesen Code im Latchkey-Client ein, um Ihr Passwort festzulegen:\n\n{code}\n\nDer Code ist {minutes} Minuten lang gültig und kann nur einmal verwendet werden.\n\nFalls Sie diesen Code nicht angefordert haben, können Sie diese E-Mail ignorieren. Ihr Passwort wurde nicht geändert.",
    register_code_subject: "Schließen Sie Ihre Registrierung bei Latchkey ab",
    register_code_body: "Hallo {first_name},\n\nvielen Dank für Ihre Registrierung bei Latchkey. Geben Sie diesen Code im Latchkey-Client ein, um die Registrierung abzuschließen:\n\n{code}\n\nDer Code ist {minutes} Minuten lang gültig und kann nur einmal verwendet werden. Anschließend wählen Sie Ihr Passwort.\n\nFalls Sie sich nicht bei Latchkey registriert haben, können Sie diese E-Mail ignorieren. Es wird kein Konto angelegt.",
    already_registered_subject: "Sie haben bereits ein Latchkey-Konto",
    already_registered_body: "Hallo,\n\njemand hat versucht, mit dieser E-Mail-Adresse ein neues Latchkey-Konto zu registrieren. Für diese Adresse besteht jedoch bereits ein Konto.\n\nFalls Sie das waren und ein neues Passwort benötigen, öffnen Sie den Latchkey-Client und wählen Sie „Passwort vergessen?“.\n\nFalls nicht, können Sie diese E-Mail ignorieren. Ihr Konto und Ihr Passwort bleiben unverändert.",
    purchase_subject: "Schließen Sie Ihre Latchkey-Registrierung für {org} ab",
    purchase_body: "Hallo {first_name},\n\nvielen Dank für Ihre Bestellung. Der Kauf von Latchkey für {org} wurde registriert; Sie sind als Ansprechperson für die Bereitstellung hinterlegt.\n\nUm Ihre Registrierung abzuschließen, öffnen Sie den Latchkey-Client, wählen Sie „Passwort vergessen?“ und geben Sie Ihre E-Mail-Adresse ({email}) ein. Wir senden Ihnen dann einen Code, mit dem Sie Ihr Passwort festlegen.",
    invitation_subject: "Einladung zur Organisation {org} in Latchkey",
    invitation_body: "Hallo {first_name},\n\nein Administrator hat Sie in Latchkey zur Organisation {org} hinzugefügt.\n\nUm Ihre Registrierung abzuschließen, öffnen Sie den Latchkey-Client, wählen Sie „Passwort vergessen?“ und geben Sie Ihre E-Mail-Adresse ({email}) ein. Wir senden Ihnen dann einen Code, mit dem Sie Ihr Passwort festlegen.\n\nFalls Sie den Latchkey-Client noch nicht haben, wenden Sie sich an Ihren Administrator.",
    join_request_subject: "{name} möchte der Organisation {org} in Latchkey beitreten",
    join_request_body: "Hallo,\n\n{name} ({email}) möchte der Organisation {org} in Latchkey beitreten.\n\nSie können die Anfrage in der Benutzerverwaltung genehmigen oder ablehnen.\n\nSie erhalten diese E-Mail, weil Sie Administrator von {org} sind.",
    signature: "— Ihr Latchkey-Team",
};

static PL: MailTexts = MailTexts {
    reset_code_subject: "Twój kod weryfikacyjny Latchkey",
    reset_code_body: "Dzień dobry,\n\nUżyj tego kodu w aplikacji Latchkey, aby ustawić hasło:\n\n{code}\n\nKod jest ważny przez {minutes} min i można go użyć tylko raz.\n\nJeśli ta prośba nie pochodzi od Ciebie, możesz zignorować tę wiadomość. Twoje hasło nie zostało zmienione.",
    register_code_subject: "Dokończ rejestrację w Latchkey",
    register_code_body: "Cześć {first_name},\n\nDziękujemy za rejestrację w Latchkey. Aby ją dokończyć, wpisz ten kod w aplikacji Latchkey:\n\n{code}\n\nKod jest ważny przez {minutes} min i można go użyć tylko raz. Następnie ustawisz swoje hasło.\n\nJeśli ta rejestracja nie pochodzi od Ciebie, możesz zignorować tę wiadomość. Konto nie zostanie utworzone.",
    already_registered_subject: "Masz już konto w Latchkey",
    already_registered_body: "Dzień dobry,\n\nKtoś próbował założyć nowe konto Latchkey z użyciem tego adresu e-mail, ale konto z tym adresem już istnieje.\n\nJeśli to Ty i potrzebujesz nowego hasła, otwórz aplikację Latchkey i wybierz „Nie pamiętasz hasła?”.\n\nJeśli to nie Ty, możesz zignorować tę wiadomość. Twoje konto i hasło nie zostały zmienione.",
    purchase_subject: "Dokończ rejestrację w Latchkey dla organizacji {org}",
    purchase_body: "Cześć {first_name},\n\nDziękujemy za zakup. Zamówienie Latchkey dla organizacji {org} zostało zarejestrowane, a Ty jesteś osobą kontaktową dla tego zamówienia.\n\nAby dokończyć rejestrację, otwórz aplikację Latchkey, wybierz „Nie pamiętasz hasła?” i wpisz swój adres e-mail ({email}). Wyślemy Ci wtedy kod do ustawienia hasła.",
    invitation_subject: "Zaproszenie do organizacji {org} w Latchkey",
    invitation_body: "Cześć {first_name},\n\nAdministrator dodał Cię do organizacji {org} w Latchkey.\n\nAby dokończyć rejestrację, otwórz aplikację Latchkey, wybierz „Nie pamiętasz hasła?” i wpisz swój adres e-mail ({email}). Wyślemy Ci wtedy kod do ustawienia hasła.\n\nJeśli nie masz jeszcze aplikacji Latchkey, skontaktuj się z administratorem.",
    join_request_subject: "{name} chce dołączyć do organizacji {org} w Latchkey",
    join_request_body: "Dzień dobry,\n\n{name} ({email}) prosi o dołączenie do organizacji {org} w Latchkey.\n\nMożesz zatwierdzić lub odrzucić tę prośbę w sekcji Zarządzanie użytkownikami.\n\nOtrzymujesz tę wiadomość, ponieważ jesteś administratorem organizacji {org}.",
    signature: "— Zespół Latchkey",
};

static CS: MailTexts = MailTexts {
    reset_code_subject: "Váš ověřovací kód pro Latchkey",
    reset_code_body: "Dobrý den,\n\npro nastavení hesla zadejte v aplikaci Latchkey tento kód:\n\n{code}\n\nKód platí {minutes} min a lze jej použít pouze jednou.\n\nPokud žádost nepochází od vás, můžete tento e-mail ignorovat. Vaše heslo zůstává beze změny.",
    register_code_subject: "Dokončete registraci v Latchkey",
    register_code_body: "Dobrý den, {first_name},\n\nděkujeme za registraci v Latchkey. Pro její dokončení zadejte v aplikaci Latchkey tento kód:\n\n{code}\n\nKód platí {minutes} min a lze jej použít pouze jednou. Poté si zvolíte heslo.\n\nPokud registrace nepochází od vás, můžete tento e-mail ignorovat. Žádný účet nebude vytvořen.",
    already_registered_subject: "Účet Latchkey už máte",
    already_registered_body: "Dobrý den,\n\nněkdo se pokusil zaregistrovat nový účet Latchkey s touto e-mailovou adresou. K této adrese však již účet existuje.\n\nPokud potřebujete nové heslo, otevřete aplikaci Latchkey a zvolte „Zapomenuté heslo?“.\n\nV opačném případě můžete tento e-mail ignorovat. Váš účet ani heslo se nezměnily.",
    purchase_subject: "Dokončete registraci Latchkey pro organizaci {org}",
    purchase_body: "Dobrý den, {first_name},\n\nděkujeme za nákup. Objednávku Latchkey pro organizaci {org} jsme zaregistrovali a vy jste její kontaktní osobou.\n\nRegistraci dokončíte tak, že otevřete aplikaci Latchkey, zvolíte „Zapomenuté heslo?“ a zadáte svou e-mailovou adresu ({email}). Poté vám pošleme kód pro nastavení hesla.",
    invitation_subject: "Pozvánka do organizace {org} v Latchkey",
    invitation_body: "Dobrý den, {first_name},\n\nadministrátor vás přidal do organizace {org} v Latchkey.\n\nRegistraci dokončíte tak, že otevřete aplikaci Latchkey, zvolíte „Zapomenuté heslo?“ a zadáte svou e-mailovou adresu ({email}). Poté vám pošleme kód pro nastavení hesla.\n\nPokud aplikaci Latchkey ještě nemáte, obraťte se na svého administrátora.",
    join_request_subject: "{name} žádá o připojení k organizaci {org} v Latchkey",
    join_request_body: "Dobrý den,\n\n{name} ({email}) žádá o připojení k organizaci {org} v Latchkey.\n\nŽádost můžete schválit nebo zamítnout v sekci Správa uživatelů.\n\nTento e-mail dostáváte, protože jste administrátorem organizace {org}.",
    signature: "— Tým Latchkey",
};

#[cfg(test)]
mod tests {
    use super::{texts, MailTexts};
    use latchkey_protocol::Language;
    use std::collections::BTreeSet;

    fn all_tables() -> Vec<(&'static str, &'static MailTexts)> {
        Language::ALL.into_iter().map(|language| (language.code(), texts(language))).collect()
    }

    /// Every text of a table with its name and the placeholders it must contain (and no others).
    fn entries(t: &MailTexts) -> [(&'static str, &'static str, &'static [&'static str]); 13] {
        [
            ("reset_code_subject", t.reset_code_subject, &[]),
            ("reset_code_body", t.reset_code_body, &["code", "minutes"]),
            ("register_code_subject", t.register_code_subject, &[]),
            ("register_code_body", t.register_code_body, &["first_name", "code", "minutes"]),
            ("already_registered_subject", t.already_registered_subject, &[]),
            ("already_registered_body", t.already_registered_body, &[]),
            ("purchase_subject", t.purchase_subject, &["org"]),
            ("purchase_body", t.purchase_body, &["first_name", "org", "email"]),
            ("invitation_subject", t.invitation_subject, &["org"]),
            ("invitation_body", t.invitation_body, &["first_name", "org", "email"]),
            ("join_request_subject", t.join_request_subject, &["name", "org"]),
            ("join_request_body", t.join_request_body, &["name", "email", "org"]),
            ("signature", t.signature, &[]),
        ]
    }

    /// The names inside `{...}`; panics on an unclosed `{` or a stray `}`.
    fn placeholders(text: &str) -> BTreeSet<&str> {
        let mut found = BTreeSet::new();
        let mut rest = text;
        while let Some(start) = rest.find('{') {
            assert!(!rest[..start].contains('}'), "stray '}}' in {text:?}");
            let after = &rest[start + 1..];
            let end = after.find('}').unwrap_or_else(|| panic!("unclosed '{{' in {text:?}"));
            let name = &after[..end];
            assert!(!name.contains('{'), "nested '{{' in {text:?}");
            found.insert(name);
            rest = &after[end + 1..];
        }
        assert!(!rest.contains('}'), "stray '}}' in {text:?}");
        found
    }

    #[test]
    fn every_text_has_exactly_its_placeholders() {
        for (code, table) in all_tables() {
            for (field, text, expected) in entries(table) {
                assert!(!text.trim().is_empty(), "{code}.{field} is empty");
                let expected: BTreeSet<&str> = expected.iter().copied().collect();
                assert_eq!(placeholders(text), expected, "{code}.{field} has the wrong placeholders");
            }
        }
    }

    #[test]
    fn texts_are_cleanly_formatted() {
        for (code, table) in all_tables() {
            for (field, text, _) in entries(table) {
                assert_eq!(text, text.trim(), "{code}.{field} has surrounding whitespace");
                assert!(!text.contains('\r') && !text.contains('\t'), "{code}.{field} has a carriage return or tab");
                for line in text.lines() {
                    assert_eq!(line, line.trim(), "{code}.{field} has a padded line: {line:?}");
                }
                assert!(!text.contains("\n\n\n"), "{code}.{field} has two blank lines in a row");
                if field.ends_with("_subject") || field == "signature" {
                    assert!(!text.contains('\n'), "{code}.{field} must be one line");
                }
            }
        }
    }

    #[test]
    fn every_language_has_its_own_table() {
        let tables = all_tables();
        for (i, (a, ta)) in tables.iter().enumerate() {
            for (b, tb) in &tables[i + 1..] {
                assert!(!std::ptr::eq(*ta, *tb), "{a} and {b} share a table");
            }
            assert!(ta.signature.contains("Latchkey"), "{a}.signature lacks the brand");
        }
    }
}
