# Latchkey – Français

## Screens
heading-sign-in = Connexion
heading-session-ended = Votre session a pris fin : reconnectez-vous
heading-forgot = Mot de passe oublié
heading-terms = Conditions d’utilisation
heading-signed-in = Connecté
heading-offline = Hors ligne jusqu’au { $until }
label-email = Adresse e-mail
label-password = Mot de passe
label-show-password = Afficher le mot de passe
button-sign-in = Se connecter
link-forgot = Mot de passe oublié ?
forgot-intro = Saisissez votre adresse e-mail. Si elle est enregistrée, nous vous envoyons un code.
button-send-code = Envoyer le code
link-back = Retour à la connexion
code-sent = Si l’adresse est enregistrée, nous lui avons envoyé un code.
label-code = Code reçu par e-mail
label-new-password = Nouveau mot de passe
policy-hint = Au moins { $min } caractères. Les phrases de passe longues sont plus sûres ; tous les caractères sont acceptés.
button-set-password = Définir le mot de passe
link-resend = Renvoyer le code
terms-read-to-end = Lisez jusqu’à la fin pour accepter.
button-accept = Accepter
button-decline = Refuser
terms-declined = Vous ne pouvez pas utiliser Latchkey sans accepter les conditions d’utilisation. Vous êtes déconnecté.
org = Organisation : { $name }
no-org = Aucune organisation
heading-roles = Rôles
heading-entitlements = Droits d’utilisation
heading-register = Inscription
link-register = S’inscrire
register-intro = Inscrivez-vous avec votre adresse e-mail professionnelle. Nous vous envoyons un code pour définir votre mot de passe.
label-first-name = Prénom
label-last-name = Nom
label-country = Pays
button-register = S’inscrire
country-choose = Choisissez votre pays
button-sign-out = Se déconnecter

## Settings and about
nav-settings = Paramètres
nav-about = À propos
heading-settings = Paramètres
heading-about = À propos de Latchkey
setting-ServerUrl = Serveur
setting-AutoStart = Démarrer à l’ouverture de session
setting-AllowSignOut = Déconnexion autorisée
setting-Proxy = Proxy
setting-ExtraCaFile = Autorités de certification supplémentaires
setting-Language = Langue
setting-Updates = Mises à jour
setting-ConsentMode = Consentement des programmes
setting-AllowedApps = Programmes autorisés
set-by-organization = défini par votre organisation
value-unset = non défini
value-yes = oui
value-no = non
about-version = Version { $version }
about-server = Serveur : { $server }
button-export-diagnostics = Exporter le diagnostic
diagnostics-saved = Diagnostic enregistré dans { $path }. Il ne contient ni mot de passe, ni code, ni jeton.
link-back-generic = Retour
link-trust-center = Centre de confiance

## Error details
not-accepted-because = Refusé parce qu’{ $reasons }.
reason-too_short = il est trop court
reason-too_long = il est trop long
reason-common = il s’agit d’un mot de passe très courant
reason-contains_email = il contient votre adresse e-mail
reasons-and = { $first } et { $second }
tries-left = Encore { $count } essais.
retry-in = Réessayez dans { $seconds } secondes.
error-unknown = Une erreur s’est produite ({ $code }).

