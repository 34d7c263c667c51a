# The User Management web portal (/admin), served by latchkey-server. Every locale has every key:
# crates/server/src/portal/i18n.rs tests it.

## Frame
portal-title = Gestion des utilisateurs Latchkey
skip-to-content = Aller au contenu
nav-label = Navigation principale
nav-users = Utilisateurs
nav-add-user = Ajouter un utilisateur
nav-bulk = Inscription groupée
nav-domains = Domaines
nav-requests = Demandes d’adhésion
nav-organization = Organisation
signed-in-as = Connecté en tant que { $email }
button-sign-out = Se déconnecter
language-label = Langue
button-change-language = Changer

## Sign-in and Terms
heading-sign-in = Se connecter à la Gestion des utilisateurs
sign-in-intro = Réservé aux administrateurs d’une organisation. Utilisez la même adresse e-mail et le même mot de passe que dans le client Latchkey.
label-email = E-mail
label-password = Mot de passe
button-sign-in = Se connecter
forgot-hint = Pas encore de mot de passe, ou vous l’avez oublié ? Choisissez « Mot de passe oublié ? » dans le client Latchkey, ou définissez-le ici.
link-forgot = Mot de passe oublié ?
error-credentials = L’adresse e-mail ou le mot de passe est incorrect.
error-locked = Trop de tentatives échouées. Réessayez dans { $minutes } minutes.
error-rate-limited = Trop de tentatives. Réessayez dans { $minutes } minutes.
error-proof-required = Trop de demandes depuis cette adresse ou ce réseau. Activez JavaScript dans le navigateur (il prouve que vous n’êtes pas un robot) et renvoyez le formulaire.
error-proof-invalid = La vérification que vous n’êtes pas un robot a échoué ou expiré. Renvoyez le formulaire.
error-not-admin = Ce portail est destiné aux administrateurs d’une organisation. Votre compte n’a aucun rôle d’administrateur.
heading-terms = Conditions d’utilisation
terms-intro = Acceptez les conditions d’utilisation pour continuer.
button-accept = Accepter
button-decline = Refuser
terms-declined = Vous ne pouvez pas utiliser la Gestion des utilisateurs sans accepter les conditions d’utilisation.
terms-expired = La connexion a pris trop de temps. Reconnectez-vous.
signed-out = Vous êtes déconnecté.

## Forgot password
heading-forgot = Définir ou réinitialiser votre mot de passe
forgot-intro = Saisissez votre adresse e-mail. Si elle est enregistrée, nous vous envoyons un code.
button-send-code = Envoyer le code
code-sent = Si l’adresse { $email } est enregistrée, nous y avons envoyé un code. Saisissez-le ci-dessous avec votre nouveau mot de passe.
label-code = Code reçu par e-mail
label-new-password = Nouveau mot de passe
password-hint = Au moins { $min } caractères. Les phrases de passe plus longues sont plus sûres ; tous les caractères sont acceptés.
button-set-password = Définir le mot de passe
password-set = Votre mot de passe est défini. Connectez-vous avec celui-ci.
error-code = Le code est incorrect ou a expiré. Demandez-en un nouveau.
weak-password = Le mot de passe est trop faible : { $reasons }
weak-too_short = moins de { $min } caractères
weak-too_long = trop long
weak-common = mot de passe couramment utilisé
weak-contains_email = contient votre adresse e-mail

## Users
heading-users = Utilisateurs
search-label = Rechercher par adresse ou par nom
button-search = Rechercher
column-email = E-mail
column-name = Nom
column-country = Pays
column-roles = Rôles
column-status = Statut
status-invited = Invité
status-active = Actif
status-locked = Verrouillé
no-users = Aucun utilisateur ne correspond.
link-next-page = Page suivante
link-first-page = Première page
users-count = { $count ->
    [one] { $count } utilisateur sur cette page
   *[other] { $count } utilisateurs sur cette page
}
link-manage = Gérer
column-actions = Actions
pages-label = Pages

## Add a user
heading-add-user = Ajouter un utilisateur
add-user-intro = L’utilisateur reçoit un e-mail lui expliquant comment définir son mot de passe dans le client Latchkey.
label-first-name = Prénom
label-last-name = Nom
label-country = Pays
choose-country = Choisissez un pays
label-roles = Rôles
label-mail-language = Langue de l’e-mail
button-add-user = Ajouter l’utilisateur
user-added = { $email } a été ajouté et invité.