## Error codes of the backend and the local API
error-invalid_request = La requête n’est pas valide.
error-invalid_email = Saisissez une adresse e-mail valide.
error-payload_too_large = Trop de données à envoyer.
error-too_many_rows = Le fichier contient trop de lignes.
error-rate_limited = Trop de demandes. Patientez un instant puis réessayez.
error-proof_required = Trop de demandes depuis cette adresse ou ce réseau. Réessayez.
error-proof_invalid = La vérification que vous n’êtes pas un robot a échoué ou expiré. Réessayez.
error-invalid_code = Ce code n’est pas correct.
error-code_expired = Ce code a expiré. Demandez-en un nouveau.
error-weak_password = Choisissez un mot de passe plus sûr.
error-invalid_credentials = Adresse e-mail ou mot de passe incorrect.
error-account_locked = Trop d’échecs de connexion. Réessayez plus tard.
error-no_tos = Aucune condition d’utilisation n’est encore publiée.
error-invalid_ticket = La demande d’acceptation a expiré. Reconnectez-vous.
error-tos_version_mismatch = Les conditions d’utilisation ont changé entre-temps. Lisez la nouvelle version.
error-invalid_grant = Votre session a pris fin. Reconnectez-vous.
error-unsupported_audience = Le serveur ne délivre pas de jetons pour cette application.
error-unauthorized = Vous n’êtes pas connecté.
error-forbidden = Vous n’avez pas le droit de faire cela.
error-not_found = Introuvable.
error-already_member = Cette personne est déjà membre.
error-member_of_other_org = Cette personne appartient à une autre organisation.
error-invalid_csv = Le fichier n’est pas un CSV valide.
error-unknown_role = Ce rôle n’existe pas.
error-role_not_grantable = Vous ne pouvez pas attribuer ce rôle.
error-last_administrator = L’organisation doit conserver un administrateur.
error-domain_not_verified = Ce domaine n’est pas vérifié.
error-public_domain = Un fournisseur de messagerie public ne peut pas être le domaine d’une organisation.
error-domain_taken = Ce domaine appartient à une autre organisation.
error-download_not_permitted = Ce téléchargement exige le rôle Livraison de produits – Téléchargement et l’accord de votre organisation. Demandez à votre administrateur.
error-internal = Une erreur s’est produite sur le serveur.
error-not_signed_in = Vous n’êtes pas connecté.
error-tos_required = Acceptez d’abord les conditions d’utilisation.
error-backend_unreachable = Le serveur Latchkey est injoignable. Vérifiez votre connexion.
error-timeout = Délai dépassé.
error-no_interactive_session = Aucune fenêtre n’est disponible pour se connecter.
error-not_pending = La demande d’acceptation a expiré. Reconnectez-vous.
error-sign_out_disabled = Votre organisation n’autorise pas la déconnexion.
error-forbidden_peer = Le programme d’un autre utilisateur a été refusé.
error-forbidden_origin = Les requêtes provenant de pages web sont refusées.
error-backend_refused = Le serveur Latchkey a refusé la requête.
error-no_server = Aucun serveur Latchkey n’est configuré.
error-method_not_allowed = Cette action n’est pas disponible ici.
error-shutting_down = Latchkey redémarre. Réessayez dans un instant.
error-no_release = Rien de ce produit n’est proposé pour cet ordinateur.
error-integrity_failed = Le téléchargement ne correspond pas à sa description signée : il n’a pas été installé. Réessayez ; si cela se reproduit, prévenez votre administrateur.
error-install_failed = L’installation a échoué. Rien n’est resté à moitié installé.
error-app_not_allowed = Ce programme n’a pas le droit d’utiliser votre connexion Latchkey. Autorisez-le dans Latchkey ou demandez à votre administrateur.

## Tray menu and tooltips
tray-not-signed-in = Non connecté
tray-open = Ouvrir Latchkey
tray-sign-in = Se connecter
tray-sign-out = Se déconnecter
tray-quit = Quitter
tooltip-signed-in = Latchkey — connecté en tant que { $email }
tooltip-signed-out = Latchkey — déconnecté
tooltip-offline = Latchkey — hors ligne jusqu’au { $until }
tooltip-terms = Latchkey — nouvelles conditions d’utilisation à accepter
tooltip-expired = Latchkey — session expirée, reconnectez-vous

## First run, settings, password strength, tray, notifications
heading-first-run = Bienvenue dans Latchkey
first-run-intro = Saisissez l'adresse du serveur Latchkey de votre organisation. Votre service informatique peut vous l'indiquer.
label-server-url = Adresse du serveur
button-continue = Continuer
language-automatic = Comme le système
label-start-at-login = Démarrer Latchkey à l'ouverture de ma session sur cet ordinateur
autostart-machine = Votre administrateur a configuré Latchkey pour démarrer à l'ouverture de session pour tous les utilisateurs de cet ordinateur.
setting-saved = Enregistré.
strength-label = Robustesse du mot de passe
strength-0 = Trop court
strength-1 = Faible
strength-2 = Moyen
strength-3 = Bon
strength-4 = Robuste
policy-rule-length = Entre { $min } et { $max } caractères
policy-rule-common = Pas un mot de passe courant
policy-rule-email = Ne contient pas votre adresse e-mail
tray-start-at-login = Démarrer à l'ouverture de session
tray-language = Langue
tray-about = À propos de Latchkey
notify-signed-in = Connecté à Latchkey
notify-signed-in-body = Vous êtes connecté en tant que { $email }.
notify-expired = Session Latchkey expirée
notify-expired-body = Reconnectez-vous pour continuer à utiliser vos applications.
notify-terms = Nouvelles conditions d'utilisation
notify-terms-body = Ouvrez Latchkey pour lire et accepter les nouvelles conditions d'utilisation.
notify-offline = Latchkey fonctionne hors ligne
notify-offline-body = Le serveur est injoignable. Vos applications fonctionnent jusqu'au { $until }.
notify-update = Mise à jour de Latchkey disponible
notify-update-body = Latchkey { $version } est disponible : ouvrez Applications dans Latchkey pour l’installer.
notify-updating = Mise à jour de Latchkey
notify-updating-body = Latchkey { $version } est en cours d’installation.
error-setting_enforced = Votre organisation définit ce paramètre : il ne peut pas être modifié ici.
error-invalid_setting = Cette valeur n'est pas valide.
error-setting_unwritable = Le paramètre n'a pas pu être enregistré.
webview-missing-title = Latchkey ne peut pas ouvrir sa fenêtre
webview-missing = Microsoft Edge WebView2 Runtime, dont la fenêtre de Latchkey a besoin, n’est pas installé. La connexion depuis d’autres applications et la commande latchkey continuent de fonctionner. Demandez à votre service informatique d’installer WebView2 Runtime, ou téléchargez-le sur https://go.microsoft.com/fwlink/p/?LinkId=2124703