## Roles
role-fulfillment_contact = Contact traitement des commandes
role-account_admin = Administrateur du compte
role-co_admin = Coadministrateur
role-product_delivery_download = Livraison de produits – Téléchargement
role-not-grantable = (supérieur à votre propre rôle)

## One user
heading-user = { $name }
label-status = Statut
label-member-since = Membre depuis
button-save-roles = Enregistrer les rôles
roles-saved = Les rôles de { $email } sont enregistrés.
heading-remove = Retirer de l’organisation
remove-intro = { $email } perd immédiatement l’accès aux produits de l’organisation et est déconnecté partout. Le compte lui-même est conservé.
button-remove = Retirer { $email }
confirm-remove = Retirer { $email } de l’organisation ?
user-removed = { $email } a été retiré de l’organisation.

## Bulk register
heading-bulk = Inscription groupée d’utilisateurs
bulk-intro = Téléversez un fichier CSV avec les colonnes email, first_name, last_name, country et, en option, roles (séparés par ;) et language. Vous voyez d’abord une vérification de chaque ligne ; rien n’est enregistré tant que vous n’avez pas lancé l’importation.
link-template = Télécharger le modèle (CSV)
label-file = Fichier CSV (10 MiB et 100 000 lignes au maximum)
button-check = Vérifier le fichier
heading-report = Vérification de { $file }
report-ready = { $count ->
    [one] { $count } utilisateur peut être ajouté.
   *[other] { $count } utilisateurs peuvent être ajoutés.
}
report-already = { $count ->
    [one] { $count } adresse est déjà membre et reste inchangée.
   *[other] { $count } adresses sont déjà membres et restent inchangées.
}
report-failed = { $count ->
    [0] Aucune ligne ne contient d’erreur.
    [one] { $count } ligne contient une erreur et ne sera pas importée :
   *[other] { $count } lignes contiennent des erreurs et ne seront pas importées :
}
column-line = Ligne
column-problem = Problème
link-error-report = Télécharger les lignes en erreur (CSV)
link-upload-another = Téléverser un autre fichier
button-import = Importer { $count ->
    [one] { $count } utilisateur
   *[other] { $count } utilisateurs
}
report-fix-hint = Corrigez les lignes en erreur dans votre fichier et téléversez-le à nouveau, ou importez dès maintenant les lignes valides.
heading-imported = Importation terminée
imported = { $count ->
    [one] { $count } utilisateur a été ajouté et invité.
   *[other] { $count } utilisateurs ont été ajoutés et invités.
}
upload-expired = Ce fichier téléversé n’est plus disponible. Téléversez à nouveau le fichier.
error-file-missing = Choisissez un fichier CSV à téléverser.
problem-invalid_email = L’adresse e-mail n’est pas valide.
problem-invalid_country = Le pays n’est pas un code ISO 3166 tel que DE ou US.
problem-unknown_role = Un rôle est inconnu.
problem-duplicate_row = L’adresse figure déjà plus haut dans le fichier.
problem-missing_field = Un champ obligatoire est vide.
problem-field_too_long = Un champ est trop long.
problem-invalid_characters = Un champ contient des caractères non autorisés, comme un saut de ligne.
problem-member_of_other_org = L’adresse appartient à une autre organisation.
problem-role_not_grantable = Un rôle est supérieur au vôtre.
problem-invalid_language = La langue ne fait pas partie de en, es, fr, tr, nl, it, de, pl, cs.

## Domains
heading-domains = Domaines
domains-intro = Lorsque l’approbation automatique est activée, toute personne qui s’inscrit avec une adresse du domaine rejoint l’organisation sans attendre un administrateur.
column-domain = Domaine
column-verified = Vérifié
column-auto-approval = Approbation automatique
yes = Oui
no = Non
button-turn-on = Activer l’approbation automatique
button-turn-off = Désactiver l’approbation automatique
no-domains = L’organisation n’a pas encore de domaine.
heading-add-domain = Vérifier votre domaine
add-domain-intro = Vous pouvez vérifier le domaine de votre propre adresse, { $domain }.
label-auto-approve = Activer immédiatement l’approbation automatique
button-verify-domain = Vérifier { $domain }
domain-saved = { $domain } est enregistré.