## The signed-in screen, for people
role-fulfillment_contact = Contact traitement des commandes
role-account_admin = Administrateur du compte
role-co_admin = Coadministrateur
role-product_delivery_download = Livraison de produits – Téléchargement
feature-download = Téléchargements
badge-offline = Hors ligne
entitlement-offline-days = { $days ->
    [one] Utilisable hors ligne encore un jour
   *[other] Utilisable hors ligne encore { $days } jours
}
entitlement-offline-hours = { $hours ->
    [one] Utilisable hors ligne encore une heure
   *[other] Utilisable hors ligne encore { $hours } heures
}
entitlement-ends = L’abonnement se termine le { $date }
entitlements-empty = Aucun produit ne vous est encore attribué. Adressez-vous à votre administrateur.
entitlements-loading = Chargement de vos produits…

## The command line (`latchkey`): answers, the terminal dialogue and its prompts (the program adds ": ")
cli-signed-in = Connecté en tant que { $who }
cli-signed-in-offline = Connecté en tant que { $who }, hors ligne jusqu’au { $until }
cli-tos-pending = Les conditions d’utilisation doivent être acceptées : exécutez `latchkey sign-in`
cli-session-ended = La session a pris fin : exécutez `latchkey sign-in`
cli-signing-in = Connexion en cours…
cli-signed-out = Déconnecté
cli-sign-out-done = Déconnecté.
cli-setting-unset = (non défini)
cli-entitled = { $product } : droit d’utilisation accordé ({ $features })
cli-not-entitled = { $product } : aucun droit d’utilisation ({ $reason })
cli-entitlement-until = jusqu’au { $date }
cli-entitlement-no-end = sans date de fin
cli-entitlements-summary = { $count ->
    [one] ({ $count } droit d’utilisation, { $source }, utilisable hors ligne jusqu’au { $until })
   *[other] ({ $count } droits d’utilisation, { $source }, utilisables hors ligne jusqu’au { $until })
}
cli-window-open = La fenêtre de Latchkey est ouverte : connectez-vous depuis cette fenêtre.
cli-app-installed = installé { $version }
cli-app-not-installed = non installé
cli-app-available = { $version } disponible
cli-app-up-to-date = à jour
cli-app-ask-admin = demandez à votre administrateur le rôle Livraison de produits – Téléchargement
cli-app-not-allowed = votre organisation n’autorise pas son installation
cli-app-nothing-here = rien n’est proposé pour cet ordinateur
cli-install-progress = Téléchargement de { $product } { $version } : { $percent } %
cli-install-verifying = Vérification du téléchargement…
cli-install-installing = Installation de { $product } { $version }…
cli-consent-none-waiting = Aucun programme n’attend de réponse.
cli-consent-approving = Autorisation de : { $program }
cli-consent-confirm = Autoriser { $program } à utiliser votre connexion ? [o/N]
cli-consent-unknown-program = Aucune décision n’est enregistrée pour { $program } : désignez-le par son chemin ou son SHA-256 tels que `latchkey apps list` les affiche.
cli-consent-name-one = Plusieurs programmes attendent : désignez-en un par son identifiant (latchkey apps approve ID).
cli-consent-mode = Mode de consentement : { $mode }
cli-consent-by-organization = autorisé par votre organisation
cli-consent-allowed = autorisé
cli-consent-denied = refusé
cli-consent-waiting = en attente
cli-install-done = { $product } { $version } est installé.
cli-install-cancelled = Annulé. Relancez la même commande pour reprendre le téléchargement.
cli-prompt-email = Adresse e-mail
cli-prompt-password = Mot de passe
cli-prompt-password-or-empty = Mot de passe (laissez vide si vous n’en avez pas encore ou si vous l’avez oublié)
cli-prompt-new-password = Nouveau mot de passe
cli-prompt-code = Code reçu par e-mail
cli-no-email = Aucune adresse e-mail n’a été indiquée.
cli-code-format = Le code est composé des 8 chiffres reçus par e-mail.
cli-code-sent = Si l’adresse est enregistrée, un code vous est envoyé par e-mail.
cli-password-set = Mot de passe défini.
cli-password-set-sign-in = Votre mot de passe est défini : connectez-vous avec `latchkey sign-in`.
cli-accept-tos = Accepter les conditions d’utilisation (version { $version }) ? [o/N]
# The answers that mean yes to cli-accept-tos, comma-separated; "y" and "yes" are always accepted too.
cli-yes = o, oui
cli-tos-declined = Vous ne pouvez pas utiliser Latchkey sans accepter les conditions d’utilisation ; vous êtes déconnecté.
cli-no-server = Aucun serveur n’est configuré : définissez ServerUrl (LATCHKEY_SERVER_URL, ou server_url dans ~/.config/latchkey/settings.toml).
cli-agent-not-running = Latchkey n’est pas en cours d’exécution sur { $socket } : ouvrez l’application Latchkey, ou exécutez `latchkey agent` (pour les serveurs et les sessions SSH).
cli-foreign-agent = L’agent Latchkey sur { $socket } s’exécute en tant que { $user }, pas en tant que vous : rien ne lui a été envoyé.
cli-not-signed-in = Vous n’êtes pas connecté : exécutez `latchkey sign-in` ou ouvrez Latchkey.
cli-tos-required = Les conditions d’utilisation doivent d’abord être acceptées : exécutez `latchkey sign-in` ou ouvrez Latchkey.
cli-unexpected-answer = La réponse de l’agent n’a pas été comprise : { $detail }
cli-agent-io = La communication avec l’agent a échoué : { $detail }
cli-agent-cannot-start = L’agent ne peut pas démarrer : { $detail }
cli-no-agent-program = Cette commande a besoin de latchkey-agent, installé à côté de latchkey : { $detail }

## The Applications screen
button-applications = Applications
heading-applications = Applications
apps-loading = Chargement de vos applications…
apps-empty = Aucune application ne vous est proposée.
app-installed = Installé : { $version }
app-not-installed = Non installé
app-available = Disponible : { $version }
app-up-to-date = À jour
app-nothing-here = Rien n’est proposé pour cet ordinateur.
app-ask-admin = Pour télécharger des applications, il vous faut le rôle Livraison de produits – Téléchargement. Demandez à votre administrateur.
app-not-allowed = Votre organisation n’autorise pas l’installation de cette application.
app-release-notes = Notes de version
button-install = Télécharger et installer
button-update = Mettre à jour
button-cancel = Annuler
install-downloading = Téléchargement… { $percent } %
install-verifying = Vérification du téléchargement…
install-installing = Installation…
install-done = Installé.
install-cancelled = Annulé. Téléchargez et installez de nouveau pour reprendre.

## A program asking to use the sign-in, and the programs decided about (Settings)
heading-consent = Autoriser ce programme à utiliser votre connexion ?
heading-consent-none = Les programmes et votre connexion
consent-label-path = Programme
consent-label-sha256 = SHA-256
consent-label-pid = ID de processus
consent-name = Il se présente comme « { $name } », mais tout programme peut se donner un nom : c’est le chemin ci-dessus qui l’identifie.
consent-explain = Si vous l’autorisez, il recevra des jetons d’accès et vos droits d’utilisation tant que vous êtes connecté.
consent-remembered = Latchkey retient « Toujours autoriser » et « Refuser » pour ce programme ; vous pouvez révoquer l’un comme l’autre dans les Paramètres.
consent-expires = Sans réponse avant { $time }, le programme sera refusé.
consent-more = { $count ->
    [one] Un autre programme attend.
   *[other] { $count } autres programmes attendent.
}
button-allow-once = Autoriser une fois
button-always-allow = Toujours autoriser
button-deny = Refuser
consent-none = Aucun programme n’attend votre réponse.
consent-expired = Cette demande a expiré : le programme a été refusé cette fois-ci et peut redemander.
heading-consent-apps = Programmes autorisés à utiliser votre connexion
consent-apps-empty = Vous n’avez encore autorisé ni refusé aucun programme.
consent-app-name = Se présente comme « { $name } »
consent-decision-allowed = Autorisé le { $date }
consent-decision-denied = Refusé le { $date }
button-revoke = Révoquer
consent-revoked = Révoqué : Latchkey ne retient plus votre décision pour ce programme.
consent-mode-allow = Votre organisation autorise tous les programmes à utiliser votre connexion.
consent-mode-deny-unknown = Seuls les programmes listés par votre organisation peuvent utiliser votre connexion.
consent-org-allowed = Autorisés par votre organisation :