## Join requests
heading-requests = Demandes d’adhésion
requests-intro = Personnes qui se sont inscrites avec un domaine vérifié de l’organisation alors que l’approbation automatique était désactivée.
column-requested = Demandé le
button-approve = Approuver
button-reject = Refuser
no-requests = Personne n’est en attente.
request-approved = { $email } a rejoint l’organisation.
request-rejected = La demande de { $email } a été refusée.

## Organization
heading-organization = Organisation
label-org-name = Nom
label-org-id = Identifiant
label-fulfillment-contact = Contact traitement des commandes
label-offline-grace = Utilisation hors ligne
offline-grace-days = { $days ->
    [one] { $days } jour sans connexion
   *[other] { $days } jours sans connexion
}
heading-subscriptions = Abonnements
column-product = Produit
column-expires = Expiration
never-expires = N’expire pas
no-subscriptions = L’organisation n’a aucun abonnement.

## Errors
heading-error = Une erreur s’est produite
error-forbidden = Vous n’êtes pas autorisé à effectuer cette action. Seuls les administrateurs de cette organisation le peuvent.
error-not-found = Cette page n’existe pas, ou l’utilisateur n’est pas membre de votre organisation.
error-csrf = Le formulaire a expiré. Rechargez la page et réessayez.
error-too-large = Le fichier dépasse 10 MiB.
error-too-many-rows = Le fichier contient plus de 100 000 lignes.
error-invalid-csv = Le fichier ne peut pas être lu au format CSV : { $detail }
error-last-administrator = L’organisation doit conserver un contact traitement des commandes et un administrateur.
error-validation = Vérifiez les champs mis en évidence.
error-field-email = Saisissez une adresse e-mail valide.
error-field-name = Saisissez un nom (100 caractères au maximum, sans saut de ligne).
error-field-country = Choisissez un pays.
error-already-member = Cette adresse est déjà membre de l’organisation.
error-other-org = Cette adresse appartient à une autre organisation.
error-public-domain = Un domaine de messagerie public ne peut pas appartenir à une organisation.
error-domain-taken = Une autre organisation possède déjà ce domaine.
error-domain-not-verified = Seul le domaine de votre propre adresse peut être vérifié ici.
error-bad-request = La requête n’est pas valide : { $detail }
error-generic = Le serveur n’a pas pu effectuer cette action. Réessayez plus tard. (Référence : { $code })
link-back-to-users = Retour aux utilisateurs

## Software: the policy page and the public download page
nav-software = Logiciels
heading-software = Logiciels
software-intro = Choisissez lesquels de vos produits les membres ayant le rôle Livraison de produits – Téléchargement peuvent installer depuis Latchkey, et en quelle version.
label-update-channel = Mises à jour de Latchkey
update-channel-auto = Automatiquement
update-channel-notify = Prévenir l’utilisateur
update-channel-off = Désactivées (l’informatique déploie les mises à jour)
update-channel-hint = Un ordinateur dont la stratégie Updates est plus stricte garde son propre réglage.
column-members-may-install = Les membres peuvent installer
column-version = Version
version-latest = La plus récente
button-save = Enregistrer
software-saved = La politique logicielle est enregistrée.
heading-download = Télécharger Latchkey
download-intro = Latchkey vous connecte aux applications de votre organisation. Installez-le sur votre ordinateur, puis choisissez Mot de passe oublié ? pour définir votre mot de passe.
no-downloads = Aucun programme d’installation n’est encore publié.
download-link = { $platform } : Latchkey { $version }
download-size = ({ $megabytes } Mo)
download-admin-link = Administrateurs : connectez-vous à la gestion des utilisateurs
platform-windows-x64 = Windows (64 bits)
platform-windows-x86 = Windows (32 bits)
platform-linux-deb = Linux (Debian, Ubuntu)
platform-linux-rpm = Linux (Fedora, RHEL, SUSE)
platform-macos = macOS
download-page-link = Les programmes d’installation de Latchkey pour vos utilisateurs : la page publique de téléchargement
